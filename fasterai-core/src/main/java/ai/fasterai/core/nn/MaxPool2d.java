/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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
public final class MaxPool2d extends AbstractBlock {

    private final int kernel;
    private final int stride;
    private final int padding;

    private MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
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
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the window size (height and width).
     *
     * @return the kernel size
     */
    public int getKernel() {
        return kernel;
    }

    /**
     * Returns the stride in both spatial dimensions.
     *
     * @return the stride
     */
    public int getStride() {
        return stride;
    }

    /**
     * Returns the implicit padding on each side; padded cells never win the max.
     *
     * @return the padding
     */
    public int getPadding() {
        return padding;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        Pool2dGeometry.outputShape("MaxPool2d", inputs.getShapes(), kernel, stride, padding);
        NDArray x = inputs.singletonOrThrow();
        return new NDList(
                Pool.maxPool2d(
                        x,
                        new Shape(kernel, kernel),
                        new Shape(stride, stride),
                        new Shape(padding, padding),
                        false));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if there is not exactly one input of rank 4, or the padded
     *     input is smaller than the kernel
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {
            Pool2dGeometry.outputShape("MaxPool2d", inputShapes, kernel, stride, padding)
        };
    }

    /**
     * Describes the block, e.g. {@code MaxPool2d(kernel=2, stride=2, padding=0)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "MaxPool2d(kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
    }

    /** Builds a {@link MaxPool2d}; validation happens in {@link #build()}. */
    public static final class Builder {

        private Integer kernel;
        private Integer stride;
        private int padding;

        private Builder() {}

        /**
         * Sets the window size (required).
         *
         * @param kernel the kernel size, &gt;= 1
         * @return this builder
         */
        public Builder setKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /**
         * Sets the stride; defaults to the kernel size, as in PyTorch.
         *
         * @param stride the stride, &gt;= 1
         * @return this builder
         */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets the padding on each side; defaults to 0.
         *
         * @param padding the padding, in {@code [0, kernel / 2]}
         * @return this builder
         */
        public Builder optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if the kernel is not set or a value is out of range
         */
        public MaxPool2d build() {
            if (kernel == null) {
                throw new IllegalArgumentException("kernel must be set with setKernel(int)");
            }
            int s = stride == null ? kernel : stride;
            Pool2dGeometry.validate(kernel, s, padding);
            return new MaxPool2d(kernel, s, padding);
        }
    }
}
