/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;

/**
 * A range that ignores outliers: {@code [percentile(100 - p), percentile(p)]} of the values seen,
 * per tensor or per channel (default {@code p = 99.99}). A single huge activation would otherwise
 * stretch the scale and leave few integer levels for the bulk of the values.
 *
 * <p>How: each channel keeps a uniform sample of at most {@code capacity} values (reservoir
 * sampling, Algorithm R, with a fixed seed so that runs repeat). While a channel has seen no more
 * than {@code capacity} values the percentiles are exact; beyond that they are estimates from the
 * sample. Percentiles interpolate linearly between order statistics ({@code numpy.percentile}'s
 * default): {@code percentile(p)} of sorted {@code v[0..n-1]} is at position {@code p / 100 * (n -
 * 1)}. This was chosen over a histogram with a growing range because it is exact on small data and
 * has no re-binning error to explain; PyTorch's {@code HistogramObserver} (error-minimizing range
 * search) is not reproduced.
 */
public final class PercentileObserver extends RangeObserver {

    /** The default percentile. */
    public static final double DEFAULT_PERCENTILE = 99.99;

    /** The default number of values kept per channel (256 KB of floats each). */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private static final long SEED = 0x5EEDL;

    private final double percentile;
    private final int capacity;
    private final Random random = new Random(SEED);
    private float[][] samples;
    private int[] sizes;
    private long[] seen;

    private PercentileObserver(int axis, double percentile, int capacity) {
        super(axis);
        if (!(percentile >= 50 && percentile <= 100)) {
            throw new IllegalArgumentException(
                    "percentile must be in [50, 100], got " + percentile);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.percentile = percentile;
        this.capacity = capacity;
    }

    /**
     * Creates a per-tensor observer with {@link #DEFAULT_PERCENTILE} and {@link #DEFAULT_CAPACITY}.
     *
     * @return the observer
     */
    public static PercentileObserver perTensor() {
        return perTensor(DEFAULT_PERCENTILE, DEFAULT_CAPACITY);
    }

    /**
     * Creates a per-tensor observer.
     *
     * @param percentile p, in [50, 100]; 100 gives the min-max range of the sample
     * @param capacity the number of values kept, {@code >= 1}
     * @return the observer
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static PercentileObserver perTensor(double percentile, int capacity) {
        return new PercentileObserver(-1, percentile, capacity);
    }

    /**
     * Creates a per-channel observer.
     *
     * @param axis the channel axis, {@code >= 0}
     * @param percentile p, in [50, 100]
     * @param capacity the number of values kept per channel, {@code >= 1}
     * @return the observer
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static PercentileObserver perChannel(int axis, double percentile, int capacity) {
        if (axis < 0) {
            throw new IllegalArgumentException("axis must be >= 0, got " + axis);
        }
        return new PercentileObserver(axis, percentile, capacity);
    }

    /**
     * Returns the percentile.
     *
     * @return p
     */
    public double percentile() {
        return percentile;
    }

    /**
     * Returns whether the percentiles are exact, that is no channel has seen more values than the
     * capacity.
     *
     * @return true if exact
     */
    public boolean isExact() {
        if (seen == null) {
            return true;
        }
        for (long n : seen) {
            if (n > capacity) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void record(float[] values, Shape shape, int channels) {
        if (samples == null) {
            samples = new float[channels][];
            sizes = new int[channels];
            seen = new long[channels];
            for (int c = 0; c < channels; c++) {
                samples[c] = new float[Math.min(capacity, 1024)];
            }
        }
        int axis = axis();
        long inner = axis < 0 ? 1 : Channels.inner(shape, axis);
        for (int i = 0; i < values.length; i++) {
            int c = axis < 0 ? 0 : (int) ((i / inner) % channels);
            add(c, values[i]);
        }
    }

    private void add(int c, float v) {
        long n = seen[c]++;
        if (n < capacity) {
            // Grow lazily: small tensors never allocate the full capacity.
            if (sizes[c] == samples[c].length) {
                samples[c] =
                        Arrays.copyOf(samples[c], (int) Math.min(capacity, 2L * samples[c].length));
            }
            samples[c][sizes[c]++] = v;
        } else {
            long j = random.nextLong(n + 1);
            if (j < capacity) {
                samples[c][(int) j] = v;
            }
        }
    }

    @Override
    protected float[][] range() {
        int channels = samples.length;
        float[] min = new float[channels];
        float[] max = new float[channels];
        for (int c = 0; c < channels; c++) {
            float[] sorted = Arrays.copyOf(samples[c], sizes[c]);
            Arrays.sort(sorted);
            min[c] = at(sorted, 100 - percentile);
            max[c] = at(sorted, percentile);
        }
        return new float[][] {min, max};
    }

    /**
     * Linear interpolation between order statistics, {@code numpy.percentile}'s default.
     *
     * @param sorted the sorted values, non-empty
     * @param p the percentile, 0 to 100
     * @return the percentile
     */
    static float at(float[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return (float) (sorted[lo] + frac * ((double) sorted[hi] - sorted[lo]));
    }
}
