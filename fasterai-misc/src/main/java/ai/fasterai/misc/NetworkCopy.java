/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.fasterai.core.io.ModelFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deep copies of networks, made through a temporary {@link ModelFile} so that each transform of
 * this module works on its own copy and leaves the caller's network as it was.
 */
final class NetworkCopy {

    private NetworkCopy() {}

    /**
     * Copies a network: same structure, same DJL names, parameters owned by {@code manager}.
     *
     * @param block the network, initialized
     * @param manager owns the copy's parameters
     * @param purpose what the copy is for, for the error message
     * @return the copy, initialized
     * @throws IllegalArgumentException if the network holds blocks a model file cannot describe
     */
    static Block of(Block block, NDManager manager, String purpose) {
        Path file = null;
        try {
            file = Files.createTempFile("fasterai-copy", ".fai");
            ModelFile.save(block, file);
            return ModelFile.load(file, manager);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the network to " + purpose, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
