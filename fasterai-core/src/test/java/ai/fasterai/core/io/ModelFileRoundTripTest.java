/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

class ModelFileRoundTripTest {

    @TempDir Path dir;

    @BeforeAll
    static void register() {
        TestNets.registerFlatten();
    }

    @Test
    void loadsWithoutTheBuilderToTheSameOutputsSpecAndStatistics() throws IOException {
        Path file = dir.resolve("cnn.fai");
        float[] input;
        float[] expected;
        float[] runningMean;
        float[] runningVar;
        String expectedSpec;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            SequentialBlock net = TestNets.cnn(8);
            net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            TestNets.warmBatchNorm(net, manager);
            runningMean = TestNets.parameter(net, "02BatchNorm_runningMean").toFloatArray();
            runningVar = TestNets.parameter(net, "02BatchNorm_runningVar").toFloatArray();
            // Statistics still at their initial 0 and 1 would make the check below vacuous.
            assertTrue(Math.abs(runningMean[0]) > 1e-3, "BatchNorm did not move its mean");
            assertTrue(Math.abs(runningVar[0] - 1f) > 1e-3, "BatchNorm did not move its var");
            input = TestNets.randomInput(manager);
            expected = TestNets.infer(net, manager, input);
            expectedSpec = BlockDescriber.describeModel(net).toJsonText();
            ModelFile.save(net, file);
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            Block loaded = ModelFile.load(file, manager);
            assertTrue(loaded.isInitialized());
            assertArrayEquals(expected, TestNets.infer(loaded, manager, input), 1e-6f);
            assertEquals(expectedSpec, BlockDescriber.describeModel(loaded).toJsonText());
            assertArrayEquals(
                    runningMean,
                    TestNets.parameter(loaded, "02BatchNorm_runningMean").toFloatArray(),
                    0f);
            assertArrayEquals(
                    runningVar,
                    TestNets.parameter(loaded, "02BatchNorm_runningVar").toFloatArray(),
                    0f);
            Block norm = loaded.getChildren().get("02BatchNorm");
            assertEquals(
                    Float.floatToIntBits(TestNets.EPSILON),
                    Float.floatToIntBits(
                            (Float) PrivateFields.read(norm, BatchNorm.class, "epsilon")));
            assertEquals(
                    Float.floatToIntBits(TestNets.MOMENTUM),
                    Float.floatToIntBits(
                            (Float) PrivateFields.read(norm, BatchNorm.class, "momentum")));
            Block dropout = loaded.getChildren().get("05Dropout");
            assertEquals(
                    TestNets.DROPOUT, (Float) PrivateFields.read(dropout, Dropout.class, "rate"));
        }
    }

    @Test
    void loadedWeightsAreTrainable() throws IOException {
        Path file = dir.resolve("trainable.fai");
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = TestNets.cnn(4);
            net.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            ModelFile.save(net, file);
            Block loaded = ModelFile.load(file, manager);
            assertTrue(TestNets.parameter(loaded, "01Conv2d_weight").hasGradient());
            assertTrue(TestNets.parameter(loaded, "02BatchNorm_gamma").hasGradient());
            assertFalse(TestNets.parameter(loaded, "02BatchNorm_runningMean").hasGradient());
        }
    }

    @Test
    void modelOverloadsRoundTrip() throws IOException {
        Path file = dir.resolve("model.fai");
        float[] input;
        float[] expected;
        try (Model model = Model.newInstance("original")) {
            SequentialBlock net = TestNets.cnn(5);
            net.initialize(model.getNDManager(), DataType.FLOAT32, TestNets.INPUT);
            model.setBlock(net);
            input = TestNets.randomInput(model.getNDManager());
            expected = TestNets.infer(net, model.getNDManager(), input);
            ModelFile.save(model, file);
        }
        try (Model copy = ModelFile.loadModel(file, "copy")) {
            assertEquals("copy", copy.getName());
            assertArrayEquals(
                    expected, TestNets.infer(copy.getBlock(), copy.getNDManager(), input), 1e-6f);
        }
    }

    @Test
    void loadParametersFillsAnEqualArchitecture() throws IOException {
        Path file = dir.resolve("weights.fai");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            SequentialBlock trained = TestNets.cnn(8);
            trained.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            TestNets.warmBatchNorm(trained, manager);
            ModelFile.save(trained, file);
            float[] input = TestNets.randomInput(manager);
            float[] expected = TestNets.infer(trained, manager, input);

            Engine.getInstance().setRandomSeed(2);
            SequentialBlock other = TestNets.cnn(8);
            other.initialize(manager, DataType.FLOAT32, TestNets.INPUT);
            NDArray before = TestNets.parameter(other, "01Conv2d_weight");
            float[] otherOutput = TestNets.infer(other, manager, input);
            assertFalse(java.util.Arrays.equals(expected, otherOutput), "nets start equal");

            ModelFile.loadParameters(other, file, manager);

            assertNotSame(before, TestNets.parameter(other, "01Conv2d_weight"));
            assertArrayEquals(expected, TestNets.infer(other, manager, input), 1e-6f);
            assertTrue(TestNets.parameter(other, "06Linear_weight").hasGradient());
            assertEquals(TestNets.INPUT, other.getInputShapes()[0]);
        }
    }
}
