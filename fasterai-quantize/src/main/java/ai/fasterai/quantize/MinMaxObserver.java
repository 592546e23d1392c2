/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

/**
 * The running minimum and maximum over every batch, per tensor or per channel (PyTorch's {@code
 * MinMaxObserver} / {@code PerChannelMinMaxObserver}). Right for weights, which are observed once;
 * for activations one outlier batch widens the range for good.
 */
public final class MinMaxObserver extends BatchRangeObserver {

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
    float combine(float running, float batch, boolean lower) {
        return lower ? Math.min(running, batch) : Math.max(running, batch);
    }
}
