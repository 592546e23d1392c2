/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

/**
 * Paths of blocks in a tree, made of DJL child names joined by {@code /} ({@code
 * features/03Conv2d}); the root's path is empty.
 */
final class BlockPaths {

    private BlockPaths() {}

    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    /** Returns "at path 'a/b'" or "at the root block", for messages. */
    static String where(String path) {
        return path.isEmpty() ? "at the root block" : "at path '" + path + "'";
    }
}
