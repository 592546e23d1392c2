/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.evaluator.Evaluator;

import org.junit.jupiter.api.Test;

/** The metrics on hand-made predictions. */
class MetricsTest {

    // Four samples, three classes. Ranked classes per row: [1,2,0], [0,1,2], [2,0,1], [1,0,2].
    private static final float[] SCORES = {
        0.1f, 0.7f, 0.2f,
        0.6f, 0.3f, 0.1f,
        0.3f, 0.1f, 0.6f,
        0.4f, 0.5f, 0.1f
    };
    // Labels: right, wrong (2nd), wrong (3rd), wrong (2nd).
    private static final float[] LABELS = {1, 1, 1, 0};

    private static float evaluate(Evaluator metric) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList preds = new NDList(manager.create(SCORES, new Shape(4, 3)));
            NDList labels = new NDList(manager.create(LABELS));
            metric.addAccumulator("k");
            metric.updateAccumulator("k", labels, preds);
            return metric.getAccumulator("k");
        }
    }

    @Test
    void accuracyCountsTopOneHits() {
        assertEquals(0.25f, evaluate(Metrics.accuracy()), 1e-7);
        assertEquals("accuracy", Metrics.accuracy().getName());
    }

    @Test
    void errorRateIsOneMinusAccuracy() {
        assertEquals(0.75f, evaluate(Metrics.errorRate()), 1e-7);
        assertEquals("error_rate", Metrics.errorRate().getName());
    }

    @Test
    void topKCountsHitsAmongTheKBest() {
        assertEquals(0.75f, evaluate(Metrics.topKAccuracy(2)), 1e-7);
        assertEquals(1f, evaluate(Metrics.topKAccuracy(3)), 1e-7);
    }

    @Test
    void topKNeedsPositiveK() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Metrics.topKAccuracy(0));
        assertTrue(e.getMessage().contains("k must be >= 1, got 0"));
    }
}
