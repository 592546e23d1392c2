/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bad arguments give IllegalArgumentException naming the argument, never a NullPointerException.
 */
class ModelFileArgumentsTest {

    @TempDir Path dir;

    @BeforeAll
    static void register() {
        TestNets.registerFlatten();
    }

    @Test
    void nullArgumentsAreNamed() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = TestNets.cnn(2);
            net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            Path file = dir.resolve("net.fai");
            ModelFile.save(net, file);

            assertNamed("block", () -> ModelFile.save((Block) null, file));
            assertNamed("file", () -> ModelFile.save(net, null));
            assertNamed("model", () -> ModelFile.save((Model) null, file));
            assertNamed("file", () -> ModelFile.load(null, manager));
            assertNamed("manager", () -> ModelFile.load(file, null));
            assertNamed("file", () -> ModelFile.loadModel(null, "m"));
            assertNamed("modelName", () -> ModelFile.loadModel(file, " "));
            assertNamed("existing", () -> ModelFile.loadParameters(null, file, manager));
            assertNamed("file", () -> ModelFile.loadParameters(net, null, manager));
            assertNamed("manager", () -> ModelFile.loadParameters(net, file, null));
        }
    }

    @Test
    void uninitializedBlocksAreRefused() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock fresh = TestNets.cnn(2);
            Path file = dir.resolve("fresh.fai");

            assertNamed("must be initialized", () -> ModelFile.save(fresh, file));
            assertTrue(!file.toFile().exists());

            SequentialBlock net = TestNets.cnn(2);
            net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            ModelFile.save(net, file);
            assertNamed(
                    "must be initialized", () -> ModelFile.loadParameters(fresh, file, manager));
        }
    }

    @Test
    void aModelWithoutABlockIsRefused() {
        try (Model model = Model.newInstance("empty")) {
            assertNamed("'empty' has no block", () -> ModelFile.save(model, dir.resolve("x.fai")));
        }
    }

    private static void assertNamed(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(IllegalArgumentException.class, e.getClass());
    }
}
