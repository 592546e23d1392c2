/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static ai.fasterai.core.nn.Fixtures.assertMessage;
import static ai.fasterai.core.nn.Fixtures.assertValues;
import static ai.fasterai.core.nn.Fixtures.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fasterai.core.nn.ActivationBlock.Kind;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

/** Each kind against its formula, computed in Java. */
class ActivationBlockTest {

    private static final float[] INPUT = {-7f, -1f, -0.5f, 0f, 0.5f, 1f, 3f, 7f};

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private void check(ActivationBlock block, DoubleUnaryOperator f) {
        float[] expected = new float[INPUT.length];
        for (int i = 0; i < INPUT.length; i++) {
            expected[i] = (float) f.applyAsDouble(INPUT[i]);
        }
        NDArray x = manager.create(INPUT).reshape(2, 4);
        assertValues(expected, forward(manager, block, x), new Shape(2, 4));
    }

    @Test
    void reluClipsNegatives() {
        check(ActivationBlock.relu(), v -> Math.max(v, 0));
    }

    @Test
    void relu6ClipsBothEnds() {
        check(ActivationBlock.relu6(), v -> Math.min(Math.max(v, 0), 6));
    }

    @Test
    void sigmoidAndTanh() {
        check(ActivationBlock.sigmoid(), v -> 1 / (1 + Math.exp(-v)));
        check(ActivationBlock.tanh(), Math::tanh);
    }

    @Test
    void geluIsXTimesTheNormalCdf() {
        // Phi(x) = (1 + erf(x / sqrt 2)) / 2, with erf from Abramowitz-Stegun 7.1.26 (|error| <
        // 1.5e-7).
        check(ActivationBlock.gelu(), v -> v * 0.5 * (1 + erf(v / Math.sqrt(2))));
    }

    @Test
    void identityReturnsTheInput() {
        check(ActivationBlock.identity(), v -> v);
    }

    @Test
    void factoriesAndNamesMatchTheKind() {
        assertEquals(Kind.RELU, ActivationBlock.relu().getKind());
        assertEquals(Kind.RELU6, ActivationBlock.relu6().getKind());
        assertEquals(Kind.GELU, ActivationBlock.of(Kind.GELU).getKind());
        assertEquals("ReLU", ActivationBlock.relu().toString());
        assertEquals("ReLU6", ActivationBlock.relu6().toString());
        assertEquals("Identity", ActivationBlock.identity().toString());
        assertEquals(0, ActivationBlock.relu().getParameters().size());
    }

    @Test
    void nullKindIsRejected() {
        assertMessage(() -> ActivationBlock.of(null), "kind", "null");
    }

    private static double erf(double x) {
        double[] a = {0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429};
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double poly = 0;
        for (int i = a.length - 1; i >= 0; i--) {
            poly = (poly + a[i]) * t; // Horner: t * (a0 + t * (a1 + ...))
        }
        double y = 1 - poly * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
