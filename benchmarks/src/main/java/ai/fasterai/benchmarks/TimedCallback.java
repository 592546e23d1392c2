/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;

/**
 * Wraps a callback and adds up the wall time spent in its events: a callback's own cost, free of
 * the machine's drift between whole epochs.
 */
final class TimedCallback implements Callback {

    private final Callback inner;
    private long nanos;

    TimedCallback(Callback inner) {
        this.inner = inner;
    }

    /** The time spent in the wrapped callback's events so far, in seconds. */
    double seconds() {
        return nanos / 1e9;
    }

    private void timed(Runnable event) {
        long start = System.nanoTime();
        try {
            event.run();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    @Override
    public int getOrder() {
        return inner.getOrder();
    }

    @Override
    public void beforeFit(Learner learn) {
        timed(() -> inner.beforeFit(learn));
    }

    @Override
    public void beforeEpoch(Learner learn) {
        timed(() -> inner.beforeEpoch(learn));
    }

    @Override
    public void beforeBatch(Learner learn) {
        timed(() -> inner.beforeBatch(learn));
    }

    @Override
    public void afterPred(Learner learn) {
        timed(() -> inner.afterPred(learn));
    }

    @Override
    public void afterLoss(Learner learn) {
        timed(() -> inner.afterLoss(learn));
    }

    @Override
    public void afterBackward(Learner learn) {
        timed(() -> inner.afterBackward(learn));
    }

    @Override
    public void afterStep(Learner learn) {
        timed(() -> inner.afterStep(learn));
    }

    @Override
    public void afterCancelStep(Learner learn) {
        timed(() -> inner.afterCancelStep(learn));
    }

    @Override
    public void afterCancelBatch(Learner learn) {
        timed(() -> inner.afterCancelBatch(learn));
    }

    @Override
    public void afterBatch(Learner learn) {
        timed(() -> inner.afterBatch(learn));
    }

    @Override
    public void afterTrain(Learner learn) {
        timed(() -> inner.afterTrain(learn));
    }

    @Override
    public void afterEpoch(Learner learn) {
        timed(() -> inner.afterEpoch(learn));
    }

    @Override
    public void afterFit(Learner learn) {
        timed(() -> inner.afterFit(learn));
    }
}
