/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Checks a model file's frame (magic, version, lengths, checksum) and gives its sections.
 *
 * <p>Everything is checked before a single parameter is decoded: DJL hands parameter bytes to
 * native code, which must never see a truncated or damaged array.
 */
final class ModelFileReader {

    /** The parts of a checked file. */
    record Sections(String spec, long parameterOffset, long parameterLength) {}

    private static final int BUFFER_BYTES = 1 << 16;

    private ModelFileReader() {}

    /**
     * Reads and checks the frame of a file.
     *
     * @throws IOException saying what is wrong, without the file's name (the caller adds it)
     */
    static Sections read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header =
                    readAt(channel, 0, (int) Math.min(size, ModelFileFormat.HEADER_BYTES));
            checkHeader(header, size);
            checkVersion(header.getInt(ModelFileFormat.MAGIC.length));
            int specLength = header.getInt(ModelFileFormat.MAGIC.length + 4);
            long framed = (long) ModelFileFormat.HEADER_BYTES + ModelFileFormat.TRAILER_BYTES;
            if (specLength < 0 || framed + specLength > size) {
                throw new IOException(
                        "truncated or damaged: its architecture spec of "
                                + specLength
                                + " bytes does not fit in the file's "
                                + size
                                + " bytes");
            }
            ByteBuffer trailer =
                    readAt(
                            channel,
                            size - ModelFileFormat.TRAILER_BYTES,
                            ModelFileFormat.TRAILER_BYTES);
            long parameterLength = trailer.getLong(0);
            if (parameterLength != size - framed - specLength) {
                throw new IOException(
                        "truncated or damaged: it has "
                                + size
                                + " bytes, but its header and trailer describe "
                                + describedSize(framed, specLength, parameterLength));
            }
            checkCrc(channel, size, trailer.getInt(8));
            ByteBuffer spec = readAt(channel, ModelFileFormat.HEADER_BYTES, specLength);
            return new Sections(
                    StandardCharsets.UTF_8.decode(spec).toString(),
                    ModelFileFormat.HEADER_BYTES + (long) specLength,
                    parameterLength);
        }
    }

    /**
     * Opens the parameter section; reading past its end gives end of file, so DJL cannot read into
     * the trailer.
     */
    static SectionStream openParameters(Path file, Sections sections) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(sections.parameterOffset());
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new SectionStream(
                new BufferedInputStream(in, BUFFER_BYTES), sections.parameterLength());
    }

    private static void checkHeader(ByteBuffer header, long size) throws IOException {
        byte[] start = new byte[Math.min(header.limit(), ModelFileFormat.MAGIC.length)];
        header.get(0, start);
        byte[] expected = Arrays.copyOf(ModelFileFormat.MAGIC, start.length);
        if (!Arrays.equals(start, expected)) {
            throw new IOException(
                    "not a fasterai4j model file: it starts with bytes "
                            + HexFormat.ofDelimiter(" ").formatHex(start)
                            + " instead of the magic '"
                            + new String(ModelFileFormat.MAGIC, StandardCharsets.US_ASCII)
                            + "'");
        }
        if (size < ModelFileFormat.HEADER_BYTES) {
            throw new IOException(
                    "truncated: "
                            + size
                            + " bytes, shorter than the "
                            + ModelFileFormat.HEADER_BYTES
                            + "-byte header");
        }
    }

    private static void checkVersion(int version) throws IOException {
        if (version != ModelFileFormat.VERSION) {
            throw new IOException(
                    "unsupported format version "
                            + version
                            + "; this fasterai4j reads version "
                            + ModelFileFormat.VERSION
                            + (version > ModelFileFormat.VERSION
                                    ? " (the file was written by a newer fasterai4j)"
                                    : ""));
        }
    }

    private static void checkCrc(FileChannel channel, long size, int stored) throws IOException {
        int actual = crc(channel, size - 4);
        if (stored != actual) {
            throw new IOException(
                    "damaged: its CRC-32 is "
                            + Integer.toHexString(actual)
                            + " but it records "
                            + Integer.toHexString(stored));
        }
    }

    private static String describedSize(long framed, int specLength, long parameterLength) {
        return framed
                + " bytes of frame, "
                + specLength
                + " of spec and "
                + parameterLength
                + " of parameters";
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("truncated: it ended while reading at byte " + position);
            }
        }
        return buffer.flip();
    }

    private static int crc(FileChannel channel, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        long position = 0;
        while (position < length) {
            buffer.clear().limit((int) Math.min(BUFFER_BYTES, length - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException(
                        "truncated: it ended at byte " + position + " while checking it");
            }
            buffer.flip();
            crc.update(buffer);
            position += read;
        }
        return (int) crc.getValue();
    }

    /** A section of the file: the stream ends after the section's last byte. */
    static final class SectionStream extends FilterInputStream {
        private long left;

        SectionStream(InputStream in, long length) {
            super(in);
            left = length;
        }

        /** Returns how many bytes of the section were not read. */
        long remaining() {
            return left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(b, off, (int) Math.min(len, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
