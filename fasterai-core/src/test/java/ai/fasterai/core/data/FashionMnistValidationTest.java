/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Options, directory resolution and bad input, with small hand-made files. */
class FashionMnistValidationTest {

    @TempDir Path dir;

    @Test
    void loadsHandMadeFiles() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds = FashionMnist.builder().optDirectory(dir).build().load(manager);
            Batch all = ds.getByRange(manager, 0, ds.size());
            NDArray data = all.getData().singletonOrThrow();
            assertEquals(new Shape(3, 1, 28, 28), data.getShape());
            float[] values = data.toFloatArray();
            byte[] pixels = IdxTestFiles.pixels(3);
            for (int i = 0; i < pixels.length; i++) {
                assertEquals((pixels[i] & 0xFF) / 255f, values[i], "pixel " + i);
            }
            assertArrayEquals(
                    new float[] {0, 1, 2}, all.getLabels().singletonOrThrow().toFloatArray());
        }
    }

    @Test
    void notGzipNamesTheFile() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(images, new byte[] {1, 2, 3, 4});
        String message = loadFails(IOException.class);
        assertTrue(message.contains(images.toString()), message);
        assertTrue(message.contains("not a valid gzip"), message);
    }

    @Test
    void wrongMagicSaysExpectedAndFound() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        // A labels file where the images should be.
        Files.copy(
                dir.resolve("train-labels-idx1-ubyte.gz"),
                dir.resolve("train-images-idx3-ubyte.gz"),
                StandardCopyOption.REPLACE_EXISTING);
        String message = loadFails(IOException.class);
        assertTrue(message.contains("train-images-idx3-ubyte.gz"), message);
        assertTrue(message.contains("expected 2051"), message);
        assertTrue(message.contains("found 2049"), message);
    }

    @Test
    void truncatedPixelData() throws IOException {
        IdxTestFiles.trainSplit(dir, 5);
        IdxTestFiles.images(dir.resolve("train-images-idx3-ubyte.gz"), 5, IdxTestFiles.pixels(2));
        String message = loadFails(IOException.class);
        assertTrue(message.contains("train-images-idx3-ubyte.gz"), message);
        assertTrue(message.contains("expected 3920 bytes of pixels"), message);
        assertTrue(message.contains("got 1568"), message);
    }

    @Test
    void labelCountDifferentFromImageCount() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0, 1, 2, 3});
        String message = loadFails(IOException.class);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        assertTrue(message.contains(images + " holds 3 images"), message);
        assertTrue(message.contains(labels + " holds 4 labels"), message);
    }

    @Test
    void labelOutsideTheClasses() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0, 10, 2});
        String message = loadFails(IOException.class);
        assertTrue(message.contains("label 10 at index 1"), message);
    }

    @Test
    void imagesThatAreNot28By28() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        IdxTestFiles.write(
                dir.resolve("train-images-idx3-ubyte.gz"), 2051, new int[] {3, 2, 2}, new byte[12]);
        String message = loadFails(IOException.class);
        assertTrue(message.contains("expected 28x28 images, found 2x2"), message);
    }

    @Test
    void limitLargerThanTheFiles() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        FashionMnist reader = FashionMnist.builder().optDirectory(dir).optLimit(4).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> reader.load(manager));
            assertTrue(e.getMessage().contains("limit 4 exceeds the 3 samples"), e.getMessage());
        }
    }

    @Test
    void limitSmallerThanTheFilesReadsOnlyThoseSamples() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds =
                    FashionMnist.builder().optDirectory(dir).optLimit(2).build().load(manager);
            assertEquals(2, ds.size());
        }
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("nowhere");
        FashionMnist reader = FashionMnist.builder().optDirectory(missing).build();
        String message = assertLoadThrows(FileNotFoundException.class, reader);
        assertTrue(message.contains("directory " + missing + " does not exist"), message);
        assertTrue(message.contains("optDirectory"), message);
        assertFixIsExplained(message);
    }

    @Test
    void missingOneFile() throws IOException {
        IdxTestFiles.trainSplit(dir, 3);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        String message = loadFails(FileNotFoundException.class);
        assertTrue(message.contains("missing train-labels-idx1-ubyte.gz in " + dir), message);
        assertFixIsExplained(message);
    }

    @Test
    void missingFileMessageSaysTheDirectoryCameFromTheProperty() {
        Path missing = dir.resolve("from-property");
        String old = System.setProperty(FashionMnist.DIRECTORY_PROPERTY, missing.toString());
        try {
            FashionMnist reader = FashionMnist.builder().build();
            assertEquals(missing, reader.getDirectory());
            String message = assertLoadThrows(FileNotFoundException.class, reader);
            assertTrue(message.contains(missing.toString()), message);
            assertTrue(message.contains("from system property fasterai.fashionmnist.dir"), message);
        } finally {
            if (old == null) {
                System.clearProperty(FashionMnist.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(FashionMnist.DIRECTORY_PROPERTY, old);
            }
        }
    }

    @Test
    void directoryResolutionOrder() {
        Path a = Path.of("/a");
        assertEquals(
                new FashionMnistLocation(a, "set with FashionMnist.Builder.optDirectory"),
                FashionMnistLocation.resolve(a, "/b", "/c"));
        FashionMnistLocation property = FashionMnistLocation.resolve(null, "/b", "/c");
        assertEquals(Path.of("/b"), property.directory());
        assertTrue(property.source().contains("system property"), property.source());
        FashionMnistLocation env = FashionMnistLocation.resolve(null, " ", "/c");
        assertEquals(Path.of("/c"), env.directory());
        assertTrue(
                env.source().contains("environment variable FASTERAI_FASHION_MNIST_DIR"),
                env.source());
        FashionMnistLocation fallback = FashionMnistLocation.resolve(null, null, "");
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), fallback.directory());
        assertTrue(fallback.source().contains("default"), fallback.source());
    }

    @Test
    void limitZeroIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FashionMnist.builder().optLimit(0).build());
        assertTrue(e.getMessage().contains("limit must be in [1, 60000]"), e.getMessage());
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void limitLargerThanTheSplitIsRejected() {
        IllegalArgumentException train =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FashionMnist.builder().optLimit(60_001).build());
        assertTrue(
                train.getMessage().contains("TRAIN split has 60000 samples"), train.getMessage());
        assertTrue(train.getMessage().contains("got 60001"), train.getMessage());
        IllegalArgumentException test =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FashionMnist.builder()
                                        .optSplit(FashionMnist.Split.TEST)
                                        .optLimit(10_001)
                                        .build());
        assertTrue(test.getMessage().contains("[1, 10000]"), test.getMessage());
    }

    @Test
    void classNames() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
    }

    private static void assertFixIsExplained(String message) {
        assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
        assertTrue(message.contains(FashionMnist.DIRECTORY_PROPERTY), message);
        assertTrue(message.contains(FashionMnist.DIRECTORY_ENV), message);
    }

    private String loadFails(Class<? extends IOException> type) {
        return assertLoadThrows(type, FashionMnist.builder().optDirectory(dir).build());
    }

    private static String assertLoadThrows(Class<? extends IOException> type, FashionMnist reader) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Executable load = () -> reader.load(manager);
            String message = assertThrows(type, load).getMessage();
            // Nothing may be left on the manager: no partial dataset.
            assertEquals(0, manager.getManagedArrays().size(), "arrays left on the manager");
            return message;
        }
    }
}
