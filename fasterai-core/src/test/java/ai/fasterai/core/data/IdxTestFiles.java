/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small hand-made IDX files for tests. */
final class IdxTestFiles {

    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;

    private IdxTestFiles() {}

    /** A gzip IDX file with the given magic, header dimensions and body bytes. */
    static Path write(Path file, int magic, int[] dims, byte[] body) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 * (1 + dims.length));
        header.putInt(magic);
        for (int dim : dims) {
            header.putInt(dim);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(header.array());
            out.write(body);
        }
        return file;
    }

    /** An images file declaring {@code count} 28x28 images, holding {@code body}. */
    static Path images(Path file, int count, byte[] body) throws IOException {
        return write(file, 2051, new int[] {count, SIDE, SIDE}, body);
    }

    /** A labels file declaring {@code labels.length} labels. */
    static Path labels(Path file, byte[] labels) throws IOException {
        return write(file, 2049, new int[] {labels.length}, labels);
    }

    /** Pixel bytes where pixel j of image i is {@code (i * 31 + j) mod 256}. */
    static byte[] pixels(int count) {
        byte[] body = new byte[count * PIXELS];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < PIXELS; j++) {
                body[i * PIXELS + j] = (byte) (i * 31 + j);
            }
        }
        return body;
    }

    /** A valid TRAIN split of {@code count} samples with labels {@code i mod 10}. */
    static void trainSplit(Path dir, int count) throws IOException {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        images(dir.resolve("train-images-idx3-ubyte.gz"), count, pixels(count));
        labels(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
    }

    /** The gzip bytes of {@code data}. */
    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
