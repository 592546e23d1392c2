/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

import java.util.List;

/** The writers for DJL's blocks and fasterai-core's. */
final class BuiltInWriters {

    private BuiltInWriters() {}

    static List<OnnxBlockWriter<?>> all() {
        return List.of(new SequentialWriter());
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
}
