/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Observers against ranges, scales and zero points computed by hand. */
class ObserverTest {

    private static final QuantScheme INT8 = QuantScheme.builder().build();
    private static final QuantScheme UINT8 = QuantScheme.uint8Activations();

    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    private static void feed(Observer observer, float[] values, Shape shape) {
        try (NDArray a = manager.create(values, shape)) {
            observer.observe(a);
        }
    }

    private static QuantScheme perChannel(QuantScheme base, int axis) {
        return QuantScheme.builder()
                .setBits(base.bits())
                .optSigned(base.isSigned())
                .optSymmetric(base.isSymmetric())
                .optPerChannel(axis)
                .build();
    }

    @Test
    void minMaxOverTwoBatchesPerTensor() {
        MinMaxObserver obs = MinMaxObserver.perTensor();
        assertFalse(obs.hasData());
        feed(obs, new float[] {-1f, 2f, 0.5f}, new Shape(3));
        feed(obs, new float[] {3f, -0.5f}, new Shape(1, 2));
        assertTrue(obs.hasData());
        // [-1, 3]
        QuantParams sym = obs.qparams(INT8);
        assertEquals(3f / 127f, sym.scale(0), 0f);
        assertEquals(0, sym.zeroPoint(0));
        QuantParams aff = obs.qparams(UINT8);
        assertEquals(4f / 255f, aff.scale(0), 0f);
        assertEquals(64, aff.zeroPoint(0)); // round(1 / (4 / 255)) = round(63.75)
    }

    @Test
    void minMaxOverTwoBatchesPerChannel() {
        MinMaxObserver obs = MinMaxObserver.perChannel(0);
        feed(obs, new float[] {-1f, 2f, 0f, 5f, -3f, 1f}, new Shape(3, 2));
        feed(obs, new float[] {4f, 0f, 0f, 6f, -2f, -4f}, new Shape(3, 2));
        // rows: [-1, 4], [0, 6], [-4, 1]
        float[][] range = obs.currentRange();
        assertArrayEquals(new float[] {-1f, 0f, -4f}, range[0], 0f);
        assertArrayEquals(new float[] {4f, 6f, 1f}, range[1], 0f);
        QuantParams sym = obs.qparams(QuantScheme.int8Weights());
        assertArrayEquals(new float[] {4f / 127f, 6f / 127f, 4f / 127f}, sym.scale(), 0f);
        assertArrayEquals(new int[] {0, 0, 0}, sym.zeroPoint());
        QuantParams aff = obs.qparams(perChannel(UINT8, 0));
        assertArrayEquals(new float[] {5f / 255f, 6f / 255f, 5f / 255f}, aff.scale(), 0f);
        // z = round(-min / s): 1 * 51 = 51, 0, 4 * 51 = 204
        assertArrayEquals(new int[] {51, 0, 204}, aff.zeroPoint());
    }

    @Test
    void movingAverageOverThreeBatchesPerTensor() {
        MovingAverageMinMaxObserver obs = MovingAverageMinMaxObserver.perTensor(0.5f);
        feed(obs, new float[] {-2f, 4f, 1f}, new Shape(3)); // sets [-2, 4]
        feed(obs, new float[] {-4f, 8f}, new Shape(2)); // [-2 + .5 * -2, 4 + .5 * 4] = [-3, 6]
        feed(obs, new float[] {0f, 2f, 1f}, new Shape(3)); // [-3 + 1.5, 6 - 2] = [-1.5, 4]
        float[][] range = obs.currentRange();
        assertArrayEquals(new float[] {-1.5f}, range[0], 0f);
        assertArrayEquals(new float[] {4f}, range[1], 0f);
        QuantParams sym = obs.qparams(INT8);
        assertEquals(4f / 127f, sym.scale(0), 0f);
        QuantParams aff = obs.qparams(UINT8);
        assertEquals(5.5f / 255f, aff.scale(0), 0f);
        assertEquals(70, aff.zeroPoint(0)); // round(1.5 * 255 / 5.5) = round(69.545)
    }

