/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.FashionMnist;
import ai.fasterai.core.data.ImageTransforms;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The examples' data: Fashion-MNIST from local files, padded to 32x32 and normalized, in seeded
 * batches, with the test split as validation set so every figure is a test-set figure.
 */
public final class ExampleData {

    /** One padded Fashion-MNIST image with its batch axis: (1, 1, 32, 32). */
    public static final Shape ONE_IMAGE = new Shape(1, 1, 32, 32);

    /** The seed of every example: data order, initialization, dropout. */
    public static final int SEED = 42;

    private ExampleData() {}

    /**
     * Loads Fashion-MNIST.
     *
     * @param directory the folder with the four {@code *-ubyte.gz} files, or null for Debian's
     *     {@code dataset-fashion-mnist} location
     * @param trainLimit the first N training images, 0 for all 60,000
     * @param testLimit the first N test images, 0 for all 10,000
     * @param batchSize the batch size
     * @param manager the owner of the images
     * @return the train and test sets with their transforms
     * @throws IOException if the files cannot be read; the message names the install command when
     *     they are missing
     */
    public static DataLoaders fashionMnist(
            Path directory, int trainLimit, int testLimit, int batchSize, NDManager manager)
            throws IOException {
        return DataLoaders.builder()
                .setTrain(split(FashionMnist.Split.TRAIN, directory, trainLimit, manager))
                .setValid(split(FashionMnist.Split.TEST, directory, testLimit, manager))
                .optBatchSize(batchSize)
                .optSeed(SEED)
                .addTransform(ImageTransforms.padTo(32, 32))
                .addTransform(
                        ImageTransforms.normalize(
                                new float[] {ImageTransforms.FASHION_MNIST_MEAN},
                                new float[] {ImageTransforms.FASHION_MNIST_STD}))
                .build();
    }

    private static ArrayDataset split(
            FashionMnist.Split split, Path directory, int limit, NDManager manager)
            throws IOException {
        FashionMnist.Builder builder = FashionMnist.builder().optSplit(split);
        if (limit > 0) {
            builder.optLimit(limit);
        }
        if (directory != null) {
            builder.optDirectory(directory);
        }
        return builder.build().load(manager);
    }
}
