/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.function.Function;

/**
 * A 2-D pooling block over {@code (N, C, H, W)} inputs with a square window (floor mode), whose
 * window is visible, unlike DJL's lambda pooling blocks: {@link MaxPool2d} and {@link AvgPool2d}.
 */
public abstract class Pool2d extends AbstractBlock {

    private final int kernel;
    private final int stride;
    private final int padding;

    /**
     * Creates the block from validated settings.
     *
     * @param settings the kernel, stride and padding
     */
    protected Pool2d(Settings settings) {
        this.kernel = settings.kernel;
        this.stride = settings.stride;
        this.padding = settings.padding;
    }

    /**
     * Pools a batch.
     *
     * @param x the input, (N, C, H, W)
     * @param window the kernel as a shape
     * @param strides the stride as a shape
     * @param pads the padding as a shape
     * @return the pooled batch
     */
    protected abstract NDArray pool(NDArray x, Shape window, Shape strides, Shape pads);

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
     * Returns the implicit padding on each side.
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
        Pool2dGeometry.outputShape(name(), inputs.getShapes(), kernel, stride, padding);
        return new NDList(
                pool(
                        inputs.singletonOrThrow(),
                        new Shape(kernel, kernel),
                        new Shape(stride, stride),
                        new Shape(padding, padding)));
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
            Pool2dGeometry.outputShape(name(), inputShapes, kernel, stride, padding)
        };
    }

    /**
     * Describes the block, e.g. {@code MaxPool2d(kernel=2, stride=2, padding=0)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return name() + "(kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
    }

    private String name() {
        return getClass().getSimpleName();
    }

    /** Validated pooling settings, passed from a {@link Builder} to the block's constructor. */
    protected static final class Settings {
        private final int kernel;
        private final int stride;
        private final int padding;

        private Settings(int kernel, int stride, int padding) {
            this.kernel = kernel;
            this.stride = stride;
            this.padding = padding;
        }
    }

    /**
     * Builds a pooling block; validation happens in {@link #build()}.
     *
     * @param <P> the block type built
     */
    public static final class Builder<P extends Pool2d> {

        private final Function<Settings, P> factory;
        private Integer kernel;
        private Integer stride;
        private int padding;

        Builder(Function<Settings, P> factory) {
            this.factory = factory;
        }

        /**
         * Sets the window size (required).
         *
         * @param kernel the kernel size, &gt;= 1
         * @return this builder
         */
        public Builder<P> setKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /**
         * Sets the stride; defaults to the kernel size, as in PyTorch.
         *
         * @param stride the stride, &gt;= 1
         * @return this builder
         */
        public Builder<P> optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets the padding on each side; defaults to 0.
         *
         * @param padding the padding, in {@code [0, kernel / 2]}
         * @return this builder
         */
        public Builder<P> optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if the kernel is not set or a value is out of range
         */
        public P build() {
            if (kernel == null) {
                throw new IllegalArgumentException("kernel must be set with setKernel(int)");
            }
            int s = stride == null ? kernel : stride;
            Pool2dGeometry.validate(kernel, s, padding);
            return factory.apply(new Settings(kernel, s, padding));
        }
    }
}
