/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static ai.fasterai.core.nn.Fixtures.assertMessage;
import static ai.fasterai.core.nn.Fixtures.assertValues;
import static ai.fasterai.core.nn.Fixtures.forward;
import static ai.fasterai.core.nn.Fixtures.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's adaptive windows: cell i covers rows floor(i*H/oh) .. ceil((i+1)*H/oh)-1. For H = 5, oh
 * = 3 the row windows are {0, 1}, {1, 2, 3}, {3, 4}.
 */
class AdaptiveAvgPool2dTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void generalCaseMatchesHandComputedWindows() {
        // x[r][c] = 5r + c, so a window's mean is 5 * (mean row) + (mean column). The row (and
        // column) windows {0,1}, {1,2,3}, {3,4} have means 0.5, 2, 3.5.
        float[] expected = {
            3.0f, 4.5f, 6.0f, // 5 * 0.5 + {0.5, 2, 3.5}
            10.5f, 12.0f, 13.5f, // 5 * 2 + ...
            18.0f, 19.5f, 21.0f // 5 * 3.5 + ...
        };
        assertValues(
                expected,
                forward(manager, AdaptiveAvgPool2d.of(3), grid(manager, 5, 5)),
                new Shape(1, 1, 3, 3));
    }

    @Test
    void generalCaseWithDifferentAxes() {
        // 5x4 -> 3x2: rows as above (means 0.5, 2, 3.5), columns divide: {0,1}, {2,3} (means 0.5,
        // 2.5). x[r][c] = 4r + c.
        float[] expected = {
            4 * 0.5f + 0.5f,
            4 * 0.5f + 2.5f,
            4 * 2f + 0.5f,
            4 * 2f + 2.5f,
            4 * 3.5f + 0.5f,
            4 * 3.5f + 2.5f
        };
        assertValues(
                expected,
                forward(manager, AdaptiveAvgPool2d.of(3, 2), grid(manager, 5, 4)),
                new Shape(1, 1, 3, 2));
    }

    @Test
    void upsamplingRepeatsOverlappingWindows() {
        // 2x2 -> 3x3: row windows {0}, {0, 1}, {1}. x = [[0, 1], [2, 3]].
        float[] expected = {0f, 0.5f, 1f, 1f, 1.5f, 2f, 2f, 2.5f, 3f};
        assertValues(
                expected,
                forward(manager, AdaptiveAvgPool2d.of(3), grid(manager, 2, 2)),
                new Shape(1, 1, 3, 3));
    }

    @Test
    void divisibleCaseIsAnEvenAveragePool() {
        // 4x4 -> 2x2: windows of 2x2, e.g. (0 + 1 + 4 + 5) / 4.
        assertValues(
                new float[] {2.5f, 4.5f, 10.5f, 12.5f},
                forward(manager, AdaptiveAvgPool2d.of(2, 2), grid(manager, 4, 4)),
                new Shape(1, 1, 2, 2));
        // Global pooling: the mean of 0..15 is 7.5.
        assertValues(
                new float[] {7.5f},
                forward(manager, AdaptiveAvgPool2d.of(1), grid(manager, 4, 4)),
                new Shape(1, 1, 1, 1));
    }

    @Test
    void sameSizeIsTheIdentity() {
        NDArray x = grid(manager, 3, 2);
        assertValues(
                x.toFloatArray(),
                forward(manager, AdaptiveAvgPool2d.of(3, 2), x),
                new Shape(1, 1, 3, 2));
    }

    @Test
    void batchesAndChannelsArePooledSeparately() {
        // Two samples, two channels: channel k of sample n is the 5x5 grid plus 100 * (2n + k).
        NDArray x = grid(manager, 5, 5).broadcast(2, 2, 5, 5).toType(DataType.FLOAT32, true);
        NDArray offsets = manager.create(new float[] {0, 100, 200, 300}).reshape(2, 2, 1, 1);
        NDArray y = forward(manager, AdaptiveAvgPool2d.of(3), x.add(offsets));
        assertEquals(new Shape(2, 2, 3, 3), y.getShape());
        float[] v = y.toFloatArray();
        // Centre cell (1, 1) of each map: 12 + offset.
        assertEquals(12f, v[4], 1e-5f);
        assertEquals(112f, v[9 + 4], 1e-5f);
        assertEquals(212f, v[18 + 4], 1e-5f);
        assertEquals(312f, v[27 + 4], 1e-5f);
    }

    @Test
    void generalCaseIsDifferentiable() {
        // d sum(pool(x)) / dx[r][c] = g(r) * g(c), with g the sum of 1/|window| over the windows
        // holding the index: g = {1/2, 1/2 + 1/3, 1/3, 1/3 + 1/2, 1/2} for 5 -> 3.
        float[] g = {1f / 2, 5f / 6, 1f / 3, 5f / 6, 1f / 2};
        float[] expected = new float[25];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                expected[5 * r + c] = g[r] * g[c];
            }
        }
        AdaptiveAvgPool2d pool = AdaptiveAvgPool2d.of(3);
        NDArray x = grid(manager, 5, 5);
        x.setRequiresGradient(true);
        pool.initialize(manager, DataType.FLOAT32, x.getShape());
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y =
                    pool.forward(new ParameterStore(manager, false), new NDList(x), true)
                            .singletonOrThrow();
            collector.backward(y.sum());
        }
        assertValues(expected, x.getGradient(), new Shape(1, 1, 5, 5));
    }

    @Test
    void outputShapeKeepsBatchAndChannels() {
        AdaptiveAvgPool2d pool = AdaptiveAvgPool2d.of(7, 5);
        assertEquals(7, pool.getOutHeight());
        assertEquals(5, pool.getOutWidth());
        assertEquals(
                new Shape(4, 512, 7, 5),
                pool.getOutputShapes(new Shape[] {new Shape(4, 512, 3, 9)})[0]);
    }

    @Test
    void badSettingsAndShapesAreRejected() {
        assertMessage(() -> AdaptiveAvgPool2d.of(0), "size", ">= 1", "0");
        assertMessage(() -> AdaptiveAvgPool2d.of(0, 3), "outHeight", "0");
        assertMessage(() -> AdaptiveAvgPool2d.of(3, -2), "outWidth", "-2");
        AdaptiveAvgPool2d pool = AdaptiveAvgPool2d.of(1);
        assertMessage(
                () -> pool.getOutputShapes(new Shape[] {new Shape(2, 8)}), "rank 4", "(2, 8)");
        assertMessage(
                () -> pool.getOutputShapes(new Shape[] {new Shape(2, 8, 0, 4)}),
                "height and width",
                "(2, 8, 0, 4)");
    }

    @Test
    void toStringShowsTheOutputSize() {
        assertEquals("AdaptiveAvgPool2d(7, 5)", AdaptiveAvgPool2d.of(7, 5).toString());
    }
}
