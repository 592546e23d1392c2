/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.Residual;

/**
 * Core's {@link Residual}: the main branch and the shortcut (the input itself when there is none)
 * both read the input, an ONNX {@code Add} joins them, and the optional activation follows.
 */
final class ResidualWriter implements OnnxBlockWriter<Residual> {

    @Override
    public Class<Residual> blockClass() {
        return Residual.class;
    }

    @Override
    public String write(Residual block, OnnxExportContext context, String input, Shape shape) {
        Block main = block.getMain();
        String left = context.writeChild(main, childName(block, main), input, shape);
        String right =
                block.getShortcut()
                        .map(s -> context.writeChild(s, childName(block, s), input, shape))
                        .orElse(input);
        String sum =
                context.getGraph()
                        .addNode("Add", context.name("add"), OnnxAttributes.of(), left, right);
        if (block.getActivation().isEmpty()) {
            return sum;
        }
        Block activation = block.getActivation().get();
        Shape sumShape = main.getOutputShapes(new Shape[] {shape})[0];
        return context.writeChild(activation, childName(block, activation), sum, sumShape);
    }

    /** The child's DJL name (e.g. {@code 01main}), so that paths match {@code LayerPaths}. */
    private static String childName(Residual block, Block child) {
        for (Pair<String, Block> pair : block.getChildren()) {
            if (pair.getValue() == child) {
                return pair.getKey();
            }
        }
        throw new IllegalStateException("a Residual branch is not among its children");
    }
}
