/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Cluster indices packed {@code bits} to an index in {@code long} words: index {@code i} occupies
 * bits {@code [i * bits, (i + 1) * bits)} of the stream, least significant bit first, so word
 * {@code w} holds stream bits {@code [64 w, 64 w + 64)} and an index may straddle two words.
 *
 * <p>Stored as bytes in stream order (bit {@code j} is bit {@code j % 8} of byte {@code j / 8}),
 * only {@code ceil(n * bits / 8)} of them: the file does not pay for the last word's padding.
 */
final class PackedIndices {

    /** The widest index: 16 bits address 65536 centroids. */
    static final int MAX_BITS = 16;

    private static final int CHUNK = 1 << 16;

    private PackedIndices() {}

    /**
     * Returns the bits an index into a codebook of {@code k} entries needs: {@code ceil(log2 k)},
     * at least 1 (a one-entry codebook still writes one bit per weight, so that every width in the
     * format is in 1..16).
     */
    static int bitsFor(int k) {
        if (k < 1 || k > 1 << MAX_BITS) {
            throw new IllegalArgumentException("codebook size must be in [1, 65536], got " + k);
        }
        return k <= 2 ? 1 : 32 - Integer.numberOfLeadingZeros(k - 1);
    }

    /** Returns {@code ceil(n * bits / 8)}, the bytes {@link #write} writes. */
    static long byteCount(long n, int bits) {
        return (n * bits + 7) / 8;
    }

    /** Packs indices, each in {@code [0, 2^bits)}. */
    static long[] pack(int[] indices, int bits) {
        checkBits(bits);
        long mask = (1L << bits) - 1;
        long[] words = new long[Math.toIntExact((indices.length * (long) bits + 63) / 64)];
        long bit = 0;
        for (int index : indices) {
            long value = index & mask;
            if (value != index) {
                throw new IllegalArgumentException(
                        "index " + index + " does not fit in " + bits + " bits");
            }
            int word = (int) (bit >>> 6);
            int offset = (int) (bit & 63);
            words[word] |= value << offset;
            if (offset + bits > 64) {
                words[word + 1] |= value >>> (64 - offset);
            }
            bit += bits;
        }
        return words;
    }

    /** Returns index {@code i}. */
    static int get(long[] words, long i, int bits) {
        long bit = i * bits;
        int word = (int) (bit >>> 6);
        int offset = (int) (bit & 63);
        long value = words[word] >>> offset;
        if (offset + bits > 64) {
            value |= words[word + 1] << (64 - offset);
        }
        return (int) (value & ((1L << bits) - 1));
    }

    /** Unpacks the first {@code n} indices. */
    static int[] unpack(long[] words, int n, int bits) {
        checkBits(bits);
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = get(words, i, bits);
        }
        return indices;
    }

    /** Writes the {@code ceil(n * bits / 8)} bytes of {@code n} packed indices. */
    static void write(DataOutputStream out, long[] words, long n, int bits) throws IOException {
        long bytes = byteCount(n, bits);
        byte[] buffer = new byte[(int) Math.min(CHUNK, bytes)];
        long done = 0;
        while (done < bytes) {
            int length = (int) Math.min(buffer.length, bytes - done);
            for (int j = 0; j < length; j++) {
                long at = done + j;
                buffer[j] = (byte) (words[(int) (at >>> 3)] >>> ((at & 7) * 8));
            }
            out.write(buffer, 0, length);
            done += length;
        }
    }

    /** Reads what {@link #write} wrote for {@code n} indices. */
    static long[] read(DataInputStream in, long n, int bits) throws IOException {
        checkBits(bits);
        long bytes = byteCount(n, bits);
        long[] words = new long[Math.toIntExact((bytes + 7) / 8)];
        byte[] buffer = new byte[(int) Math.min(CHUNK, bytes)];
        long done = 0;
        while (done < bytes) {
            int length = (int) Math.min(buffer.length, bytes - done);
            in.readFully(buffer, 0, length);
            for (int j = 0; j < length; j++) {
                long at = done + j;
                words[(int) (at >>> 3)] |= (buffer[j] & 0xFFL) << ((at & 7) * 8);
            }
            done += length;
        }
        return words;
    }

    private static void checkBits(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits must be in [1, 16], got " + bits);
        }
    }
}
