/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;

/**
 * How a layer's group scores are rescaled before they are compared, as fasterai's {@code
 * Normalizer}. Matters in {@link Context#GLOBAL} context, where layers of different scales meet.
 */
public enum Normalizer {
    /** Scores as they are. */
    NONE,
    /** {@code s / sum(s)}. */
    SUM,
    /** {@code (s - min) / (max - min + eps)}. */
    STANDARDIZATION,
    /** {@code s / mean(s)}. */
    MEAN,
    /** {@code s / max(s)}. */
    MAX,
    /** {@code (s - mean) / (std + eps)}. */
    GAUSSIAN;

    /** fasterai's epsilon: float32's machine epsilon. */
    static final float EPS = Math.ulp(1.0f);

    /**
     * Applies the normalization over all elements of a layer's scores.
     *
     * @param s the scores
     * @return new normalized scores (or {@code s} for {@link #NONE})
     */
    public NDArray apply(NDArray s) {
        switch (this) {
            case SUM:
                return s.div(s.sum());
            case STANDARDIZATION:
                {
                    NDArray min = s.min();
                    return s.sub(min).div(s.max().sub(min).add(EPS));
                }
            case MEAN:
                return s.div(s.mean());
            case MAX:
                return s.div(s.max());
            case GAUSSIAN:
                {
                    NDArray mean = s.mean();
                    long n = s.size();
                    // Unbiased standard deviation, as torch.std.
                    NDArray var = s.sub(mean).square().sum().div(Math.max(1, n - 1));
                    return s.sub(mean).div(var.sqrt().add(EPS));
                }
            default:
                return s;
        }
    }
}
