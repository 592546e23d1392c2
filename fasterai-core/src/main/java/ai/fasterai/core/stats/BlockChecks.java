/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.util.Checks;

/**
 * Argument checks shared by the stats classes, so that every message has the same form: parameter
 * name, what is allowed, the value received.
 */
final class BlockChecks {

    private BlockChecks() {}

    /**
     * Requires at least one shape and no null among them.
     *
     * @param name the parameter name for the message
     * @param shapes the shapes to check
     * @return a copy of {@code shapes}
     */
    static Shape[] shapes(String name, Shape[] shapes) {
        if (shapes == null || shapes.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one shape");
        }
        for (int i = 0; i < shapes.length; i++) {
            if (shapes[i] == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
        }
        return shapes.clone();
    }

    /**
     * Requires a non-null, initialized block: its parameters must hold values, and DJL only knows a
     * block's input shapes after {@code initialize}.
     *
     * @param name the parameter name for the message
     * @param block the block to check
     * @return {@code block}
     * @throws IllegalStateException if the block is not initialized
     */
    static Block initialized(String name, Block block) {
        Checks.notNull(name, block);
        if (!block.isInitialized()) {
            throw new IllegalStateException(
                    name
                            + " ("
                            + typeOf(block)
                            + ") is not initialized: call block.initialize(manager, dataType,"
                            + " inputShapes) first");
        }
        return block;
    }

    /**
     * Names a block's type: its simple class name, or the full name for anonymous classes.
     *
     * @param block the block
     * @return the type name
     */
    static String typeOf(Block block) {
        String simple = block.getClass().getSimpleName();
        return simple.isEmpty() ? block.getClass().getName() : simple;
    }
}
