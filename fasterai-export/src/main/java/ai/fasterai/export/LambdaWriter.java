/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.ParallelJoins;

import java.util.Random;

/**
 * DJL's {@link LambdaBlock}, whose function DJL hides: it is run on a random Gaussian input (both
 * signs) of the block's input shape at batch 2, and recognized only when its output is exactly
 * (same data type, and as {@link ParallelJoins#matches} compares) the input ({@code Identity}),
 * {@code max(x, 0)} ({@code Relu}, e.g. {@code Activation.reluBlock()}), or the input flattened to
 * {@code (N, C*H*W)} in row-major order ({@code Flatten(axis=1)}, {@code
 * Blocks.batchFlattenBlock()}). Any other lambda is refused, pointing to fasterai-core's visible
 * blocks.
 */
final class LambdaWriter implements OnnxBlockWriter<LambdaBlock> {

    private static final long SEED = 20260601L;

    /** What a lambda was found to compute. */
    enum Kind {
        /** The input itself. */
        IDENTITY,
        /** {@code max(x, 0)}. */
        RELU,
        /** {@code x.reshape(N, -1)}. */
        FLATTEN,
        /** Anything else. */
        OTHER
    }

    @Override
    public Class<LambdaBlock> blockClass() {
        return LambdaBlock.class;
    }

    @Override
    public String write(LambdaBlock block, OnnxExportContext context, String input, Shape shape) {
        Shape probe = ParallelWriter.withBatch(shape, ParallelWriter.PROBE_BATCH);
        Kind kind;
        try (NDManager manager = NDManager.newBaseManager()) {
            kind = classify(block, probe, manager);
        } catch (RuntimeException e) {
            throw context.cannotExport(
                    block, "it fails on a random input of shape " + probe + ": " + e.getMessage());
        }
        OnnxGraph graph = context.getGraph();
        OnnxAttributes none = OnnxAttributes.of();
        return switch (kind) {
            case IDENTITY -> graph.addNode("Identity", context.name("identity"), none, input);
            case RELU -> graph.addNode("Relu", context.name("relu"), none, input);
            case FLATTEN ->
                    graph.addNode(
                            "Flatten",
                            context.name("flatten"),
                            OnnxAttributes.of().integer("axis", 1),
                            input);
            case OTHER ->
                    throw context.cannotExport(
                            block,
                            "its function is neither the identity, nor ReLU (max(x, 0)), nor a"
                                    + " batch flatten to (N, C*H*W) (probed on random inputs);"
                                    + " "
                                    + OnnxExporter.VISIBLE_BLOCKS_HINT);
        };
    }

    /**
     * Runs the lambda once on seeded Gaussian values of the given shape and compares its output
     * with the identity, ReLU and the batch flatten of that input.
     */
    static Kind classify(LambdaBlock block, Shape shape, NDManager manager) {
        Random random = new Random(SEED);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        NDArray x = manager.create(values, shape);
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
        if (out == null || out.size() != 1) {
            return Kind.OTHER;
        }
        NDArray y = out.head();
        if (same(y, x)) {
            return Kind.IDENTITY;
        }
        if (same(y, x.maximum(0f))) {
            return Kind.RELU;
        }
        if (shape.dimension() > 2 && same(y, x.reshape(shape.get(0), -1))) {
            return Kind.FLATTEN;
        }
        return Kind.OTHER;
    }

    /** Same data type (a cast is not the identity), then {@link ParallelJoins#matches}. */
    private static boolean same(NDArray actual, NDArray expected) {
        return actual.getDataType() == expected.getDataType()
                && ParallelJoins.matches(actual, expected);
    }
}
