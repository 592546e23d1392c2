/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The byte layout of a model file; {@link ModelFile} documents it. All integers are big-endian, as
 * {@link DataOutputStream} writes them.
 */
final class ModelFileFormat {

    /** The first bytes of every model file. */
    static final byte[] MAGIC = "FAI4JMDL".getBytes(StandardCharsets.US_ASCII);

    /** The format version this code writes and reads. */
    static final int VERSION = 1;

    /** Magic, format version and spec length. */
    static final int HEADER_BYTES = MAGIC.length + 4 + 4;

    /** Parameter length and CRC-32. */
    static final int TRAILER_BYTES = 8 + 4;

    /** Writes DJL's parameter bytes. */
    @FunctionalInterface
    interface ParameterWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private ModelFileFormat() {}

    /**
     * Writes a whole model file.
     *
     * @param out the stream to write to; flushed, not closed
     * @param spec the architecture spec as UTF-8 JSON
     * @param parameters writes the parameters, for example {@code block::saveParameters}
     */
    static void write(OutputStream out, byte[] spec, ParameterWriter parameters)
            throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(out, crc));
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(spec.length);
        data.write(spec);
        Counter counter = new Counter(data);
        parameters.write(new DataOutputStream(counter));
        data.writeLong(counter.count);
        data.flush();
        // The checksum covers everything before it, so it is written past the checked stream.
        new DataOutputStream(out).writeInt((int) crc.getValue());
        out.flush();
    }

    /** Counts the parameter bytes, which DataOutputStream.size() cannot past 2 GiB. */
    private static final class Counter extends FilterOutputStream {
        private long count;

        Counter(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
