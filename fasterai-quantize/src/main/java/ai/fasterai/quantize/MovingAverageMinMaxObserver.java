/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

/**
 * An exponential moving average of each batch's minimum and maximum (PyTorch's {@code
 * MovingAverageMinMaxObserver}, the default activation observer for QAT): the first batch sets the
 * range, then {@code min += c * (batchMin - min)} and {@code max += c * (batchMax - max)}, so a
 * rare outlier batch moves the range only by the fraction {@code c}.
 */
public final class MovingAverageMinMaxObserver extends BatchRangeObserver {

    /** PyTorch's default averaging constant. */
    public static final float DEFAULT_AVERAGING_CONSTANT = 0.01f;

    private final float c;

    private MovingAverageMinMaxObserver(int axis, float averagingConstant) {
        super(axis);
        if (!(averagingConstant > 0 && averagingConstant <= 1)) {
            throw new IllegalArgumentException(
                    "averagingConstant must be in (0, 1], got " + averagingConstant);
        }
        this.c = averagingConstant;
    }

    /**
     * Creates a per-tensor observer with the default constant 0.01.
     *
     * @return the observer
     */
    public static MovingAverageMinMaxObserver perTensor() {
        return perTensor(DEFAULT_AVERAGING_CONSTANT);
    }

    /**
     * Creates a per-tensor observer.
     *
     * @param averagingConstant the weight of each new batch, in (0, 1]; 1 keeps only the last batch
     * @return the observer
     * @throws IllegalArgumentException if the constant is outside (0, 1]
     */
    public static MovingAverageMinMaxObserver perTensor(float averagingConstant) {
        return new MovingAverageMinMaxObserver(-1, averagingConstant);
    }

    /**
     * Creates a per-channel observer.
     *
     * @param axis the channel axis, {@code >= 0}
     * @param averagingConstant the weight of each new batch, in (0, 1]
     * @return the observer
     * @throws IllegalArgumentException if {@code axis < 0} or the constant is outside (0, 1]
     */
    public static MovingAverageMinMaxObserver perChannel(int axis, float averagingConstant) {
        if (axis < 0) {
            throw new IllegalArgumentException("axis must be >= 0, got " + axis);
        }
        return new MovingAverageMinMaxObserver(axis, averagingConstant);
    }

    /**
     * Returns the averaging constant.
     *
     * @return c
     */
    public float averagingConstant() {
        return c;
    }

    @Override
    float combine(float running, float batch, boolean lower) {
        return running + c * (batch - running);
    }
}
