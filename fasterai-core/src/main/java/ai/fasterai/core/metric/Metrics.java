/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.metric;

import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.evaluator.TopKAccuracy;

/**
 * Validation metrics with fastai's names. They are DJL {@link Evaluator}s, so any evaluator (DJL's
 * or a user's subclass) works as a metric too.
 */
public final class Metrics {

    private Metrics() {}

    /**
     * Returns the share of samples whose highest-scoring class is the label, named {@code
     * accuracy}.
     *
     * @return a new evaluator
     */
    public static Evaluator accuracy() {
        return new Accuracy("accuracy", 1);
    }

    /**
     * Returns the share of samples whose label is among the k highest-scoring classes, named {@code
     * top_k_accuracy}.
     *
     * @param k how many classes count, at least 1
     * @return a new evaluator
     */
    public static Evaluator topKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return new TopKAccuracy("top_k_accuracy", k);
    }

    /**
     * Returns 1 - accuracy, named {@code error_rate}.
     *
     * @return a new evaluator
     */
    public static Evaluator errorRate() {
        return new ErrorRate();
    }
}
