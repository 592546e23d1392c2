/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.metric;

import ai.djl.training.evaluator.Accuracy;

/** The share of misclassified samples, 1 - accuracy, fastai's {@code error_rate}. */
final class ErrorRate extends Accuracy {

    ErrorRate() {
        super("error_rate", 1);
    }

    @Override
    public float getAccumulator(String key) {
        return 1f - super.getAccumulator(key);
    }
}
