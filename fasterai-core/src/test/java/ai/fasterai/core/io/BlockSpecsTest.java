/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

class BlockSpecsTest {

    @TempDir Path dir;

    @Test
    void aProviderOnTheClassPathIsFoundWithoutRegistering() throws IOException {
        // Nothing in the tests registers TestScale by hand: only META-INF/services names it.
        assertNotNull(BlockSpecs.forClass(TestScale.class));
        assertTrue(BlockSpecs.typeNames().contains("test.Scale"));
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net =
                    new SequentialBlock().add(TestNets.conv(2)).add(new TestScale(2.5f));
            net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            float[] input = TestNets.randomInput(manager);
            Path file = dir.resolve("scaled.fai");
            ModelFile.save(net, file);

            Block loaded = ModelFile.load(file, manager);

            TestScale scale = (TestScale) loaded.getChildren().get("02TestScale");
            assertEquals(2.5f, scale.factor());
            assertArrayEquals(
                    TestNets.infer(net, manager, input),
                    TestNets.infer(loaded, manager, input),
                    0f);
        }
    }

    @Test
    void builtInHandlersAreRegistered() {
        assertEquals("djl.Conv2d", BlockSpecs.forClass(Conv2d.class).typeName());
        assertSame(Conv2d.class, BlockSpecs.forType("djl.Conv2d").blockClass());
        assertTrue(
                BlockSpecs.typeNames()
                        .containsAll(
                                java.util.List.of(
                                        "djl.SequentialBlock",
                                        "djl.Linear",
                                        "djl.BatchNorm",
                                        "djl.Dropout")));
    }

    @Test
    void aTypeNameTakenByAnotherClassIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BlockSpecs.register(new Impostor("djl.Conv2d")));

        assertTrue(e.getMessage().contains("'djl.Conv2d' is already registered"), e.getMessage());
        assertSame(Conv2d.class, BlockSpecs.forType("djl.Conv2d").blockClass());
    }

    @Test
    void aClassCannotBeSavedUnderTwoNames() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BlockSpecs.register(
                                        new TestScale.Handler() {
                                            @Override
                                            public String typeName() {
                                                return "test.Scale2";
                                            }
                                        }));

        assertTrue(
                e.getMessage().contains("already registered as type 'test.Scale'"), e.getMessage());
    }

    @Test
    void nullAndBlankHandlersAreRefused() {
        IllegalArgumentException nullHandler =
                assertThrows(IllegalArgumentException.class, () -> BlockSpecs.register(null));
        assertTrue(nullHandler.getMessage().contains("handler must not be null"));

        IllegalArgumentException blank =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BlockSpecs.register(new Impostor(" ")));
        assertTrue(blank.getMessage().contains("blank typeName()"), blank.getMessage());
    }

    /** A handler for an unrelated class that claims a given type name. */
    private static final class Impostor implements BlockSpecHandler<TestFlatten> {
        private final String type;

        Impostor(String type) {
            this.type = type;
        }

        @Override
        public String typeName() {
            return type;
        }

        @Override
        public Class<TestFlatten> blockClass() {
            return TestFlatten.class;
        }

        @Override
        public JsonObject writeSettings(TestFlatten block) {
            return new JsonObject();
        }

        @Override
        public TestFlatten create(JsonObject settings, BlockList children) {
            return new TestFlatten();
        }
    }
}
