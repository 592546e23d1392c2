/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Tests on the real files. They fail (never skip) when the files are missing: CI installs the
 * {@code dataset-fashion-mnist} package, and the failure shows the library's fix-it message.
 */
class FashionMnistTest {

    @Test
    void trainSplitHas6000SamplesPerClassInUnitRange() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds = FashionMnist.builder().build().load(manager);
            assertEquals(60_000, ds.size());
            Batch all = ds.getByRange(manager, 0, ds.size());
            NDArray data = all.getData().singletonOrThrow();
            NDArray labels = all.getLabels().singletonOrThrow();
            assertEquals(new Shape(60_000, 1, 28, 28), data.getShape());
            assertEquals(DataType.FLOAT32, data.getDataType());
            assertEquals(new Shape(60_000), labels.getShape());
            assertEquals(DataType.FLOAT32, labels.getDataType());
            assertEquals(0f, data.min().getFloat());
            assertEquals(1f, data.max().getFloat());
            assertArrayEquals(filled(6000), classCounts(labels));
        }
    }

    @Test
    void testSplitHas1000SamplesPerClass() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds =
                    FashionMnist.builder().optSplit(FashionMnist.Split.TEST).build().load(manager);
            Batch all = ds.getByRange(manager, 0, ds.size());
            NDArray data = all.getData().singletonOrThrow();
            assertEquals(new Shape(10_000, 1, 28, 28), data.getShape());
            assertEquals(0f, data.min().getFloat());
            assertEquals(1f, data.max().getFloat());
            assertArrayEquals(filled(1000), classCounts(all.getLabels().singletonOrThrow()));
        }
    }

    @Test
    void limitGivesTheFirstSamplesOfTheFiles() throws IOException {
        int limit = 100;
        Path dir = FashionMnist.builder().build().getDirectory();
        byte[] pixels = readIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), 2051, 3, limit * 784);
        byte[] labelBytes = readIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 2049, 1, limit);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds =
                    FashionMnist.builder()
                            .optSplit(FashionMnist.Split.TEST)
                            .optLimit(limit)
                            .build()
                            .load(manager);
            assertEquals(limit, ds.size());
            Batch all = ds.getByRange(manager, 0, limit);
            float[] data = all.getData().singletonOrThrow().toFloatArray();
            float[] labels = all.getLabels().singletonOrThrow().toFloatArray();
            assertEquals(pixels.length, data.length);
            for (int i = 0; i < pixels.length; i++) {
                assertEquals((pixels[i] & 0xFF) / 255f, data[i], "pixel " + i);
            }
            for (int i = 0; i < limit; i++) {
                assertEquals(labelBytes[i], labels[i], "label " + i);
            }
        }
    }

    @Test
    void batchesComeFromTheCallersSampler() throws IOException, TranslateException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds = FashionMnist.builder().optLimit(64).build().load(manager);
            BatchSampler sampler = new BatchSampler(new SequenceSampler(), 32, false);
            int batches = 0;
            for (Batch batch : ds.getData(manager, sampler)) {
                assertEquals(
                        new Shape(32, 1, 28, 28), batch.getData().singletonOrThrow().getShape());
                assertEquals(new Shape(32), batch.getLabels().singletonOrThrow().getShape());
                batch.close();
                batches++;
            }
            assertEquals(2, batches);
        }
    }

    /** Parses an IDX file independently of IdxReader: header, then the first bytes. */
    private static byte[] readIdx(Path file, int magic, int rank, int bytes) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            assertEquals(magic, in.readInt());
            for (int i = 0; i < rank; i++) {
                in.readInt();
            }
            byte[] data = new byte[bytes];
            in.readFully(data);
            return data;
        }
    }

    private static int[] classCounts(NDArray labels) {
        int[] counts = new int[FashionMnist.CLASS_NAMES.size()];
        for (float label : labels.toFloatArray()) {
            counts[(int) label]++;
        }
        return counts;
    }

    private static int[] filled(int value) {
        int[] counts = new int[FashionMnist.CLASS_NAMES.size()];
        Arrays.fill(counts, value);
        return counts;
    }
}
