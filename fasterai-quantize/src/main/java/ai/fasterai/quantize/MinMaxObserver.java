/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.types.Shape;

/**
 * The running minimum and maximum over every batch, per tensor or per channel (PyTorch's {@code
 * MinMaxObserver} / {@code PerChannelMinMaxObserver}). Right for weights, which are observed once;
 * for activations one outlier batch widens the range for good.
 */
public final class MinMaxObserver extends RangeObserver {

    private float[] min;
    private float[] max;

    private MinMaxObserver(int axis) {
        super(axis);
    }

    /**
     * Creates a per-tensor observer.
     *
     * @return the observer
     */
    public static MinMaxObserver perTensor() {
        return new MinMaxObserver(-1);
    }

    /**
     * Creates a per-channel observer.
     *
     * @param axis the channel axis, {@code >= 0}
     * @return the observer
     * @throws IllegalArgumentException if {@code axis < 0}
     */
    public static MinMaxObserver perChannel(int axis) {
        if (axis < 0) {
            throw new IllegalArgumentException("axis must be >= 0, got " + axis);
        }
        return new MinMaxObserver(axis);
    }

    @Override
    protected void record(float[] values, Shape shape, int channels) {
        float[][] batch = Channels.minMax(values, shape, axis());
        recordRange(batch[0], batch[1]);
    }

    @Override
    protected boolean rangeOnly() {
        return true;
    }

    @Override
    protected void recordRange(float[] batchMin, float[] batchMax) {
        if (min == null) {
            min = batchMin.clone();
            max = batchMax.clone();
            return;
        }
        for (int c = 0; c < min.length; c++) {
            min[c] = Math.min(min[c], batchMin[c]);
            max[c] = Math.max(max[c], batchMax[c]);
        }
    }

    @Override
    protected float[][] range() {
        return new float[][] {min, max};
    }
}
