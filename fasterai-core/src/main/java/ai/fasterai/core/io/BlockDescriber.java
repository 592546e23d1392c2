/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Describes an initialized block tree as a {@link ModelSpec}, using the registered handlers. */
final class BlockDescriber {

    private BlockDescriber() {}

    /**
     * Describes a whole model.
     *
     * @throws IllegalArgumentException naming the path and class of a block no handler describes
     */
    static ModelSpec describeModel(Block block) {
        return new ModelSpec(dataType(block), block.getInputShapes(), describe(block, ""));
    }

    /**
     * Describes a block and its children, given the block's path for messages.
     *
     * @throws IllegalArgumentException naming the path and class of a block no handler describes
     */
    static BlockSpec describe(Block block, String path) {
        BlockSpecHandler<Block> handler = BlockSpecs.forClass(block.getClass());
        if (handler == null) {
            throw new IllegalArgumentException(cannotDescribe(block, path));
        }
        JsonObject settings;
        try {
            settings = handler.writeSettings(block);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    handler.getClass().getName()
                            + " could not describe the block "
                            + BlockPaths.where(path)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        if (settings == null) {
            settings = new JsonObject();
        }
        List<BlockSpec.ParameterSpec> parameters = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
            parameters.add(
                    new BlockSpec.ParameterSpec(
                            parameter.getKey(), parameter.getValue().getArray().getShape()));
        }
        List<BlockSpec.ChildSpec> children = new ArrayList<>();
        for (Pair<String, Block> child : block.getChildren()) {
            String childPath = BlockPaths.child(path, child.getKey());
            children.add(
                    new BlockSpec.ChildSpec(child.getKey(), describe(child.getValue(), childPath)));
        }
        return new BlockSpec(handler.typeName(), settings, parameters, children);
    }

    private static String cannotDescribe(Block block, String path) {
        String type = block.getClass().getName();
        String why =
                block instanceof LambdaBlock || block instanceof ParallelBlock
                        ? " hides its function, so a file cannot rebuild it."
                        : " has no BlockSpecHandler, so a file cannot rebuild it.";
        return "cannot describe the block "
                + BlockPaths.where(path)
                + ": "
                + type
                + why
                + " Build the model from ai.fasterai.core.nn blocks, or register a"
                + " BlockSpecHandler for "
                + type
                + " (BlockSpecs.register or a BlockSpecProvider)";
    }

    // The type the model was initialized with: the first floating-point parameter's, since a
    // quantized model may also hold integer parameters.
    private static DataType dataType(Block block) {
        for (Parameter parameter : block.getParameters().values()) {
            DataType type = parameter.getArray().getDataType();
            if (type.isFloating()) {
                return type;
            }
        }
        return DataType.FLOAT32;
    }
}
