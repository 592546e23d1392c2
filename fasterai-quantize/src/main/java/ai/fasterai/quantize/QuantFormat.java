/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.Shape;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The binary pieces {@link QuantizedLayer} writes and reads, with bounds checked on reading. */
final class QuantFormat {

    /** Guards against a corrupt length allocating gigabytes. */
    private static final int MAX_LENGTH = 1 << 28;

    private QuantFormat() {}

    /**
     * Reads the version byte and the mode byte that a quantization block writes first.
     *
     * @param is the stream
     * @param type the block type, for messages
     * @param version the supported version
     * @param modes the block's modes
     * @param <M> the mode type
     * @return the stored mode
     * @throws MalformedModelException if the version or the mode is unknown
     */
    static <M> M readHeader(DataInputStream is, String type, byte version, M[] modes)
            throws IOException, MalformedModelException {
        byte stored = is.readByte();
        if (stored != version) {
            throw new MalformedModelException(
                    "unsupported " + type + " version " + stored + ", expected " + version);
        }
        int ordinal = is.readByte();
        if (ordinal < 0 || ordinal >= modes.length) {
            throw new MalformedModelException("unknown " + type + " mode " + ordinal);
        }
        return modes[ordinal];
    }

    static void writeParams(DataOutputStream os, QuantParams p) throws IOException {
        os.writeInt(p.axis());
        os.writeInt(p.qmin());
        os.writeInt(p.qmax());
        writeFloats(os, p.scale());
        writeInts(os, p.zeroPoint());
    }

    static QuantParams readParams(DataInputStream is) throws IOException, MalformedModelException {
        int axis = is.readInt();
        int qmin = is.readInt();
        int qmax = is.readInt();
        float[] scale = readFloats(is);
        int[] zeroPoint = readInts(is);
        try {
            return new QuantParams(scale, zeroPoint, qmin, qmax, axis);
        } catch (IllegalArgumentException e) {
            throw new MalformedModelException("stored quantization parameters: " + e.getMessage());
        }
    }

    static void writeShape(DataOutputStream os, Shape shape) throws IOException {
        os.writeInt(shape.dimension());
        for (long d : shape.getShape()) {
            os.writeLong(d);
        }
    }

    static Shape readShape(DataInputStream is) throws IOException, MalformedModelException {
        int rank = is.readInt();
        if (rank < 1 || rank > 8) {
            throw new MalformedModelException("stored weight rank " + rank + " is not in [1, 8]");
        }
        long[] dims = new long[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = is.readLong();
            size *= dims[i];
            if (dims[i] < 1 || size > MAX_LENGTH) {
                throw new MalformedModelException(
                        "stored weight shape is invalid at dimension " + i);
            }
        }
        return new Shape(dims);
    }

    static void writeFloats(DataOutputStream os, float[] values) throws IOException {
        os.writeInt(values.length);
        for (float v : values) {
            os.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream is) throws IOException, MalformedModelException {
        float[] values = new float[length(is)];
        for (int i = 0; i < values.length; i++) {
            values[i] = is.readFloat();
        }
        return values;
    }

    static void writeInts(DataOutputStream os, int[] values) throws IOException {
        os.writeInt(values.length);
        for (int v : values) {
            os.writeInt(v);
        }
    }

    static int[] readInts(DataInputStream is) throws IOException, MalformedModelException {
        int[] values = new int[length(is)];
        for (int i = 0; i < values.length; i++) {
            values[i] = is.readInt();
        }
        return values;
    }

    private static int length(DataInputStream is) throws IOException, MalformedModelException {
        int n = is.readInt();
        if (n < 0 || n > MAX_LENGTH) {
            throw new MalformedModelException("stored array length " + n + " is invalid");
        }
        return n;
    }
}
