/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The DJL layers every model builder uses, configured as PyTorch configures them. */
final class Layers {

    /** PyTorch's {@code BatchNorm2d} default; DJL's default is the same today, set it anyway. */
    static final float BN_EPSILON = 1e-5f;

    private Layers() {}

    /**
     * A square convolution with "same" padding {@code kernel / 2} (odd kernels keep the size at
     * stride 1).
     *
     * @param filters the output channels
     * @param kernel the kernel size
     * @param stride the stride
     * @param groups the groups (the channel count for a depthwise convolution)
     * @param bias whether the layer has a bias
     * @return the layer
     */
    static Conv2d conv(int filters, int kernel, int stride, int groups, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .optBias(bias)
                .build();
    }

    /**
     * A batch normalization over channels (axis 1) with PyTorch's epsilon; DJL's momentum 0.9 is
     * PyTorch's 0.1.
     *
     * @return the layer
     */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(BN_EPSILON).build();
    }

    /**
     * Scales a channel count by a width multiplier: {@code max(1, round(channels * multiplier))}.
     *
     * @param channels the base channel count
     * @param multiplier the width multiplier
     * @return the scaled count, at least 1
     */
    static int scale(int channels, double multiplier) {
        return (int) Math.max(1L, Math.round(channels * multiplier));
    }
}
