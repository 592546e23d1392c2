/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;

import java.util.ArrayList;
import java.util.List;

/** Builds an uninitialized block tree from a {@link BlockSpec}, using the registered handlers. */
final class BlockFactory {

    private BlockFactory() {}

    /**
     * Builds the block at {@code path} and its children.
     *
     * @throws IllegalArgumentException naming the path if a type is unknown, a handler rejects its
     *     settings, or the built block's children or parameters differ from the spec's
     */
    static Block create(BlockSpec spec, String path) {
        BlockSpecHandler<Block> handler = BlockSpecs.forType(spec.type());
        if (handler == null) {
            throw new IllegalArgumentException(
                    "unknown block type '"
                            + spec.type()
                            + "' "
                            + BlockPaths.where(path)
                            + "; registered types: "
                            + BlockSpecs.typeNames()
                            + ". Put the module that registers it on the class path, or"
                            + " register a BlockSpecHandler with BlockSpecs.register");
        }
        BlockList children = new BlockList();
        for (BlockSpec.ChildSpec child : spec.children()) {
            children.add(child.name(), create(child.spec(), BlockPaths.child(path, child.name())));
        }
        Block block;
        try {
            block = handler.create(spec.settings().deepCopy(), children);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot build the block of type '"
                            + spec.type()
                            + "' "
                            + BlockPaths.where(path)
                            + " from settings "
                            + spec.settings()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        check(spec, path, handler, block);
        return block;
    }

    // A handler that drops or renames a child would make DJL read parameters into the wrong
    // layers, so the built block must match the spec before any parameter is read.
    private static void check(
            BlockSpec spec, String path, BlockSpecHandler<Block> handler, Block block) {
        String where = "the " + spec.type() + " block " + BlockPaths.where(path);
        if (block == null || block.getClass() != handler.blockClass()) {
            throw new IllegalArgumentException(
                    handler.getClass().getName()
                            + " built "
                            + (block == null ? "null" : block.getClass().getName())
                            + " for "
                            + where
                            + ", expected "
                            + handler.blockClass().getName());
        }
        List<String> names = new ArrayList<>();
        spec.children().forEach(child -> names.add(child.name()));
        if (!block.getChildren().keys().equals(names)) {
            throw new IllegalArgumentException(
                    where
                            + " was built with children "
                            + block.getChildren().keys()
                            + " but the file lists "
                            + names);
        }
        List<String> parameters = new ArrayList<>();
        spec.parameters().forEach(parameter -> parameters.add(parameter.name()));
        if (!block.getDirectParameters().keys().equals(parameters)) {
            throw new IllegalArgumentException(
                    where
                            + " was built with parameters "
                            + block.getDirectParameters().keys()
                            + " but the file lists "
                            + parameters);
        }
    }
}
