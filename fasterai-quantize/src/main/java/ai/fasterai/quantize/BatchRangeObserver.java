/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.types.Shape;

/**
 * An observer that keeps one running {@code [min, max]} per channel, folded batch by batch from
 * each batch's own range (reduced on the engine); subclasses say how a bound and a batch's bound
 * combine.
 */
abstract class BatchRangeObserver extends RangeObserver {

    private float[] min;
    private float[] max;

    BatchRangeObserver(int axis) {
        super(axis);
    }

    /**
     * Combines a running bound with a batch's bound.
     *
     * @param running the bound so far
     * @param batch the batch's bound
     * @param lower true for the minimum, false for the maximum
     * @return the new bound
     */
    abstract float combine(float running, float batch, boolean lower);

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
            min[c] = combine(min[c], batchMin[c], true);
            max[c] = combine(max[c], batchMax[c], false);
        }
    }

    @Override
    protected float[][] range() {
        return new float[][] {min, max};
    }
}
