/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * 2-D average pooling over {@code (N, C, H, W)} inputs with a square window, PyTorch's {@code
 * nn.AvgPool2d(kernel, stride, padding)} with its defaults: floor mode, and padded zeros counted in
 * the divisor ({@code count_include_pad=True}), so every window divides by {@code kernel^2}. (DJL
 * 0.36's PyTorch engine ignores {@code countIncludePad=false}, measured: it always counts the
 * padding, so PyTorch's default is also the only behaviour available.)
 *
 * <p>Unlike DJL's {@code Pool.avgPool2dBlock}, an opaque lambda, this block exposes its window, so
 * that shape inference, export and surgery can read it. It has no parameters.
 *
 * <pre>{@code
 * Block pool = AvgPool2d.of(2);                                             // 2x2, stride 2
 * Block pool3 = AvgPool2d.builder().setKernel(3).optStride(2).optPadding(1).build();
 * }</pre>
 */
public final class AvgPool2d extends Pool2d {

    private AvgPool2d(Settings settings) {
        super(settings);
    }

    /**
     * Creates a pooling block with stride equal to the kernel and no padding.
     *
     * @param kernel the window size, &gt;= 1
     * @return the block
     * @throws IllegalArgumentException if {@code kernel < 1}
     */
    public static AvgPool2d of(int kernel) {
        return builder().setKernel(kernel).build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder<AvgPool2d> builder() {
        return new Builder<>(AvgPool2d::new);
    }

    /** Padded zeros count in the divisor (PyTorch's default). */
    @Override
    protected NDArray pool(NDArray x, Shape window, Shape strides, Shape pads) {
        return Pool.avgPool2d(x, window, strides, pads, false, true);
    }
}
