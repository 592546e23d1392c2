/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.AvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;

import java.util.List;

/**
 * The writers for DJL's blocks and fasterai-core's, and the checks they share. The blocks whose
 * writing takes more than a node have their own class ({@link ConvWriter}, {@link LinearWriter},
 * {@link BatchNormWriter}, {@link ActivationWriter}, {@link Pool2dWriter}, {@link
 * AdaptiveAvgPoolWriter}, {@link ResidualWriter}, {@link ParallelWriter}, {@link LambdaWriter});
 * the one-liners are nested here.
 */
final class BuiltInWriters {

    private BuiltInWriters() {}

    static List<OnnxBlockWriter<?>> all() {
        return List.of(
                new SequentialWriter(),
                new ConvWriter(),
                new LinearWriter(),
                new BatchNormWriter(),
                new DropoutWriter(),
                new ActivationWriter(),
                new Pool2dWriter<>(MaxPool2d.class, "MaxPool"),
                new Pool2dWriter<>(AvgPool2d.class, "AveragePool"),
                new AdaptiveAvgPoolWriter(),
                new FlattenWriter(),
                new ResidualWriter(),
                new ParallelWriter(),
                new LambdaWriter());
    }

    /**
     * Returns a block's own parameter by name, or null when it has none (a layer built without a
     * bias).
     */
    static Parameter parameter(Block block, String name) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getKey().equals(name)) {
                return pair.getValue();
            }
        }
        return null;
    }

    /**
     * Refuses an input of the wrong rank. The network's output shape was computed before writing,
     * but DJL's layers do not check ranks or channel counts there, so a writer checks what its
     * operator needs: ONNX Runtime would otherwise fail only when the model is run.
     */
    static void requireRank(OnnxExportContext context, Block block, Shape shape, int rank) {
        if (shape.dimension() != rank) {
            throw context.cannotExport(
                    block,
                    "expects an input of rank " + rank + ", got shape " + shape + " (batch first)");
        }
    }

    /** Refuses an input whose size along {@code axis} is not the one the weights expect. */
    static void requireSize(
            OnnxExportContext context,
            Block block,
            Shape shape,
            int axis,
            long expected,
            String what) {
        long actual = shape.get(axis);
        if (actual != expected) {
            throw context.cannotExport(
                    block,
                    "the input shape "
                            + shape
                            + " does not fit: it has "
                            + actual
                            + " "
                            + what
                            + " (axis "
                            + axis
                            + "), the weights expect "
                            + expected);
        }
    }

    /** Each child in turn. */
    static final class SequentialWriter implements OnnxBlockWriter<SequentialBlock> {

        @Override
        public Class<SequentialBlock> blockClass() {
            return SequentialBlock.class;
        }

        @Override
        public String write(
                SequentialBlock block, OnnxExportContext context, String input, Shape shape) {
            String current = input;
            Shape currentShape = shape;
            for (Pair<String, Block> child : block.getChildren()) {
                current =
                        context.writeChild(child.getValue(), child.getKey(), current, currentShape);
                currentShape = child.getValue().getOutputShapes(new Shape[] {currentShape})[0];
            }
            return current;
        }
    }

    /** Inference: dropout is the identity, so nothing is written. */
    static final class DropoutWriter implements OnnxBlockWriter<Dropout> {

        @Override
        public Class<Dropout> blockClass() {
            return Dropout.class;
        }

        @Override
        public String write(Dropout block, OnnxExportContext context, String input, Shape shape) {
            return input;
        }
    }

    /**
     * ONNX {@code Flatten(axis=1)}: {@code (N, d1, ..., dk) -> (N, d1 * ... * dk)} in row-major
     * order, exactly core's {@link Flatten}.
     */
    static final class FlattenWriter implements OnnxBlockWriter<Flatten> {

        @Override
        public Class<Flatten> blockClass() {
            return Flatten.class;
        }

        @Override
        public String write(Flatten block, OnnxExportContext context, String input, Shape shape) {
            return context.getGraph()
                    .addNode(
                            "Flatten",
                            context.name("flatten"),
                            OnnxAttributes.of().integer("axis", 1),
                            input);
        }
    }
}
