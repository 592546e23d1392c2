/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/** {@link PackedIndices}: every width 1..16 round-trips, in memory and through bytes. */
class PackedIndicesTest {

    private static final int[] SIZES = {0, 1, 63, 64, 65, 127, 1000, 4099};

    @Test
    void everyWidthRoundTripsRandomIndicesThroughWordsAndBytes() throws IOException {
        Random random = new Random(42);
        for (int bits = 1; bits <= 16; bits++) {
            for (int n : SIZES) {
                int[] indices = new int[n];
                for (int i = 0; i < n; i++) {
                    indices[i] = random.nextInt(1 << bits);
                }
                if (n > 2) {
                    indices[0] = (1 << bits) - 1; // the widest value, at both ends
                    indices[n - 1] = (1 << bits) - 1;
                }
                long[] words = PackedIndices.pack(indices, bits);
                assertEquals((n * (long) bits + 63) / 64, words.length, bits + " bits, n=" + n);
                assertArrayEquals(indices, PackedIndices.unpack(words, n, bits));

                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                PackedIndices.write(new DataOutputStream(bytes), words, n, bits);
                assertEquals((n * (long) bits + 7) / 8, bytes.size(), bits + " bits, n=" + n);
                assertEquals(PackedIndices.byteCount(n, bits), bytes.size());
                long[] read =
                        PackedIndices.read(
                                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                                n,
                                bits);
                assertArrayEquals(indices, PackedIndices.unpack(read, n, bits), bits + " bits");
            }
        }
    }

    @Test
    void bitsAreTheCeilingOfLog2AtLeastOne() {
        assertEquals(1, PackedIndices.bitsFor(1));
        assertEquals(1, PackedIndices.bitsFor(2));
        assertEquals(2, PackedIndices.bitsFor(3));
        assertEquals(2, PackedIndices.bitsFor(4));
        assertEquals(3, PackedIndices.bitsFor(5));
        assertEquals(4, PackedIndices.bitsFor(16));
        assertEquals(5, PackedIndices.bitsFor(17));
        assertEquals(8, PackedIndices.bitsFor(256));
        assertEquals(16, PackedIndices.bitsFor(65536));
        assertThrows(IllegalArgumentException.class, () -> PackedIndices.bitsFor(65537));
        assertThrows(IllegalArgumentException.class, () -> PackedIndices.pack(new int[] {4}, 2));
    }
}
