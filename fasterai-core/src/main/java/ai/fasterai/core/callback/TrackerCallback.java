/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tracks one monitored value across epochs and tells when it improves, fastai's {@code
 * TrackerCallback}. A value whose name contains "loss" or "error" is better when lower; any other
 * (accuracy) when higher. An improvement must beat the best by more than {@code minDelta}.
 */
public abstract class TrackerCallback implements Callback {

    private final String monitor;
    private final double minDelta;
    private final boolean lowerIsBetter;
    private double best;

    /**
     * Creates a tracker.
     *
     * @param monitor the recorded value to watch, e.g. {@code valid_loss} or {@code accuracy}
     * @param minDelta the smallest change that counts as an improvement, &gt;= 0
     */
    protected TrackerCallback(String monitor, double minDelta) {
        if (monitor == null || monitor.isBlank()) {
            throw new IllegalArgumentException(
                    "monitor must name a recorded value, got " + monitor);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
        }
        this.monitor = monitor;
        this.minDelta = minDelta;
        String lower = monitor.toLowerCase(Locale.ROOT);
        this.lowerIsBetter = lower.contains("loss") || lower.contains("error");
    }

    @Override
    public void beforeFit(Learner learn) {
        best = lowerIsBetter ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Reads the monitored value of the epoch that just ended and records it if it is the best.
     *
     * @param learn the learner
     * @return true if the value improved on the best so far
     * @throws IllegalArgumentException if the recorder has no value of that name
     */
    protected boolean improved(Learner learn) {
        List<Map<String, Double>> epochs = learn.getRecorder().getEpochs();
        Map<String, Double> row = epochs.get(epochs.size() - 1);
        Double value = row.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException(
                    "monitor '" + monitor + "' is not recorded; recorded values: " + row.keySet());
        }
        boolean better = lowerIsBetter ? value < best - minDelta : value > best + minDelta;
        if (better) {
            best = value;
        }
        return better;
    }

    /**
     * Returns the monitored value's name.
     *
     * @return the name
     */
    public String getMonitor() {
        return monitor;
    }

    /**
     * Returns the best value seen in the current fit.
     *
     * @return the best value (infinite before the first epoch)
     */
    public double getBest() {
        return best;
    }
}
