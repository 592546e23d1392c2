/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * Fake quantization against hand computations. Scales are powers of two where ties are tested, so
 * that {@code k.5 * s} is exact in float32 and the tie really is a tie.
 */
class FakeQuantizeTest {

    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** Runs the NDArray version and checks it against the Java reference bit for bit. */
    private static float[] both(float[] x, Shape shape, QuantParams p) {
        float[] reference = FakeQuantize.fakeQuantize(x, shape, p);
        try (NDArray a = manager.create(x, shape);
                NDArray out = FakeQuantize.apply(a, p)) {
            assertEquals(shape, out.getShape());
            assertArrayEquals(reference, out.toFloatArray(), 0f, "NDArray vs Java reference");
        }
        return reference;
    }

    @Test
    void djlRoundIsHalfToEven() {
        try (NDArray a = manager.create(new float[] {0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 3.5f})) {
            assertArrayEquals(new float[] {0f, 2f, 2f, 0f, -2f, 4f}, a.round().toFloatArray(), 0f);
        }
        assertEquals(2.0, Math.rint(2.5));
        assertEquals(-2.0, Math.rint(-2.5));
    }

    @Test
    void int8SymmetricPerTensor() {
        QuantScheme scheme = QuantScheme.builder().setBits(8).build();
        assertEquals(-128, scheme.qmin());
        assertEquals(127, scheme.qmax());
        // max|x| = 63.5 -> s = 63.5 / 127 = 0.5, z = 0
        QuantParams p = scheme.qparams(new float[] {-10f}, new float[] {63.5f});
        assertArrayEquals(new float[] {0.5f}, p.scale(), 0f);
        assertArrayEquals(new int[] {0}, p.zeroPoint());
        float[] x = {
            0.25f,
            0.75f,
            1.25f,
            -0.25f,
            -1.25f, // ties 0.5, 1.5, 2.5, -0.5, -2.5 times s
            0.3f,
            -0.8f, // 0.6 -> 1, -1.6 -> -2
            63.5f,
            100f,
            -64f,
            -100f // bounds and saturation
        };
        float[] expected = {0f, 1f, 1f, 0f, -1f, 0.5f, -1f, 63.5f, 63.5f, -64f, -64f};
        assertArrayEquals(expected, both(x, new Shape(x.length), p), 0f);
        assertEquals(-128, FakeQuantize.quantize(-1e30f, 0.5f, 0, -128, 127));
        assertEquals(127, FakeQuantize.quantize(1e30f, 0.5f, 0, -128, 127));
    }

    @Test
    void uint8AffinePerTensor() {
        QuantScheme scheme = QuantScheme.uint8Activations();
        assertEquals(0, scheme.qmin());
        assertEquals(255, scheme.qmax());
        // [-32, 95.5]: s = 127.5 / 255 = 0.5, z = round(0 - (-32) / 0.5) = 64
        QuantParams p = scheme.qparams(new float[] {-32f}, new float[] {95.5f});
        assertArrayEquals(new float[] {0.5f}, p.scale(), 0f);
        assertArrayEquals(new int[] {64}, p.zeroPoint());
        float[] x = {
            0.25f,
            0.75f,
            1.25f,
            -0.25f,
            -1.25f, // 64, 66, 66, 64, 62
            0.3f, // 0.6 -> 1 -> 65
            -32f,
            -40f,
            95.5f,
            200f // bounds and saturation: q 0, 0, 255, 255
        };
        float[] expected = {0f, 1f, 1f, 0f, -1f, 0.5f, -32f, -32f, 95.5f, 95.5f};
        assertArrayEquals(expected, both(x, new Shape(x.length), p), 0f);
        assertEquals(0, FakeQuantize.quantize(-40f, 0.5f, 64, 0, 255));
        assertEquals(66, FakeQuantize.quantize(1.25f, 0.5f, 64, 0, 255));
    }

