/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Batches, counts and seeded shuffling. */
class DataLoadersTest {

    private static ArrayDataset indexed(NDManager manager, int n) {
        float[] ids = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(ids, new Shape(n, 1)))
                .optLabels(manager.create(ids))
                .setSampling(1, false)
                .build();
    }

    private static List<Float> order(Iterable<Batch> batches, List<Long> sizes) {
        List<Float> ids = new ArrayList<>();
        for (Batch batch : batches) {
            try (batch) {
                sizes.add(batch.getData().head().getShape().get(0));
                for (float id : batch.getLabels().head().toFloatArray()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    @Test
    void shuffleIsAPermutationReproducibleFromSeedAndEpoch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DataLoaders a =
                    DataLoaders.builder()
                            .setTrain(indexed(manager, 50))
                            .setValid(indexed(manager, 10))
                            .optBatchSize(8)
                            .optSeed(3)
                            .build();
            DataLoaders b =
                    DataLoaders.builder()
                            .setTrain(indexed(manager, 50))
                            .setValid(indexed(manager, 10))
                            .optBatchSize(8)
                            .optSeed(3)
                            .build();
            List<Long> sizes = new ArrayList<>();
            List<Float> epoch0 = order(a.trainBatches(manager, 0), sizes);
            assertEquals(List.of(8L, 8L, 8L, 8L, 8L, 8L, 2L), sizes);
            assertEquals(7, a.numTrainBatches());
            assertEquals(50, new TreeSet<>(epoch0).size());
            assertEquals(epoch0, order(b.trainBatches(manager, 0), new ArrayList<>()));
            assertNotEquals(epoch0, order(a.trainBatches(manager, 1), new ArrayList<>()));
            List<Float> sorted = new ArrayList<>(epoch0);
            sorted.sort(null);
            assertNotEquals(sorted, epoch0, "shuffled");
        }
    }

    @Test
    void validationIsInOrderAndDropLastDropsTheRemainder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DataLoaders dls =
                    DataLoaders.builder()
                            .setTrain(indexed(manager, 50))
                            .setValid(indexed(manager, 10))
                            .optBatchSize(8)
                            .optDropLast(true)
                            .build();
            List<Long> sizes = new ArrayList<>();
            List<Float> valid = order(dls.validBatches(manager), sizes);
            assertEquals(List.of(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f), valid);
            assertEquals(List.of(8L, 2L), sizes);
            List<Long> trainSizes = new ArrayList<>();
            order(dls.trainBatches(manager, 0), trainSizes);
            assertEquals(List.of(8L, 8L, 8L, 8L, 8L, 8L), trainSizes);
            assertEquals(6, dls.numTrainBatches());
        }
    }

    @Test
    void dropLastWithTooFewSamplesIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    DataLoaders.builder()
                                            .setTrain(indexed(manager, 5))
                                            .setValid(indexed(manager, 5))
                                            .optBatchSize(8)
                                            .optDropLast(true)
                                            .build());
            assertTrue(e.getMessage().contains("batchSize 8"), e.getMessage());
            assertTrue(e.getMessage().contains("5 samples"), e.getMessage());
        }
    }
}
