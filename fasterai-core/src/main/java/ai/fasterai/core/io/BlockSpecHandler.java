/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;

import com.google.gson.JsonObject;

/**
 * Describes one block class in a {@link ModelFile}: writes the settings a block was built with and
 * builds an equal, uninitialized block back from them.
 *
 * <p>A handler covers its block's own settings only. Parameters are saved by DJL, and children are
 * described and rebuilt by the registry, which hands them to {@link #create} in their original
 * order and with their DJL names. Settings that the parameters already show (such as a linear
 * layer's input width) need not be written: they come back when the parameters are loaded.
 *
 * <p>Handlers are registered with {@link BlockSpecs#register} or listed by a {@link
 * BlockSpecProvider}. They must be stateless: one instance serves every save and load.
 *
 * @param <B> the block class handled, matched exactly (subclasses need their own handler, since
 *     they may hold settings this handler does not know)
 */
public interface BlockSpecHandler<B extends Block> {

    /**
     * Returns the name written into files for this block class, for example {@code "djl.Conv2d"}.
     * It must never change once files exist, even if the class is renamed or moved; prefix it with
     * your project's name so it cannot clash with another module's.
     *
     * @return the stable type name, not blank
     */
    String typeName();

    /**
     * Returns the exact block class this handler describes.
     *
     * @return the block class
     */
    Class<B> blockClass();

    /**
     * Writes the settings needed to build the block again, as JSON values. Floats are written as
     * floats so they read back exactly.
     *
     * @param block an initialized block of {@link #blockClass()}
     * @return its settings; an empty object if it has none
     */
    JsonObject writeSettings(B block);

    /**
     * Builds an uninitialized block from settings written by {@link #writeSettings}.
     *
     * @param settings the settings read from the file
     * @param children the block's children, already rebuilt, in order and with their DJL names;
     *     empty for a leaf block. The built block must hold them under the same names.
     * @return the new block
     * @throws IllegalArgumentException if a setting is missing or invalid
     */
    B create(JsonObject settings, BlockList children);
}
