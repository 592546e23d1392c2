/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

class SyntheticDataTest {

    @Test
    void sameSeedGivesIdenticalArraysAndAnotherSeedDoesNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] first = values(generate(manager, 42, 0.1f, new Shape(1, 8, 8)));
            float[] again = values(generate(manager, 42, 0.1f, new Shape(1, 8, 8)));
            float[] other = values(generate(manager, 43, 0.1f, new Shape(1, 8, 8)));
            assertArrayEquals(first, again);
            assertFalse(Arrays.equals(first, other));
        }
    }

    @Test
    void shapesAndTypes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch cnn = all(manager, generate(manager, 1, 0.1f, new Shape(1, 8, 8)));
            assertEquals(new Shape(512, 1, 8, 8), cnn.getData().singletonOrThrow().getShape());
            assertEquals(DataType.FLOAT32, cnn.getData().singletonOrThrow().getDataType());
            assertEquals(new Shape(512), cnn.getLabels().singletonOrThrow().getShape());
            assertEquals(DataType.FLOAT32, cnn.getLabels().singletonOrThrow().getDataType());
            Batch mlp = all(manager, generate(manager, 1, 0.1f, new Shape(16)));
            assertEquals(new Shape(512, 16), mlp.getData().singletonOrThrow().getShape());
        }
    }

    @Test
    void classesAreBalanced() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(
                    new int[] {128, 128, 128, 128},
                    classCounts(generate(manager, 7, 0.1f, new Shape(16)), 4));
            ArrayDataset uneven =
                    SyntheticData.builder()
                            .setNumSamples(10)
                            .setNumClasses(3)
                            .setShape(new Shape(2))
                            .build()
                            .generate(manager);
            assertArrayEquals(new int[] {4, 3, 3}, classCounts(uneven, 3));
        }
    }

    @Test
    void nearestClassMeanSeparatesTheClasses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Shape shape : new Shape[] {new Shape(1, 8, 8), new Shape(16), new Shape(2)}) {
                double accuracy = nearestMeanAccuracy(generate(manager, 3, 0.1f, shape), 4);
                assertTrue(accuracy >= 0.99, shape + ": accuracy " + accuracy);
            }
        }
    }

    @Test
    void noiseZeroGivesThePrototypes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] x = values(generate(manager, 5, 0f, new Shape(16)));
            // Samples 0 and 4 share class 0; with no noise they are the same point.
            assertArrayEquals(Arrays.copyOfRange(x, 0, 16), Arrays.copyOfRange(x, 64, 80));
            assertFalse(Arrays.equals(Arrays.copyOfRange(x, 0, 16), Arrays.copyOfRange(x, 16, 32)));
        }
    }

    @Test
    void validationNamesParameterValueAndRange() {
        assertMessage(
                "numSamples must be >= 1",
                "got 0",
                SyntheticData.builder().setNumClasses(2).setShape(new Shape(4)));
        assertMessage(
                "numClasses must be >= 2",
                "got 1",
                SyntheticData.builder().setNumSamples(8).setNumClasses(1).setShape(new Shape(4)));
        assertMessage(
                "shape must be set",
                "null",
                SyntheticData.builder().setNumSamples(8).setNumClasses(2));
        assertMessage(
                "shape dimensions must all be >= 1",
                "(1, 0, 8)",
                valid().setShape(new Shape(1, 0, 8)));
        assertMessage(
                "shape must have at least one dimension", "()", valid().setShape(new Shape()));
        assertMessage("noise must be finite and >= 0", "got -0.5", valid().optNoise(-0.5f));
        assertMessage("noise must be finite and >= 0", "got NaN", valid().optNoise(Float.NaN));
        assertMessage(
                "noise must be finite and >= 0",
                "got Infinity",
                valid().optNoise(Float.POSITIVE_INFINITY));
        assertMessage(
                "numSamples * shape size must be < 2^31",
                "100000",
                valid().setNumSamples(100_000).setShape(new Shape(1, 256, 256)));
    }

    private static SyntheticData.Builder valid() {
        return SyntheticData.builder().setNumSamples(8).setNumClasses(2).setShape(new Shape(4));
    }

    private static void assertMessage(String rule, String value, SyntheticData.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    private static ArrayDataset generate(NDManager manager, long seed, float noise, Shape shape) {
        return SyntheticData.builder()
                .setNumSamples(512)
                .setNumClasses(4)
                .setShape(shape)
                .optSeed(seed)
                .optNoise(noise)
                .build()
                .generate(manager);
    }

    private static Batch all(NDManager manager, ArrayDataset ds) {
        return ds.getByRange(manager, 0, ds.size());
    }

    private static float[] values(ArrayDataset ds) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return all(manager, ds).getData().singletonOrThrow().toFloatArray();
        }
    }

    private static int[] classCounts(ArrayDataset ds, int numClasses) {
        int[] counts = new int[numClasses];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (float label : all(manager, ds).getLabels().singletonOrThrow().toFloatArray()) {
                counts[(int) label]++;
            }
        }
        return counts;
    }

    /** Accuracy of assigning each sample to the class whose mean is nearest. */
    private static double nearestMeanAccuracy(ArrayDataset ds, int numClasses) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = all(manager, ds);
            NDArray data = batch.getData().singletonOrThrow();
            int n = (int) data.getShape().get(0);
            int dim = (int) (data.size() / n);
            float[] x = data.toFloatArray();
            float[] y = batch.getLabels().singletonOrThrow().toFloatArray();
            double[][] means = new double[numClasses][dim];
            int[] counts = new int[numClasses];
            for (int i = 0; i < n; i++) {
                counts[(int) y[i]]++;
                for (int j = 0; j < dim; j++) {
                    means[(int) y[i]][j] += x[i * dim + j];
                }
            }
            int correct = 0;
            for (int i = 0; i < n; i++) {
                int best = -1;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int c = 0; c < numClasses; c++) {
                    double distance = 0;
                    for (int j = 0; j < dim; j++) {
                        double d = x[i * dim + j] - means[c][j] / counts[c];
                        distance += d * d;
                    }
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        best = c;
                    }
                }
                correct += best == (int) y[i] ? 1 : 0;
            }
            return correct / (double) n;
        }
    }
}
