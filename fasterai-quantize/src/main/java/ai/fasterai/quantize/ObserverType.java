/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

/** The observer that turns the activations seen during calibration or training into a range. */
public enum ObserverType {
    /** {@link MinMaxObserver}: the smallest and largest value seen (PyTorch's default for PTQ). */
    MIN_MAX,
    /** {@link MovingAverageMinMaxObserver}: each batch's range, averaged (PyTorch's for QAT). */
    MOVING_AVERAGE,
    /** {@link PercentileObserver}: the 0.01 and 99.99 percentiles, robust to outliers. */
    PERCENTILE;

    /** Creates a per-tensor observer of this type. */
    Observer perTensor() {
        switch (this) {
            case MIN_MAX:
                return MinMaxObserver.perTensor();
            case MOVING_AVERAGE:
                return MovingAverageMinMaxObserver.perTensor();
            default:
                return PercentileObserver.perTensor();
        }
    }
}
