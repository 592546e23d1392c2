/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

class IdxReaderTest {

    @TempDir Path dir;

    @Test
    void readsHeaderAndItems() throws IOException {
        byte[] body = IdxTestFiles.pixels(3);
        Path file = IdxTestFiles.images(dir.resolve("img.gz"), 3, body);
        try (IdxReader reader = IdxReader.open(file, IdxReader.Kind.IMAGES)) {
            assertEquals(3, reader.count());
            assertArrayEquals(new int[] {28, 28}, reader.itemDims());
            assertEquals(784, reader.itemSize());
            assertArrayEquals(body, reader.read(3));
        }
    }

    @Test
    void limitReadsOnlyTheFirstItems() throws IOException {
        // The header promises 5 images but only 2 are there: reading 2 must not look further.
        byte[] body = IdxTestFiles.pixels(2);
        Path file = IdxTestFiles.images(dir.resolve("img.gz"), 5, body);
        try (IdxReader reader = IdxReader.open(file, IdxReader.Kind.IMAGES)) {
            assertArrayEquals(Arrays.copyOf(body, 784), reader.read(1));
        }
        try (IdxReader reader = IdxReader.open(file, IdxReader.Kind.IMAGES)) {
            assertArrayEquals(body, reader.read(2));
        }
    }

    @Test
    void trailingDataIsIgnored() throws IOException {
        Path file =
                IdxTestFiles.write(
                        dir.resolve("lbl.gz"), 2049, new int[] {2}, new byte[] {7, 3, 9, 9, 9});
        try (IdxReader reader = IdxReader.open(file, IdxReader.Kind.LABELS)) {
            assertArrayEquals(new byte[] {7, 3}, reader.read(2));
        }
    }

    @Test
    void notGzipNamesTheFile() throws IOException {
        Path file = Files.write(dir.resolve("plain.gz"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1});
        IOException e =
                assertThrows(IOException.class, () -> IdxReader.open(file, IdxReader.Kind.IMAGES));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid gzip"), e.getMessage());
    }

    @Test
    void emptyFileIsNotGzip() throws IOException {
        Path file = Files.write(dir.resolve("empty.gz"), new byte[0]);
        IOException e =
                assertThrows(IOException.class, () -> IdxReader.open(file, IdxReader.Kind.LABELS));
        assertTrue(e.getMessage().contains("not a valid gzip"), e.getMessage());
    }

    @Test
    void corruptGzipNamesTheFile() throws IOException {
        Path good = IdxTestFiles.images(dir.resolve("good.gz"), 20, randomBytes(20 * 784));
        byte[] gz = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> {
                            try (IdxReader reader = IdxReader.open(cut, IdxReader.Kind.IMAGES)) {
                                reader.read(20);
                            }
                        });
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt or truncated gzip"), e.getMessage());
    }

    @Test
    void wrongMagicSaysExpectedAndFound() throws IOException {
        Path file = IdxTestFiles.labels(dir.resolve("lbl.gz"), new byte[] {1, 2});
        IOException e =
                assertThrows(IOException.class, () -> IdxReader.open(file, IdxReader.Kind.IMAGES));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2051 (0x00000803, images)"), e.getMessage());
        assertTrue(e.getMessage().contains("found 2049 (0x00000801)"), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("short.gz"), IdxTestFiles.gzip(new byte[] {0, 0, 8, 3, 0, 0}));
        IOException e =
                assertThrows(IOException.class, () -> IdxReader.open(file, IdxReader.Kind.IMAGES));
        assertTrue(e.getMessage().contains("expected 16 bytes, got 6"), e.getMessage());
    }

    @Test
    void negativeCountIsRejected() throws IOException {
        Path file = IdxTestFiles.write(dir.resolve("neg.gz"), 2049, new int[] {-5}, new byte[0]);
        IOException e =
                assertThrows(IOException.class, () -> IdxReader.open(file, IdxReader.Kind.LABELS));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
    }

    @Test
    void truncatedPixelsSayExpectedAndGot() throws IOException {
        Path file = IdxTestFiles.images(dir.resolve("img.gz"), 5, IdxTestFiles.pixels(2));
        try (IdxReader reader = IdxReader.open(file, IdxReader.Kind.IMAGES)) {
            IOException e = assertThrows(IOException.class, () -> reader.read(5));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            String expected = "expected 3920 bytes of pixels for 5 items, got 1568";
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void readsTheRealTrainImagesQuickly() throws IOException {
        Path file =
                FashionMnist.builder().build().getDirectory().resolve("train-images-idx3-ubyte.gz");
        long start = System.nanoTime();
        try (IdxReader reader = IdxReader.open(file, IdxReader.Kind.IMAGES)) {
            assertEquals(60_000, reader.count());
            assertEquals(60_000 * 784, reader.read(60_000).length);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // A generous bound for slow CI machines; a byte-at-a-time reader takes far longer.
        assertTrue(millis < 5_000, "reading 47 MB took " + millis + " ms");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(1).nextBytes(bytes);
        return bytes;
    }
}