    @Test
    void movingAverageOverThreeBatchesPerChannel() {
        MovingAverageMinMaxObserver obs = MovingAverageMinMaxObserver.perChannel(1, 0.5f);
        // shape (2, 2): channel = column
        feed(obs, new float[] {-2f, 0f, 4f, 1f}, new Shape(2, 2)); // c0 [-2, 4], c1 [0, 1]
        feed(obs, new float[] {-4f, -2f, 8f, 3f}, new Shape(2, 2)); // c0 [-3, 6], c1 [-1, 2]
        feed(obs, new float[] {0f, 2f, 2f, 5f}, new Shape(2, 2)); // c0 [-1.5, 4], c1 [0.5, 3.5]
        float[][] range = obs.currentRange();
        assertArrayEquals(new float[] {-1.5f, 0.5f}, range[0], 0f);
        assertArrayEquals(new float[] {4f, 3.5f}, range[1], 0f);
        QuantParams sym = obs.qparams(perChannel(INT8, 1));
        assertArrayEquals(new float[] {4f / 127f, 3.5f / 127f}, sym.scale(), 0f);
        QuantParams aff = obs.qparams(perChannel(UINT8, 1));
        // c1 range [0.5, 3.5] extends to [0, 3.5]: z = 0
        assertArrayEquals(new float[] {5.5f / 255f, 3.5f / 255f}, aff.scale(), 0f);
        assertArrayEquals(new int[] {70, 0}, aff.zeroPoint());
    }

    @Test
    void movingAverageDefaultsToPyTorchsConstant() {
        assertEquals(0.01f, MovingAverageMinMaxObserver.perTensor().averagingConstant(), 0f);
        assertThrows(
                IllegalArgumentException.class, () -> MovingAverageMinMaxObserver.perTensor(0f));
        assertThrows(
                IllegalArgumentException.class, () -> MovingAverageMinMaxObserver.perTensor(1.5f));
    }

    /** 0..999 and one outlier of 1e6. */
    private static float[] withOutlier(float sign) {
        float[] v = new float[1001];
        for (int i = 0; i < 1000; i++) {
            v[i] = sign * i;
        }
        v[1000] = sign * 1e6f;
        return v;
    }

    @Test
    void percentileIgnoresTheOutlierPerTensor() {
        PercentileObserver obs = PercentileObserver.perTensor(99.9, 4096);
        float[] v = withOutlier(1f);
        // two batches; 1001 values sorted: position 0.999 * 1000 = 999 -> 999,
        // position 0.001 * 1000 = 1 -> 1
        feed(obs, java.util.Arrays.copyOfRange(v, 0, 500), new Shape(500));
        feed(obs, java.util.Arrays.copyOfRange(v, 500, 1001), new Shape(501));
        assertTrue(obs.isExact());
        float[][] range = obs.currentRange();
        assertEquals(1f, range[0][0], 1e-4f);
        assertEquals(999f, range[1][0], 1e-4f);
        QuantParams sym = obs.qparams(INT8);
        assertEquals(999f / 127f, sym.scale(0), 1e-6f);
        QuantParams aff = obs.qparams(UINT8); // [1, 999] extends to [0, 999]
        assertEquals(999f / 255f, aff.scale(0), 1e-6f);
        assertEquals(0, aff.zeroPoint(0));
        // Min-max on the same data is ruled by the outlier.
        MinMaxObserver mm = MinMaxObserver.perTensor();
        feed(mm, v, new Shape(1001));
        assertEquals(1e6f / 127f, mm.qparams(INT8).scale(0), 0f);
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        PercentileObserver obs = PercentileObserver.perTensor(99, 4096);
        float[] v = new float[1000];
        for (int i = 0; i < 1000; i++) {
            v[999 - i] = i; // order must not matter
        }
        feed(obs, v, new Shape(10, 100));
        float[][] range = obs.currentRange();
        assertEquals(9.99f, range[0][0], 1e-4f); // 0.01 * 999
        assertEquals(989.01f, range[1][0], 1e-3f); // 0.99 * 999
    }

