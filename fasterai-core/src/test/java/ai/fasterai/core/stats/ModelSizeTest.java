/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serialized size counts what saveParameters writes; file size reads the file system. */
class ModelSizeTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void serializedSizeIsWhatSaveParametersWrites() throws IOException {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        long size = ModelStats.serializedSize(block);
        assertEquals(bytes.size(), size);
        // At least 4 bytes for each of the 1478 + 16 float32 values (running statistics included).
        assertTrue(size > 4L * (1_478 + 16), "size " + size);
    }

    @Test
    void fileSizeReadsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.params");
        Files.write(file, new byte[1234]);
        assertEquals(1234L, ModelStats.fileSize(file));
    }

    @Test
    void badArgumentsAreNamed(@TempDir Path dir) {
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelStats.fileSize(dir.resolve("missing")));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        IllegalArgumentException nullPath =
                assertThrows(IllegalArgumentException.class, () -> ModelStats.fileSize(null));
        assertTrue(nullPath.getMessage().contains("path"), nullPath.getMessage());
        IllegalArgumentException nullBlock =
                assertThrows(IllegalArgumentException.class, () -> ModelStats.serializedSize(null));
        assertTrue(nullBlock.getMessage().contains("block"), nullBlock.getMessage());
        assertThrows(
                IllegalStateException.class, () -> ModelStats.serializedSize(StatsNets.small()));
    }
}
