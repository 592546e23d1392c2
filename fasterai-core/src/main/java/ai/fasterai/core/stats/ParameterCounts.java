/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

/**
 * A model's parameter counts, as PyTorch counts them: BatchNorm's running mean and variance are
 * buffers, not parameters, and are left out of every figure.
 *
 * @param parameters all parameter values
 * @param trainable the values of parameters that take gradients (not frozen)
 * @param nonZero the values that are not zero, among {@code parameters}
 */
public record ParameterCounts(long parameters, long trainable, long nonZero) {

    /**
     * Validates the counts.
     *
     * @param parameters all parameter values
     * @param trainable the values of parameters that take gradients
     * @param nonZero the values that are not zero
     * @throws IllegalArgumentException if a count is negative or a part exceeds the whole
     */
    public ParameterCounts {
        if (parameters < 0 || trainable < 0 || nonZero < 0) {
            throw new IllegalArgumentException(
                    "counts must be >= 0, got parameters="
                            + parameters
                            + ", trainable="
                            + trainable
                            + ", nonZero="
                            + nonZero);
        }
        if (trainable > parameters || nonZero > parameters) {
            throw new IllegalArgumentException(
                    "trainable and nonZero must be <= parameters, got parameters="
                            + parameters
                            + ", trainable="
                            + trainable
                            + ", nonZero="
                            + nonZero);
        }
    }
}
