/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.djl.ndarray.types.DataType;
import ai.fasterai.core.Callback;
import ai.fasterai.core.CancelFitException;
import ai.fasterai.core.Learner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the fit when a training loss is NaN or infinite, fastai's {@code TerminateOnNaNCallback}.
 *
 * <p>It checks in {@code afterLoss}, before the backward pass, so the diverged batch never reaches
 * the weights: they stay those of the last finite step. The reason, naming epoch and batch, is
 * logged and kept in {@link #getStopReason()}.
 */
public class TerminateOnNaNCallback implements Callback {

    private static final Logger logger = LoggerFactory.getLogger(TerminateOnNaNCallback.class);

    private String stopReason;

    @Override
    public int getOrder() {
        return ORDER_TERMINATE_ON_NAN;
    }

    @Override
    public void beforeFit(Learner learn) {
        stopReason = null;
    }

    @Override
    public void afterLoss(Learner learn) {
        if (!learn.isTraining()) {
            return;
        }
        double value = learn.getLoss().toType(DataType.FLOAT64, false).getDouble();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            stopReason =
                    "loss is "
                            + value
                            + " at epoch "
                            + learn.getEpoch()
                            + ", batch "
                            + learn.getIteration()
                            + ": training stopped";
            logger.warn(stopReason);
            throw new CancelFitException(stopReason);
        }
    }

    /**
     * Returns why the last fit was stopped.
     *
     * @return the reason naming epoch and batch, or null if it was not stopped
     */
    public String getStopReason() {
        return stopReason;
    }
}
