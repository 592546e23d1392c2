/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.nn.Block;
import ai.djl.util.Pair;

import java.util.function.BiConsumer;

/**
 * Paths of blocks in a tree: DJL's child names joined by {@code "/"}, the root being {@code ""}.
 */
final class BlockPaths {

    private BlockPaths() {}

    /**
     * Joins a parent path and a child name.
     *
     * @param parent the parent's path, {@code ""} for the root
     * @param childName the child's name in its parent (e.g. {@code 01Conv2d})
     * @return the child's path
     */
    static String child(String parent, String childName) {
        return parent.isEmpty() ? childName : parent + "/" + childName;
    }

    /**
     * Shows a path in a message, where the root's empty path would be invisible.
     *
     * @param path the path
     * @return the path, or {@code <root>}
     */
    static String display(String path) {
        return path.isEmpty() ? "<root>" : path;
    }

    /**
     * Visits every block of a tree, parents before children, without shapes.
     *
     * @param block the root
     * @param visitor receives each path and block
     */
    /** A block's path and type, for messages: {@code 01SequentialBlock/02Conv2d (Conv2d)}. */
    static String describe(String path, Block block) {
        return display(path) + " (" + BlockChecks.typeOf(block) + ")";
    }

    static void forEach(Block block, BiConsumer<String, Block> visitor) {
        forEach("", block, visitor);
    }

    private static void forEach(String path, Block block, BiConsumer<String, Block> visitor) {
        visitor.accept(path, block);
        for (Pair<String, Block> child : block.getChildren()) {
            forEach(child(path, child.getKey()), child.getValue(), visitor);
        }
    }
}