    @Test
    void affineRangeIsExtendedToContainZero() {
        QuantScheme scheme = QuantScheme.uint8Activations();
        // [2, 10] -> [0, 10]: s = 10 / 255, z = 0; 0 maps to 0 exactly
        QuantParams p = scheme.qparams(new float[] {2f}, new float[] {10f});
        assertEquals(10f / 255f, p.scale(0), 0f);
        assertEquals(0, p.zeroPoint(0));
        // [-10, -2] -> [-10, 0]: z = round(10 / (10/255)) = 255
        QuantParams n = scheme.qparams(new float[] {-10f}, new float[] {-2f});
        assertEquals(255, n.zeroPoint(0));
        assertEquals(0f, FakeQuantize.fakeQuantize(0f, n.scale(0), 255, 0, 255), 0f);
        // signed affine int8: [-1, 3] -> s = 4 / 255, z = round(-128 + 63.75) = -64
        QuantScheme signedAffine = QuantScheme.builder().optSymmetric(false).build();
        QuantParams sa = signedAffine.qparams(new float[] {-1f}, new float[] {3f});
        assertEquals(4f / 255f, sa.scale(0), 0f);
        assertEquals(-64, sa.zeroPoint(0));
    }

    @Test
    void zeroRangeGetsTheMinimumScale() {
        QuantParams sym = QuantScheme.int8Weights().qparams(new float[] {0f}, new float[] {0f});
        assertEquals(QuantScheme.MIN_SCALE, sym.scale(0), 0f);
        assertEquals(0x1p-23f, QuantScheme.MIN_SCALE, 0f);
        assertEquals(0, sym.zeroPoint(0));
        QuantParams aff =
                QuantScheme.uint8Activations().qparams(new float[] {0f}, new float[] {0f});
        assertEquals(QuantScheme.MIN_SCALE, aff.scale(0), 0f);
        assertEquals(0, aff.zeroPoint(0));
        float[] out = both(new float[] {0f, 0f}, new Shape(2), aff);
        assertArrayEquals(new float[] {0f, 0f}, out, 0f);
    }

    @Test
    void fourBitSignedSymmetric() {
        QuantScheme scheme = QuantScheme.builder().setBits(4).build();
        assertEquals(-8, scheme.qmin());
        assertEquals(7, scheme.qmax());
        // max|x| = 1.75 -> s = 1.75 / 7 = 0.25
        QuantParams p = scheme.qparams(new float[] {-1f}, new float[] {1.75f});
        assertEquals(0.25f, p.scale(0), 0f);
        float[] x = {0.125f, 0.375f, 0.625f, -0.375f, -0.125f, 1.75f, 5f, -2f, -5f};
        // 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -1.5 -> -2, -0.5 -> 0, 7, 7 (sat), -8, -8 (sat)
        float[] expected = {0f, 0.5f, 0.5f, -0.5f, 0f, 1.75f, 1.75f, -2f, -2f};
        assertArrayEquals(expected, both(x, new Shape(x.length), p), 0f);
    }

    @Test
    void fourBitUnsignedAffine() {
        QuantScheme scheme =
                QuantScheme.builder().setBits(4).optSigned(false).optSymmetric(false).build();
        assertEquals(15, scheme.qmax());
        // [-1, 2.75]: s = 3.75 / 15 = 0.25, z = round(1 / 0.25) = 4
        QuantParams p = scheme.qparams(new float[] {-1f}, new float[] {2.75f});
        assertEquals(0.25f, p.scale(0), 0f);
        assertEquals(4, p.zeroPoint(0));
        float[] x = {0.125f, 0.375f, -0.625f, -1f, -3f, 2.75f, 9f};
        // q: 4, 6, 2, 0, 0 (sat), 15, 15 (sat)
        float[] expected = {0f, 0.5f, -0.5f, -1f, -1f, 2.75f, 2.75f};
        assertArrayEquals(expected, both(x, new Shape(x.length), p), 0f);
    }

