/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fasterai.core.util.Checks;

/**
 * Adaptive average pooling to a fixed {@code (outHeight, outWidth)}, PyTorch's {@code
 * nn.AdaptiveAvgPool2d}: for an {@code (N, C, H, W)} input, output cell {@code (i, j)} is the mean
 * of input rows {@code floor(i * H / oh) .. ceil((i + 1) * H / oh) - 1} and columns {@code floor(j
 * * W / ow) .. ceil((j + 1) * W / ow) - 1}. Neighbouring windows may overlap when the sizes do not
 * divide, and a window is never empty, so the output can also be larger than the input.
 *
 * <p>Three paths give the same values: the identity when {@code (H, W) == (oh, ow)}; one average
 * pooling with {@code kernel = stride = (H / oh, W / ow)} when both sizes divide (the common case,
 * e.g. global pooling or VGG's 7x7 from 224x224 inputs); otherwise the separable general case:
 * average the row windows, then the column windows of the result (the mean of a rectangle is the
 * mean of its row means), {@code oh + ow} slices instead of {@code oh * ow}.
 *
 * <pre>{@code
 * Block global = AdaptiveAvgPool2d.of(1);      // global average pooling: (N, C, 1, 1)
 * Block vgg = AdaptiveAvgPool2d.of(7, 7);
 * }</pre>
 */
public final class AdaptiveAvgPool2d extends AbstractBlock {

    private final int outHeight;
    private final int outWidth;

    private AdaptiveAvgPool2d(int outHeight, int outWidth) {
        this.outHeight = outHeight;
        this.outWidth = outWidth;
    }

    /**
     * Creates a block that pools to {@code (outHeight, outWidth)}.
     *
     * @param outHeight the output height, &gt;= 1
     * @param outWidth the output width, &gt;= 1
     * @return the block
     * @throws IllegalArgumentException if a size is below 1
     */
    public static AdaptiveAvgPool2d of(int outHeight, int outWidth) {
        Checks.atLeast("outHeight", outHeight, 1);
        Checks.atLeast("outWidth", outWidth, 1);
        return new AdaptiveAvgPool2d(outHeight, outWidth);
    }

    /**
     * Creates a block that pools to {@code (size, size)}; {@code of(1)} is global average pooling.
     *
     * @param size the output height and width, &gt;= 1
     * @return the block
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static AdaptiveAvgPool2d of(int size) {
        Checks.atLeast("size", size, 1);
        return new AdaptiveAvgPool2d(size, size);
    }

    /**
     * Returns the output height.
     *
     * @return the output height
     */
    public int getOutHeight() {
        return outHeight;
    }

    /**
     * Returns the output width.
     *
     * @return the output width
     */
    public int getOutWidth() {
        return outWidth;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        outputShape(inputs.getShapes());
        NDArray x = inputs.singletonOrThrow();
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h == outHeight && w == outWidth) {
            return new NDList(x);
        }
        if (h % outHeight == 0 && w % outWidth == 0) {
            Shape window = new Shape(h / outHeight, w / outWidth);
            return new NDList(Pool.avgPool2d(x, window, window, new Shape(0, 0), false, true));
        }
        // Intermediate slices and means belong to the input's manager, as in DJL's own blocks.
        NDArray rows = poolAxis(x, 2, h, outHeight);
        return new NDList(poolAxis(rows, 3, w, outWidth));
    }

    /**
     * Averages the adaptive windows along one spatial axis.
     *
     * @param x the input
     * @param axis 2 (rows) or 3 (columns)
     * @param in the input size along the axis
     * @param out the output size along the axis
     * @return the pooled array, or {@code x} itself when the sizes are equal
     */
    private static NDArray poolAxis(NDArray x, int axis, long in, int out) {
        if (in == out) {
            return x;
        }
        NDList cells = new NDList(out);
        for (int i = 0; i < out; i++) {
            long start = Math.floorDiv(i * in, out);
            long end = -Math.floorDiv(-(i + 1) * in, out); // ceil((i + 1) * in / out)
            NDIndex index = new NDIndex().addAllDim(axis).addSliceDim(start, end);
            cells.add(x.get(index).mean(new int[] {axis}, true));
        }
        return NDArrays.concat(cells, axis);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if there is not exactly one input of rank 4 with non-empty
     *     spatial dimensions
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes)};
    }

    private Shape outputShape(Shape[] inputShapes) {
        Shape in = InputShapes.singleImageInput("AdaptiveAvgPool2d", inputShapes);
        if (in.get(2) < 1 || in.get(3) < 1) {
            throw new IllegalArgumentException(
                    "AdaptiveAvgPool2d input must have height and width >= 1, got shape " + in);
        }
        return new Shape(in.get(0), in.get(1), outHeight, outWidth);
    }

    /**
     * Describes the block, e.g. {@code AdaptiveAvgPool2d(7, 7)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "AdaptiveAvgPool2d(" + outHeight + ", " + outWidth + ")";
    }
}
