/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static ai.fasterai.core.nn.Fixtures.assertMessage;
import static ai.fasterai.core.nn.Fixtures.assertValues;
import static ai.fasterai.core.nn.Fixtures.forward;
import static ai.fasterai.core.nn.Fixtures.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MaxPool2d and AvgPool2d against hand-computed windows. */
class PoolingTest {

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
    void maxPoolTakesTheLargestValueOfEachWindow() {
        // 0..15 in a 4x4 grid: the max of a window is its bottom-right cell.
        MaxPool2d pool = MaxPool2d.of(2);
        assertEquals(2, pool.getKernel());
        assertEquals(2, pool.getStride());
        assertEquals(0, pool.getPadding());
        assertValues(
                new float[] {5, 7, 13, 15},
                forward(manager, pool, grid(manager, 4, 4)),
                new Shape(1, 1, 2, 2));
    }

    @Test
    void maxPoolWithStrideOneOverlaps() {
        // 3x3 windows at stride 1 on 4x4: bottom-right cells (2,2) (2,3) (3,2) (3,3).
        MaxPool2d pool = MaxPool2d.builder().setKernel(3).optStride(1).build();
        assertValues(
                new float[] {10, 11, 14, 15},
                forward(manager, pool, grid(manager, 4, 4)),
                new Shape(1, 1, 2, 2));
    }

    @Test
    void maxPoolPaddingNeverWins() {
        // Negative inputs: a padded zero would win the max if padding counted.
        MaxPool2d pool = MaxPool2d.builder().setKernel(3).optStride(2).optPadding(1).build();
        // -(0..15): the max of a window is its top-left real cell. Windows start at rows and
        // columns -1 and 1: cells (0,0), (0,1), (1,0), (1,1) hold -0, -1, -4, -5.
        assertValues(
                new float[] {0, -1, -4, -5},
                forward(manager, pool, grid(manager, 4, 4).neg()),
                new Shape(1, 1, 2, 2));
    }

    @Test
    void avgPoolAveragesEachWindow() {
        AvgPool2d pool = AvgPool2d.of(2);
        // (0+1+4+5)/4, (2+3+6+7)/4, (8+9+12+13)/4, (10+11+14+15)/4
        assertValues(
                new float[] {2.5f, 4.5f, 10.5f, 12.5f},
                forward(manager, pool, grid(manager, 4, 4)),
                new Shape(1, 1, 2, 2));
    }

    @Test
    void avgPoolCountsPaddedZerosInTheDivisor() {
        // Ones, 3x3 windows at stride 2 with padding 1 on 4x4: the windows hold 4, 6, 6 and 9
        // real cells and always divide by 9 (PyTorch's count_include_pad=True).
        AvgPool2d pool = AvgPool2d.builder().setKernel(3).optStride(2).optPadding(1).build();
        assertEquals(3, pool.getKernel());
        assertEquals(2, pool.getStride());
        assertEquals(1, pool.getPadding());
        assertValues(
                new float[] {4f / 9, 6f / 9, 6f / 9, 1f},
                forward(manager, pool, manager.ones(new Shape(1, 1, 4, 4))),
                new Shape(1, 1, 2, 2));
    }

    @Test
    void outputShapesFollowTheFloorFormula() {
        // floor((H + 2p - k) / s) + 1: (7 + 2 - 3) / 2 + 1 = 4 and (6 + 2 - 3) / 2 + 1 = 3.
        Shape in = new Shape(2, 5, 7, 6);
        Shape expected = new Shape(2, 5, 4, 3);
        MaxPool2d max = MaxPool2d.builder().setKernel(3).optStride(2).optPadding(1).build();
        AvgPool2d avg = AvgPool2d.builder().setKernel(3).optStride(2).optPadding(1).build();
        assertEquals(expected, max.getOutputShapes(new Shape[] {in})[0]);
        assertEquals(expected, avg.getOutputShapes(new Shape[] {in})[0]);
        assertEquals(new Shape(2, 5, 3, 3), MaxPool2d.of(2).getOutputShapes(new Shape[] {in})[0]);
    }

    @Test
    void badSettingsNameTheParameter() {
        assertMessage(() -> MaxPool2d.of(0), "kernel", ">= 1", "0");
        assertMessage(() -> AvgPool2d.of(-1), "kernel", "-1");
        assertMessage(() -> MaxPool2d.builder().optStride(2).build(), "kernel", "setKernel");
        assertMessage(() -> AvgPool2d.builder().build(), "kernel", "setKernel");
        assertMessage(
                () -> MaxPool2d.builder().setKernel(2).optStride(0).build(), "stride", "0", ">= 1");
        assertMessage(
                () -> MaxPool2d.builder().setKernel(3).optPadding(2).build(),
                "padding",
                "[0, 1]",
                "2");
        assertMessage(
                () -> AvgPool2d.builder().setKernel(3).optPadding(-1).build(), "padding", "-1");
    }

    @Test
    void badInputShapesAreRejected() {
        MaxPool2d pool = MaxPool2d.of(3);
        assertMessage(
                () -> pool.getOutputShapes(new Shape[] {new Shape(1, 8, 8)}),
                "rank 4",
                "(1, 8, 8)");
        assertMessage(
                () -> pool.getOutputShapes(new Shape[] {new Shape(1, 1, 2, 8)}),
                "smaller than the kernel",
                "(1, 1, 2, 8)");
        assertMessage(
                () ->
                        AvgPool2d.of(2)
                                .getOutputShapes(new Shape[] {new Shape(1, 1, 4, 4), new Shape(1)}),
                "one input",
                "2");
    }

    @Test
    void toStringShowsTheWindow() {
        assertEquals("MaxPool2d(kernel=2, stride=2, padding=0)", MaxPool2d.of(2).toString());
        assertEquals(
                "AvgPool2d(kernel=3, stride=1, padding=1)",
                AvgPool2d.builder().setKernel(3).optStride(1).optPadding(1).build().toString());
    }

    @Test
    void poolingBlocksHaveNoParameters() {
        assertEquals(0, MaxPool2d.of(2).getParameters().size());
        assertEquals(0, AvgPool2d.of(2).getParameters().size());
    }
}
