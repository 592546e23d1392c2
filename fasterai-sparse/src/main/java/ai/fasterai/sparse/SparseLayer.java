/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;

/**
 * One selected layer and what the sparsifier keeps for it: the mask of its weight, the reference
 * weights a criteria compares with, the last captured gradient and the input-channel scale of
 * Wanda. Arrays live in the sparsifier's manager.
 */
final class SparseLayer implements LayerWeights {

    final String path;
    final Block block;
    final Parameter weight;
    final Parameter bias;
    final BatchNorm nextBatchNorm;

    /** The next BatchNorm's gamma and beta, looked up once: masks are applied at every step. */
    private final java.util.List<Parameter> batchNormScaleAndShift = new java.util.ArrayList<>();

    final int[] axes;
    final String typeName;
    final Block parent;
    final int index;

    /** The weight mask, or null while the layer is dense. */
    NDArray mask;

    /** The per-output-channel mask for bias and BatchNorm, or null. */
    NDArray channelMask;

    /** The reference weights (owned by the sparsifier, possibly shared with its snapshot). */
    NDArray reference;

    NDArray gradient;
    NDArray inputScale;

    SparseLayer(
            String path,
            Block block,
            Parameter weight,
            Parameter bias,
            BatchNorm nextBatchNorm,
            Block parent,
            int index,
            int[] axes) {
        this.path = path;
        this.block = block;
        this.weight = weight;
        this.bias = bias;
        this.nextBatchNorm = nextBatchNorm;
        if (nextBatchNorm != null) {
            for (var pair : nextBatchNorm.getDirectParameters()) {
                if (pair.getKey().equals("gamma") || pair.getKey().equals("beta")) {
                    batchNormScaleAndShift.add(pair.getValue());
                }
            }
        }
        this.parent = parent;
        this.index = index;
        this.axes = axes;
        this.typeName = block.getClass().getSimpleName();
    }

    /** The weight's shape. */
    Shape weightShape() {
        return weight.getArray().getShape();
    }

    /** The shape of one score per group: the weight's shape with 1 on the group's axes. */
    Shape groupShape() {
        long[] dims = weightShape().getShape().clone(); // getShape() exposes the array
        for (int axis : axes) {
            dims[axis] = 1;
        }
        return new Shape(dims);
    }

    /** How many groups the layer has. */
    long numGroups() {
        return groupShape().size();
    }

    /**
     * Tells whether one group is one whole output channel (conv filter, linear row), so that the
     * bias and a following BatchNorm can be masked with it.
     */
    boolean groupsAreOutputChannels() {
        int rank = weightShape().dimension();
        if (axes.length != rank - 1) {
            return false;
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != i + 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public NDArray getWeight() {
        return weight.getArray();
    }

    @Override
    public NDArray getReference() {
        if (reference == null) {
            throw new IllegalStateException("no reference weights were kept for layer " + path);
        }
        return reference;
    }

    @Override
    public NDArray getGradient() {
        if (gradient == null) {
            throw new IllegalStateException("no gradient was captured for layer " + path);
        }
        return gradient;
    }

    @Override
    public String getPath() {
        return path;
    }

    /** Multiplies the weight (and, for output-channel groups, bias and BatchNorm) by the masks. */
    void applyMask() {
        if (mask == null) {
            return;
        }
        weight.getArray().muli(mask);
        if (channelMask == null) {
            return;
        }
        if (bias != null && bias.isInitialized()) {
            bias.getArray().muli(channelMask);
        }
        for (Parameter parameter : batchNormScaleAndShift) {
            parameter.getArray().muli(channelMask);
        }
    }

    static void closeQuietly(NDArray array) {
        if (array != null) {
            array.close();
        }
    }
}
