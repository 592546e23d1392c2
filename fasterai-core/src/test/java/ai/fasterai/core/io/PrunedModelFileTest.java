/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** The case DJL alone gets wrong: layers whose widths changed after the model was built. */
class PrunedModelFileTest {

    @TempDir Path dir;

    @BeforeAll
    static void register() {
        TestNets.registerFlatten();
    }

    @Test
    void narrowedModelLoadsToTheSameOutputs() throws IOException {
        Path file = dir.resolve("pruned.fai");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            SequentialBlock wide = TestNets.cnn(8);
            wide.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            TestNets.warmBatchNorm(wide, manager);
            SequentialBlock narrow = TestNets.keepFirstFilters(wide, 4, manager);
            float[] input = TestNets.randomInput(manager);
            float[] expected = TestNets.infer(narrow, manager, input);

            ModelFile.save(narrow, file);

            try (NDManager other = NDManager.newBaseManager()) {
                Block loaded = ModelFile.load(file, other);
                assertEquals(
                        new Shape(4, 1, 3, 3),
                        TestNets.parameter(loaded, "01Conv2d_weight").getShape());
                assertEquals(
                        new Shape(4), TestNets.parameter(loaded, "02BatchNorm_gamma").getShape());
                assertEquals(
                        new Shape(6, 4, 3, 3),
                        TestNets.parameter(loaded, "03Conv2d_weight").getShape());
                assertArrayEquals(expected, TestNets.infer(loaded, other, input), 1e-6f);
                assertEquals(
                        BlockDescriber.describeModel(narrow).toJsonText(),
                        BlockDescriber.describeModel(loaded).toJsonText());
            }
        }
    }

    @Test
    void narrowedParametersDoNotLoadIntoTheWideArchitecture() throws IOException {
        Path file = dir.resolve("pruned.fai");
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock wide = TestNets.cnn(8);
            wide.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            ModelFile.save(TestNets.keepFirstFilters(wide, 4, manager), file);

            SequentialBlock original = TestNets.cnn(8);
            original.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            float[] input = TestNets.randomInput(manager);
            float[] before = TestNets.infer(original, manager, input);

            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> ModelFile.loadParameters(original, file, manager));

            assertTrue(e.getMessage().contains("'01Conv2d'"), e.getMessage());
            assertTrue(
                    e.getMessage().contains("setting 'filters' is 4 in the file but 8"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            // The model is left as it was.
            assertEquals(
                    new Shape(8, 1, 3, 3),
                    TestNets.parameter(original, "01Conv2d_weight").getShape());
            assertArrayEquals(before, TestNets.infer(original, manager, input), 0f);
        }
    }
}
