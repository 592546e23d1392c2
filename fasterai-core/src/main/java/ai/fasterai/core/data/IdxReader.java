/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a gzip-compressed IDX file (the MNIST / Fashion-MNIST format) as unsigned bytes.
 *
 * <p>The header is big-endian: a magic number ({@code 0x00000803} for images with dimensions count,
 * rows, cols; {@code 0x00000801} for labels with dimension count), then the data, one unsigned byte
 * per value. {@link #open} reads and checks only the header; {@link #read} then reads the first
 * items in one bulk read, so a limit never inflates the rest of the file. Data after the declared
 * items is ignored.
 *
 * <p>Every error is an {@link IOException} whose message names the file and what is wrong.
 */
final class IdxReader implements Closeable {

    /** The two IDX layouts Fashion-MNIST uses. */
    enum Kind {
        /** {@code idx3-ubyte}: magic 2051, dimensions count, rows, cols. */
        IMAGES(0x00000803, 3, "pixels"),
        /** {@code idx1-ubyte}: magic 2049, dimension count. */
        LABELS(0x00000801, 1, "labels");

        private final int magic;
        private final int rank;
        private final String unit;

        Kind(int magic, int rank, String unit) {
            this.magic = magic;
            this.rank = rank;
            this.unit = unit;
        }
    }

    // Large buffers: inflating 47 MB through the JDK's 512-byte default is needlessly slow.
    private static final int BUFFER_SIZE = 1 << 16;

    private final Path file;
    private final Kind kind;
    private final InputStream in;
    private final int[] dims;

    private IdxReader(Path file, Kind kind, InputStream in, int[] dims) {
        this.file = file;
        this.kind = kind;
        this.in = in;
        this.dims = dims;
    }

    /**
     * Opens a file and reads its header.
     *
     * @param file the {@code .gz} file
     * @param kind the layout the file must have
     * @return a reader positioned at the first item
     * @throws IOException if the file cannot be read, is not gzip, or has a bad header
     */
    static IdxReader open(Path file, Kind kind) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream in =
                    new GZIPInputStream(new BufferedInputStream(raw, BUFFER_SIZE), BUFFER_SIZE);
            int[] dims = readHeader(file, kind, in);
            return new IdxReader(file, kind, in, dims);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new IOException(
                    file + " is not a valid gzip file (not gzip or corrupt): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static int[] readHeader(Path file, Kind kind, InputStream in) throws IOException {
        int headerBytes = 4 * (1 + kind.rank);
        byte[] header = in.readNBytes(headerBytes);
        if (header.length < 4) {
            throw truncatedHeader(file, headerBytes, header.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(header); // big-endian by default, as IDX is
        int magic = buf.getInt();
        if (magic != kind.magic) {
            throw new IOException(
                    String.format(
                            "%s: wrong IDX magic number: expected %d (0x%08X, %s), found %d"
                                    + " (0x%08X)",
                            file, kind.magic, kind.magic, kind.name().toLowerCase(), magic, magic));
        }
        if (header.length < headerBytes) {
            throw truncatedHeader(file, headerBytes, header.length);
        }
        int[] dims = new int[kind.rank];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = buf.getInt();
            // The count may be 0; rows and cols may not. Negative means a corrupt header.
            int min = i == 0 ? 0 : 1;
            if (dims[i] < min) {
                throw new IOException(
                        file
                                + ": invalid IDX header: dimension "
                                + i
                                + " is "
                                + dims[i]
                                + ", must be >= "
                                + min);
            }
        }
        return dims;
    }

    private static IOException truncatedHeader(Path file, int expected, int got) {
        return new IOException(
                file + ": truncated IDX header: expected " + expected + " bytes, got " + got);
    }

    /**
     * Returns the number of items the header declares.
     *
     * @return the item count
     */
    int count() {
        return dims[0];
    }

    /**
     * Returns the header's dimensions after the count (rows, cols for images; none for labels).
     *
     * @return a copy of the item dimensions
     */
    int[] itemDims() {
        int[] item = new int[dims.length - 1];
        System.arraycopy(dims, 1, item, 0, item.length);
        return item;
    }

    /**
     * Returns the number of bytes of one item.
     *
     * @return rows * cols for images, 1 for labels
     */
    long itemSize() {
        long size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /**
     * Reads the first {@code n} items in one bulk read.
     *
     * @param n how many items, between 0 and {@link #count()}
     * @return the raw unsigned bytes, {@code n * itemSize()} of them
     * @throws IOException if the file ends early or its compressed data is corrupt
     */
    byte[] read(int n) throws IOException {
        if (n < 0 || n > count()) {
            throw new IllegalArgumentException(
                    "n must be in [0, " + count() + "] for " + file + ", got " + n);
        }
        long expected = n * itemSize();
        if (expected > Integer.MAX_VALUE - 8) {
            throw new IOException(
                    file + ": " + n + " items of " + itemSize() + " bytes do not fit in one array");
        }
        // One array, filled in place: no intermediate chunks to copy.
        byte[] data = new byte[(int) expected];
        int got;
        try {
            got = in.readNBytes(data, 0, data.length);
        } catch (ZipException | EOFException e) {
            throw new IOException(
                    file + " has corrupt or truncated gzip data: " + e.getMessage(), e);
        }
        if (got != expected) {
            throw new IOException(
                    file
                            + ": truncated IDX data: expected "
                            + expected
                            + " bytes of "
                            + kind.unit
                            + " for "
                            + n
                            + " items, got "
                            + got);
        }
        return data;
    }

    /**
     * Closes the underlying file.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
