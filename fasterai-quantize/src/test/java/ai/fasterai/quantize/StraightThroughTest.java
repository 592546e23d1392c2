/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The straight-through estimator: gradient exactly 1 on the closed interval {@code [(qmin - z) * s,
 * (qmax - z) * s]} (the clamp bounds themselves included) and exactly 0 beyond it.
 */
class StraightThroughTest {

    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** Returns {forward values, gradient of sum(fq(x)) with respect to x}. */
    private static float[][] forwardAndGradient(float[] values, Shape shape, QuantParams p) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(values, shape);
            x.setRequiresGradient(true);
            float[] forward;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = FakeQuantize.apply(x, p);
                forward = y.toFloatArray();
                gc.backward(y.sum());
            }
            return new float[][] {forward, x.getGradient().toFloatArray()};
        }
    }

    @Test
    void int8SymmetricGradientIsOneInsideZeroOutside() {
        // s = 0.5, z = 0: the interval is [-128 * 0.5, 127 * 0.5] = [-64, 63.5]
        QuantParams p = new QuantParams(new float[] {0.5f}, new int[] {0}, -128, 127, -1);
        float[] x = {-100f, -64.01f, -64f, -63.9f, 0.25f, 0.3f, 63.5f, 63.51f, 63.6f, 100f};
        float[][] r = forwardAndGradient(x, new Shape(x.length), p);
        assertArrayEquals(FakeQuantize.fakeQuantize(x, new Shape(x.length), p), r[0], 0f);
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 0, 0, 0}, r[1], 0f);
    }

    @Test
    void uint8AffineGradientIsOneInsideZeroOutside() {
        // s = 0.5, z = 64: the interval is [(0 - 64) * 0.5, (255 - 64) * 0.5] = [-32, 95.5]
        QuantParams p = new QuantParams(new float[] {0.5f}, new int[] {64}, 0, 255, -1);
        float[] x = {-40f, -32.1f, -32f, -1.25f, 0f, 95.5f, 95.6f, 200f};
        float[][] r = forwardAndGradient(x, new Shape(2, 4), p);
        assertArrayEquals(FakeQuantize.fakeQuantize(x, new Shape(2, 4), p), r[0], 0f);
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 0, 0}, r[1], 0f);
    }

    @Test
    void perChannelGradientUsesEachChannelsInterval() {
        // Row intervals: s 1 -> [-128, 127]; s 0.5 -> [-64, 63.5]; s 2 -> [-256, 254]
        QuantParams p =
                new QuantParams(new float[] {1f, 0.5f, 2f}, new int[] {0, 0, 0}, -128, 127, 0);
        float[] x = {
            127f, 127.5f, -128f, -129f,
            63.5f, 64f, -64f, -64.5f,
            254f, 255f, -256f, -257f
        };
        float[][] r = forwardAndGradient(x, new Shape(3, 4), p);
        assertArrayEquals(FakeQuantize.fakeQuantize(x, new Shape(3, 4), p), r[0], 0f);
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}, r[1], 0f);
    }
}
