/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * 2-D max pooling over {@code (N, C, H, W)} inputs with a square window, PyTorch's {@code
 * nn.MaxPool2d(kernel, stride, padding)} (floor mode).
 *
 * <p>Unlike DJL's {@code Pool.maxPool2dBlock}, an opaque lambda, this block exposes its window, so
 * that shape inference, export and surgery can read it. It has no parameters.
 *
 * <pre>{@code
 * Block pool = MaxPool2d.of(2);                                             // 2x2, stride 2
 * Block pool3 = MaxPool2d.builder().setKernel(3).optStride(2).optPadding(1).build();
 * }</pre>
 */
public final class MaxPool2d extends Pool2d {

    private MaxPool2d(Settings settings) {
        super(settings);
    }

    /**
     * Creates a pooling block with stride equal to the kernel and no padding.
     *
     * @param kernel the window size, &gt;= 1
     * @return the block
     * @throws IllegalArgumentException if {@code kernel < 1}
     */
    public static MaxPool2d of(int kernel) {
        return builder().setKernel(kernel).build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder<MaxPool2d> builder() {
        return new Builder<>(MaxPool2d::new);
    }

    /** Padded cells never win the max. */
    @Override
    protected NDArray pool(NDArray x, Shape window, Shape strides, Shape pads) {
        return Pool.maxPool2d(x, window, strides, pads, false);
    }
}
