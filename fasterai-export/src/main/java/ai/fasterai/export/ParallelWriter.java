/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.ParallelBlock;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.ParallelJoins;

import java.util.ArrayList;
import java.util.List;

/**
 * DJL's {@link ParallelBlock}: every branch reads the input, and the join, which DJL hides, is
 * probed by core's {@link ParallelJoins} on random branch outputs (at batch 2, so that a join that
 * only works for one batch size is not taken for a sum). Exactly the element-wise sum of the
 * branches becomes a chain of ONNX {@code Add} nodes (DJL's residual units); exactly their
 * concatenation along axis 1 becomes {@code Concat(axis=1)}; anything else, a sum followed by a
 * ReLU included, is refused.
 */
final class ParallelWriter implements OnnxBlockWriter<ParallelBlock> {

    /** The batch the join is probed at: more than one, as the exported batch is dynamic. */
    static final long PROBE_BATCH = 2;

    @Override
    public Class<ParallelBlock> blockClass() {
        return ParallelBlock.class;
    }

    @Override
    public String write(ParallelBlock block, OnnxExportContext context, String input, Shape shape) {
        BlockList branches = block.getChildren();
        if (branches.isEmpty()) {
            throw context.cannotExport(block, "it has no branches");
        }
        ParallelJoins.Join join = probe(block, context, shape);
        if (join == ParallelJoins.Join.OTHER) {
            throw context.cannotExport(
                    block,
                    "its join is neither an element-wise sum nor a concatenation on axis 1"
                            + " (probed on random inputs); "
                            + OnnxExporter.VISIBLE_BLOCKS_HINT);
        }
        List<String> outputs = new ArrayList<>();
        for (Pair<String, Block> branch : branches) {
            outputs.add(context.writeChild(branch.getValue(), branch.getKey(), input, shape));
        }
        if (outputs.size() == 1) {
            return outputs.get(0);
        }
        OnnxGraph graph = context.getGraph();
        if (join == ParallelJoins.Join.CONCAT) {
            return graph.addNode(
                    "Concat",
                    context.name("concat"),
                    OnnxAttributes.of().integer("axis", 1),
                    outputs.toArray(new String[0]));
        }
        String sum = outputs.get(0);
        for (String next : outputs.subList(1, outputs.size())) {
            sum = graph.addNode("Add", context.name("add"), OnnxAttributes.of(), sum, next);
        }
        return sum;
    }

    private static ParallelJoins.Join probe(
            ParallelBlock block, OnnxExportContext context, Shape shape) {
        Shape probeInput = withBatch(shape, PROBE_BATCH);
        List<Shape> branchOutputs = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Pair<String, Block> branch : block.getChildren()) {
                branchOutputs.add(branch.getValue().getOutputShapes(new Shape[] {probeInput})[0]);
            }
            return ParallelJoins.classify(block, branchOutputs, manager);
        } catch (RuntimeException e) {
            throw context.cannotExport(
                    block,
                    "its join cannot be probed on random branch outputs"
                            + (branchOutputs.isEmpty() ? "" : " of shapes " + branchOutputs)
                            + ": "
                            + e.getMessage());
        }
    }

    /** The shape with its first (batch) dimension replaced. */
    static Shape withBatch(Shape shape, long batch) {
        long[] dims = shape.getShape().clone();
        dims[0] = batch;
        return new Shape(dims);
    }
}
