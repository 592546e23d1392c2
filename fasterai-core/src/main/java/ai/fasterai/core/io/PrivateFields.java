/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;

import java.lang.reflect.Field;

/**
 * Reads and edits DJL fields that have no accessor. Each use says why; a DJL upgrade that renames a
 * field fails here with the field's name, not later with a wrong model.
 */
final class PrivateFields {

    private PrivateFields() {}

    /** Reads a declared field of {@code owner} from {@code target}. */
    static Object read(Object target, Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read "
                            + owner.getName()
                            + "."
                            + name
                            + " by reflection; was DJL upgraded past 0.36? "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Adds a child under an exact name. DJL's own {@code add} names children {@code 01Conv2d} by
     * position and class, but model surgery may have renamed them, and the names must come back as
     * saved.
     */
    static void addChild(AbstractBlock parent, String name, Block child) {
        BlockList children = (BlockList) read(parent, AbstractBlock.class, "children");
        children.add(name, child);
    }
}
