/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.fasterai.core.CancelFitException;
import ai.fasterai.core.Learner;

/**
 * Stops the fit when the monitored value has not improved for {@code patience} epochs, fastai's
 * {@code EarlyStoppingCallback}.
 */
public class EarlyStoppingCallback extends TrackerCallback {

    private final int patience;
    private int wait;
    private int stoppedEpoch = -1;

    /**
     * Creates the callback.
     *
     * @param monitor the recorded value to watch, e.g. {@code valid_loss}
     * @param minDelta the smallest change that counts as an improvement, &gt;= 0
     * @param patience how many epochs without improvement to allow, &gt;= 1
     */
    public EarlyStoppingCallback(String monitor, double minDelta, int patience) {
        super(monitor, minDelta);
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.patience = patience;
    }

    /** Watches {@code valid_loss} with patience 1, fastai's defaults. */
    public EarlyStoppingCallback() {
        this("valid_loss", 0, 1);
    }

    @Override
    public int getOrder() {
        return ORDER_EARLY_STOPPING;
    }

    @Override
    public void beforeFit(Learner learn) {
        super.beforeFit(learn);
        wait = 0;
        stoppedEpoch = -1;
    }

    @Override
    public void afterEpoch(Learner learn) {
        if (improved(learn)) {
            wait = 0;
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = learn.getEpoch();
            throw new CancelFitException(
                    "no improvement in " + getMonitor() + " for " + wait + " epochs");
        }
    }

    /**
     * Returns the epoch at which the last fit was stopped.
     *
     * @return the epoch, or -1 if it ran to the end
     */
    public int getStoppedEpoch() {
        return stoppedEpoch;
    }
}
