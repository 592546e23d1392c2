/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.nn.Block;
import ai.fasterai.core.io.ModelFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Measures how many bytes a block's parameters take once serialized, without writing a file. */
final class ModelSize {

    private static final Logger logger = LoggerFactory.getLogger(ModelSize.class);

    private ModelSize() {}

    /**
     * Counts the bytes {@code block.saveParameters} writes.
     *
     * @param block the block, initialized
     * @return the byte count
     */
    static long serializedSize(Block block) {
        CountingStream counter = new CountingStream();
        try (DataOutputStream out = new DataOutputStream(counter)) {
            block.saveParameters(out);
        } catch (IOException e) {
            // The counting stream never fails; a block's own save code might.
            throw new UncheckedIOException("cannot serialize " + BlockChecks.typeOf(block), e);
        }
        return counter.count;
    }

    /**
     * Returns the size of the block's {@link ModelFile}, structure included: what a deployment
     * stores. Blocks whose structure cannot be described (DJL lambdas) fall back to their parameter
     * bytes.
     *
     * @param block the block, initialized
     * @return the byte count
     */
    static long fileSize(Block block) {
        Path temp = null;
        try {
            temp = Files.createTempFile("fasterai-size", ".fai");
            ModelFile.save(block, temp);
            return Files.size(temp);
        } catch (IllegalArgumentException e) {
            logger.debug(
                    "no model file for {}: counting parameter bytes", BlockChecks.typeOf(block), e);
            return serializedSize(block);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the saved size of a model", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    logger.debug("could not delete {}", temp, e);
                }
            }
        }
    }

    /** Discards the bytes, keeping only their number. */
    private static final class CountingStream extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
