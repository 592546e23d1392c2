/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.Shape;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The stored form of a {@link ClusteredLayer}: its weight as a codebook plus packed indices, its
 * bias as plain floats. Integers and floats are big-endian, as {@link DataOutputStream} writes
 * them:
 *
 * <pre>
 * size              content
 * 1                 format version (1)
 * 1                 r, the weight's rank (2 for Linear, 4 for Conv2d)
 * 8 r               the weight's dimensions (longs); N is their product
 * 4                 k, the codebook size, 1..65536
 * 4 k               the codebook (floats), ascending
 * 1                 b, bits per index: ceil(log2 k), at least 1
 * ceil(N b / 8)     the N indices, b bits each, least significant bit first (see PackedIndices)
 * 1                 1 if a bias follows, else 0
 * 4 + 4 M           M, the bias length (int), then M floats, only if a bias follows
 * </pre>
 *
 * <p>So a layer takes {@code 8 + 8 r + 4 k + ceil(N b / 8)} bytes, plus {@code 4 + 4 M} with a bias
 * ({@link #sizeBytes}); no DJL parameter header is written.
 */
final class CodebookFormat {

    /** The format version, the first byte. */
    static final byte VERSION = 1;

    private static final int MAX_RANK = 8;

    private CodebookFormat() {}

    /**
     * A decoded layer.
     *
     * @param shape the weight's shape
     * @param weight the weight values, each a codebook entry
     * @param bias the bias, or null if none was stored
     */
    record Decoded(Shape shape, float[] weight, float[] bias) {}

    /**
     * Returns the bytes {@link #write} writes.
     *
     * @param rank the weight's rank
     * @param weights the number of weights N
     * @param codebookSize k
     * @param biasLength M, or -1 without a bias
     */
    static long sizeBytes(int rank, long weights, int codebookSize, long biasLength) {
        int bits = PackedIndices.bitsFor(codebookSize);
        long size =
                1L
                        + 1
                        + 8L * rank
                        + 4
                        + 4L * codebookSize
                        + 1
                        + PackedIndices.byteCount(weights, bits)
                        + 1;
        return biasLength < 0 ? size : size + 4 + 4 * biasLength;
    }

    /**
     * Writes a layer.
     *
     * @param shape the weight's shape
     * @param codebook ascending distinct values
     * @param assignments each weight's index in the codebook
     * @param bias the bias, or null
     */
    static void write(
            DataOutputStream out, Shape shape, float[] codebook, int[] assignments, float[] bias)
            throws IOException {
        int bits = PackedIndices.bitsFor(codebook.length);
        out.writeByte(VERSION);
        out.writeByte(shape.dimension());
        for (long dim : shape.getShape()) {
            out.writeLong(dim);
        }
        out.writeInt(codebook.length);
        for (float value : codebook) {
            out.writeFloat(value);
        }
        out.writeByte(bits);
        PackedIndices.write(out, PackedIndices.pack(assignments, bits), assignments.length, bits);
        out.writeBoolean(bias != null);
        if (bias != null) {
            out.writeInt(bias.length);
            for (float value : bias) {
                out.writeFloat(value);
            }
        }
    }

    /**
     * Reads a layer, checking every count before it allocates, so damaged bytes fail with a message
     * rather than a huge allocation.
     *
     * @throws MalformedModelException if the bytes are not this format
     */
    static Decoded read(DataInputStream in) throws IOException, MalformedModelException {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new MalformedModelException(
                    "clustered layer format version " + version + ", expected " + VERSION);
        }
        int rank = in.readByte();
        if (rank < 1 || rank > MAX_RANK) {
            throw new MalformedModelException("clustered weight of rank " + rank);
        }
        long[] dims = new long[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readLong();
            if (dims[i] < 1 || dims[i] > Integer.MAX_VALUE || n * dims[i] > Integer.MAX_VALUE) {
                throw new MalformedModelException("clustered weight dimension " + dims[i]);
            }
            n *= dims[i];
        }
        int k = in.readInt();
        if (k < 1 || k > 1 << PackedIndices.MAX_BITS) {
            throw new MalformedModelException("codebook size " + k + ", expected 1..65536");
        }
        float[] codebook = new float[k];
        for (int j = 0; j < k; j++) {
            codebook[j] = in.readFloat();
        }
        int bits = in.readByte();
        if (bits != PackedIndices.bitsFor(k)) {
            throw new MalformedModelException(
                    bits + " bits per index for a codebook of " + k + " entries");
        }
        long[] words = PackedIndices.read(in, n, bits);
        float[] weight = new float[(int) n];
        for (int i = 0; i < n; i++) {
            int index = PackedIndices.get(words, i, bits);
            if (index >= k) {
                throw new MalformedModelException(
                        "index " + index + " of weight " + i + " is past the codebook's " + k);
            }
            weight[i] = codebook[index];
        }
        float[] bias = null;
        if (in.readBoolean()) {
            int m = in.readInt();
            if (m < 0 || m > n) {
                throw new MalformedModelException("bias length " + m);
            }
            bias = new float[m];
            for (int j = 0; j < m; j++) {
                bias[j] = in.readFloat();
            }
        }
        return new Decoded(new Shape(dims), weight, bias);
    }
}