    @Test
    void percentilePerChannel() {
        PercentileObserver obs = PercentileObserver.perChannel(0, 99.9, 4096);
        float[] pos = withOutlier(1f);
        float[] neg = withOutlier(-1f);
        float[] both = new float[2002];
        System.arraycopy(pos, 0, both, 0, 1001);
        System.arraycopy(neg, 0, both, 1001, 1001);
        feed(obs, both, new Shape(2, 1001));
        float[][] range = obs.currentRange();
        assertArrayEquals(new float[] {1f, -999f}, range[0], 1e-4f);
        assertArrayEquals(new float[] {999f, -1f}, range[1], 1e-4f);
        QuantParams aff = obs.qparams(perChannel(UINT8, 0));
        // channel 1 [-999, -1] extends to [-999, 0]: z = 255
        assertArrayEquals(new int[] {0, 255}, aff.zeroPoint());
        assertArrayEquals(new float[] {999f / 255f, 999f / 255f}, aff.scale(), 1e-6f);
    }

    @Test
    void percentileBeyondCapacityIsAnEstimate() {
        PercentileObserver obs = PercentileObserver.perTensor(99, 500);
        float[] v = new float[10000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        feed(obs, v, new Shape(10000));
        assertFalse(obs.isExact());
        float[][] range = obs.currentRange();
        // true percentiles 99.99 and 9899.01; a 500-value uniform sample lands near them
        assertEquals(100f, range[0][0], 300f);
        assertEquals(9900f, range[1][0], 300f);
    }

    @Test
    void observersThatSawNoDataThrow() {
        List<RangeObserver> observers =
                List.of(
                        MinMaxObserver.perTensor(),
                        MovingAverageMinMaxObserver.perTensor(),
                        PercentileObserver.perTensor());
        for (RangeObserver obs : observers) {
            try (NDArray empty = manager.create(new float[0], new Shape(0))) {
                obs.observe(empty); // empty batches do not count
            }
            assertFalse(obs.hasData());
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> obs.qparams(INT8));
            String name = obs.getClass().getSimpleName();
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertTrue(e.getMessage().contains("saw no data"), e.getMessage());
        }
    }

    @Test
    void granularityAndShapeMismatchesAreRefused() {
        MinMaxObserver perTensor = MinMaxObserver.perTensor();
        feed(perTensor, new float[] {1f, 2f}, new Shape(2));
        assertThrows(
                IllegalArgumentException.class, () -> perTensor.qparams(QuantScheme.int8Weights()));
        MinMaxObserver perChannel = MinMaxObserver.perChannel(0);
        feed(perChannel, new float[] {1f, 2f}, new Shape(2, 1));
        assertThrows(IllegalArgumentException.class, () -> perChannel.qparams(INT8));
        assertThrows(
                IllegalArgumentException.class,
                () -> feed(perChannel, new float[] {1f, 2f, 3f}, new Shape(3, 1)));
        MinMaxObserver axis2 = MinMaxObserver.perChannel(2);
        assertThrows(
                IllegalArgumentException.class,
                () -> feed(axis2, new float[] {1f, 2f}, new Shape(2)));
        assertThrows(IllegalArgumentException.class, () -> MinMaxObserver.perChannel(-1));
    }

    @Test
    void nonFloat32InputsAreRead() {
        MinMaxObserver obs = MinMaxObserver.perTensor();
        try (NDArray a = manager.create(new int[] {-3, 7}).toType(DataType.FLOAT64, false)) {
            obs.observe(a);
        }
        assertArrayEquals(new float[] {-3f}, obs.currentRange()[0], 0f);
        assertArrayEquals(new float[] {7f}, obs.currentRange()[1], 0f);
    }
}
