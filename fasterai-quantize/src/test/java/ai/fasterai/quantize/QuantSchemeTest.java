/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Scheme settings, ranges and validation. */
class QuantSchemeTest {

    @Test
    void bitsOutsideTwoToEightAreRefused() {
        for (int bits : new int[] {1, 9, 0, -3, 16}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> QuantScheme.builder().setBits(bits).build());
            assertTrue(e.getMessage().contains("bits"), e.getMessage());
            assertTrue(e.getMessage().contains("got " + bits), e.getMessage());
            assertTrue(e.getMessage().contains("[2, 8]"), e.getMessage());
        }
    }

    @Test
    void integerRanges() {
        int[][] expected = {
            // bits, signed qmin, signed qmax, unsigned qmax
            {2, -2, 1, 3}, {4, -8, 7, 15}, {8, -128, 127, 255}
        };
        for (int[] row : expected) {
            QuantScheme s = QuantScheme.builder().setBits(row[0]).build();
            assertEquals(row[1], s.qmin());
            assertEquals(row[2], s.qmax());
            QuantScheme u = QuantScheme.builder().setBits(row[0]).optSigned(false).build();
            assertEquals(0, u.qmin());
            assertEquals(row[3], u.qmax());
        }
    }

    @Test
    void presetsMatchOnnxRuntimesNeeds() {
        QuantScheme w = QuantScheme.int8Weights();
        assertEquals(8, w.bits());
        assertTrue(w.isSigned());
        assertTrue(w.isSymmetric());
        assertTrue(w.isPerChannel());
        assertEquals(0, w.axis());
        QuantScheme a = QuantScheme.uint8Activations();
        assertFalse(a.isSigned());
        assertFalse(a.isSymmetric());
        assertFalse(a.isPerChannel());
        assertEquals(-1, a.axis());
    }

    @Test
    void badAxesAndRangesAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantScheme.builder().optPerChannel(-1).build());
        QuantScheme perTensor = QuantScheme.builder().build();
        assertThrows(
                IllegalArgumentException.class,
                () -> perTensor.qparams(new float[] {0, 0}, new float[] {1, 1}));
        assertThrows(
                IllegalArgumentException.class,
                () -> perTensor.qparams(new float[] {2}, new float[] {1}));
        assertThrows(
                IllegalArgumentException.class,
                () -> perTensor.qparams(new float[] {Float.NaN}, new float[] {1}));
        assertThrows(
                IllegalArgumentException.class,
                () -> new QuantParams(new float[] {0f}, new int[] {0}, -128, 127, -1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new QuantParams(new float[] {1f}, new int[] {300}, 0, 255, -1));
    }
}
