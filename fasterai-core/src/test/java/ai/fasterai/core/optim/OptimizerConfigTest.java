/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Defaults and validation of the optimizer choices. */
class OptimizerConfigTest {

    @Test
    void defaultsFollowDjlAndPytorch() {
        OptimizerConfig adam = OptimizerConfig.adam().build();
        assertEquals(OptimizerConfig.Kind.ADAM, adam.getKind());
        assertEquals(0.9f, adam.getMomentum());
        assertEquals(0f, adam.getWeightDecay());
        assertEquals(0.01f, OptimizerConfig.adamW().build().getWeightDecay());
        assertEquals(OptimizerConfig.Kind.SGD, OptimizerConfig.sgd().build().getKind());
    }

    @Test
    void outOfRangeOptionsAreNamed() {
        String m =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> OptimizerConfig.sgd().optMomentum(1f).build())
                        .getMessage();
        assertTrue(m.contains("momentum must be in [0, 1), got 1.0"), m);
        m =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> OptimizerConfig.adam().optWeightDecay(-1f).build())
                        .getMessage();
        assertTrue(m.contains("weightDecay"), m);
        m =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> OptimizerConfig.adam().optEpsilon(0f).build())
                        .getMessage();
        assertTrue(m.contains("epsilon"), m);
        m =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> OptimizerConfig.adam().optBeta2(Float.NaN).build())
                        .getMessage();
        assertTrue(m.contains("beta2") && m.contains("NaN"), m);
    }
}
