/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Blocks;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Flattens every dimension but the batch: {@code (N, d1, ..., dk) -> (N, d1 * ... * dk)}, in
 * row-major order, PyTorch's {@code torch.flatten(x, 1)}.
 *
 * <p>A named, visible block in place of DJL's {@code Blocks.batchFlattenBlock()} lambda, so that
 * graph analysis knows where a feature map becomes a vector (pruning a conv before it removes
 * {@code H * W} consecutive inputs of the next linear layer per channel). It has no parameters.
 */
public final class Flatten extends AbstractBlock {

    /** Creates a flatten block. */
    public Flatten() {}

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        outputShape(inputs.getShapes());
        return new NDList(Blocks.batchFlatten(inputs.singletonOrThrow()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if there is not exactly one input of rank 2 or more
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes)};
    }

    private static Shape outputShape(Shape[] inputShapes) {
        Shape in = InputShapes.singleInput("Flatten", inputShapes);
        if (in.dimension() < 2) {
            throw new IllegalArgumentException(
                    "Flatten input must have rank >= 2 (batch first), got shape " + in);
        }
        return new Shape(in.get(0), in.slice(1).size());
    }

    /**
     * Describes the block: {@code Flatten}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Flatten";
    }
}
