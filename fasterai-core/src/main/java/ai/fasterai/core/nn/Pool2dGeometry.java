/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.fasterai.core.util.Checks;

/**
 * The window arithmetic shared by {@link MaxPool2d} and {@link AvgPool2d}: the same checks as
 * PyTorch's {@code MaxPool2d}/{@code AvgPool2d} (padding at most half the kernel, a window that
 * fits in the padded input) and the output size {@code floor((x + 2p - k) / s) + 1}.
 */
final class Pool2dGeometry {

    private Pool2dGeometry() {}

    /**
     * Validates a square pooling window.
     *
     * @param kernel the kernel size
     * @param stride the stride
     * @param padding the zero padding on each side
     */
    static void validate(int kernel, int stride, int padding) {
        Checks.atLeast("kernel", kernel, 1);
        Checks.atLeast("stride", stride, 1);
        // PyTorch rejects larger padding: a window could then hold padding only.
        if (padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException(
                    "padding must be in [0, kernel / 2] = [0, " + kernel / 2 + "], got " + padding);
        }
    }

    /**
     * Computes the output shape of a pooling window over an {@code (N, C, H, W)} input.
     *
     * @param block the block name for messages
     * @param inputShapes the input shapes
     * @param kernel the kernel size
     * @param stride the stride
     * @param padding the zero padding on each side
     * @return the output shape {@code (N, C, H', W')}
     */
    static Shape outputShape(
            String block, Shape[] inputShapes, int kernel, int stride, int padding) {
        Shape in = InputShapes.singleImageInput(block, inputShapes);
        long h = in.get(2) + 2L * padding;
        long w = in.get(3) + 2L * padding;
        if (h < kernel || w < kernel) {
            throw new IllegalArgumentException(
                    block
                            + " input "
                            + in
                            + " is smaller than the kernel "
                            + kernel
                            + " (padding "
                            + padding
                            + ")");
        }
        return new Shape(
                in.get(0), in.get(1), (h - kernel) / stride + 1, (w - kernel) / stride + 1);
    }
}