    @Test
    void unsignedSymmetricUsesMidZeroPoint() {
        QuantScheme scheme = QuantScheme.builder().optSigned(false).optSymmetric(true).build();
        QuantParams p = scheme.qparams(new float[] {-63.5f}, new float[] {1f});
        assertEquals(0.5f, p.scale(0), 0f);
        assertEquals(128, p.zeroPoint(0));
    }

    @Test
    void int8PerChannelAxis0() {
        Shape shape = new Shape(3, 4);
        float[] w = {
            0.5f, 1.5f, -2.5f, 127f, // row 0: max|w| 127 -> s 1
            0.25f, -63.5f, 0.75f, 10.3f, // row 1: 63.5 -> s 0.5
            3f, 5f, -254f, 1f // row 2: 254 -> s 2
        };
        MinMaxObserver obs = MinMaxObserver.perChannel(0);
        try (NDArray a = manager.create(w, shape)) {
            obs.observe(a);
        }
        QuantParams p = obs.qparams(QuantScheme.int8Weights());
        assertArrayEquals(new float[] {1f, 0.5f, 2f}, p.scale(), 0f);
        assertArrayEquals(new int[] {0, 0, 0}, p.zeroPoint());
        assertEquals(0, p.axis());
        float[] expected = {
            0f, 2f, -2f, 127f, // ties to even
            0f, -63.5f, 1f, 10.5f, // 0.5 -> 0, 1.5 -> 2, 20.6 -> 21
            4f, 4f, -254f, 0f // 1.5 -> 2, 2.5 -> 2, -127, 0.5 -> 0
        };
        assertArrayEquals(expected, both(w, shape, p), 0f);
        float[] far = {200f, -300f, 0f, 0f, 200f, -300f, 0f, 0f, 300f, -300f, 0f, 0f};
        float[] saturated = {127f, -128f, 0f, 0f, 63.5f, -64f, 0f, 0f, 254f, -256f, 0f, 0f};
        assertArrayEquals(saturated, both(far, shape, p), 0f);
    }

    @Test
    void perChannelOnAMiddleAxisMatchesTheReference() {
        Shape shape = new Shape(2, 3, 5);
        Random random = new Random(7);
        float[] x = new float[(int) shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * (1 + (i / 5) % 3);
        }
        QuantScheme scheme =
                QuantScheme.builder().optSigned(false).optSymmetric(false).optPerChannel(1).build();
        MinMaxObserver obs = MinMaxObserver.perChannel(1);
        try (NDArray a = manager.create(x, shape)) {
            obs.observe(a);
        }
        QuantParams p = obs.qparams(scheme);
        float[] out = both(x, shape, p);
        for (int i = 0; i < x.length; i++) {
            int c = (i / 5) % 3;
            assertEquals(
                    FakeQuantize.fakeQuantize(x[i], p.scale(c), p.zeroPoint(c), 0, 255),
                    out[i],
                    0f);
            // Inside the observed range the error is at most half a step.
            assertEquals(x[i], out[i], p.scale(c) / 2 + 1e-6f);
        }
    }

    @Test
    void randomValuesWithAnOddScaleMatchTheReference() {
        Random random = new Random(42);
        float[] x = new float[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 3;
        }
        QuantParams p =
                QuantScheme.uint8Activations().qparams(new float[] {-7.3f}, new float[] {5.1f});
        both(x, new Shape(64, 64), p);
        QuantParams q =
                QuantScheme.int8Weights()
                        .qparams(new float[] {-0.37f, -1f}, new float[] {0.2f, 2.9f});
        both(x, new Shape(2, 2048), q);
    }

    @Test
    void mismatchedChannelsAreRefused() {
        QuantParams p =
                QuantScheme.int8Weights().qparams(new float[] {-1f, -1f}, new float[] {1f, 1f});
        try (NDArray a = manager.zeros(new Shape(3, 4))) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> FakeQuantize.apply(a, p));
            assertEquals(true, e.getMessage().contains("3 channels along axis 0"), e.getMessage());
        }
    }
}
