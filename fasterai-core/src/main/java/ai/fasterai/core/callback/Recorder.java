/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.djl.training.evaluator.Evaluator;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what happens during training, fastai's {@code Recorder}: the loss, learning rate and
 * momentum of every training step, and one row per epoch with {@code epoch}, {@code train_loss},
 * {@code valid_loss}, each metric and {@code time} (seconds).
 *
 * <p>{@code train_loss} is the mean of the epoch's batch losses weighted by batch size (fastai
 * prints an exponentially smoothed loss instead; the mean is exact and comparable across runs).
 * {@code valid_loss} is the batch-size-weighted mean over the validation data. Every {@link
 * Learner} has one ({@link Learner#getRecorder()}); it is cleared when a fit starts.
 */
public class Recorder implements Callback {

    private static final String VALID = "valid";

    private final List<Double> losses = new ArrayList<>();
    private final List<Double> lrs = new ArrayList<>();
    private final List<Double> moms = new ArrayList<>();
    private final List<Map<String, Double>> epochs = new ArrayList<>();
    private Map<String, Double> lastValidation = Map.of();

    private long epochStart;
    private double trainLossSum;
    private long trainCount;
    private double validLossSum;
    private long validCount;

    @Override
    public int getOrder() {
        return ORDER_RECORDER;
    }

    @Override
    public void beforeFit(Learner learn) {
        losses.clear();
        lrs.clear();
        moms.clear();
        epochs.clear();
    }

    @Override
    public void beforeEpoch(Learner learn) {
        epochStart = System.nanoTime();
        trainLossSum = 0;
        trainCount = 0;
    }

    @Override
    public void beforeValidate(Learner learn) {
        validLossSum = 0;
        validCount = 0;
        for (Evaluator metric : learn.getMetrics()) {
            metric.addAccumulator(VALID);
            metric.resetAccumulator(VALID);
        }
    }

    @Override
    public void afterBatch(Learner learn) {
        if (learn.getLoss() == null) {
            return; // cancelled before the loss existed
        }
        double value =
                learn.getLoss().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        long batchSize = learn.getYb().head().getShape().get(0);
        if (learn.isTraining()) {
            losses.add(value);
            lrs.add(learn.getLr());
            moms.add(learn.getMom());
            trainLossSum += value * batchSize;
            trainCount += batchSize;
        } else {
            validLossSum += value * batchSize;
            validCount += batchSize;
            for (Evaluator metric : learn.getMetrics()) {
                metric.updateAccumulator(VALID, learn.getYb(), learn.getPred());
            }
        }
    }

    @Override
    public void afterValidate(Learner learn) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("valid_loss", validCount == 0 ? Double.NaN : validLossSum / validCount);
        for (Evaluator metric : learn.getMetrics()) {
            values.put(
                    metric.getName(),
                    validCount == 0 ? Double.NaN : (double) metric.getAccumulator(VALID));
        }
        lastValidation = Collections.unmodifiableMap(values);
    }

    @Override
    public void afterEpoch(Learner learn) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) learn.getEpoch());
        row.put("train_loss", trainCount == 0 ? Double.NaN : trainLossSum / trainCount);
        row.putAll(lastValidation);
        row.put("time", (System.nanoTime() - epochStart) / 1e9);
        epochs.add(Collections.unmodifiableMap(row));
    }

    /**
     * Returns the loss of every training batch of the last fit.
     *
     * @return an unmodifiable list
     */
    public List<Double> getLosses() {
        return Collections.unmodifiableList(losses);
    }

    /**
     * Returns the learning rate of every training step of the last fit.
     *
     * @return an unmodifiable list
     */
    public List<Double> getLrs() {
        return Collections.unmodifiableList(lrs);
    }

    /**
     * Returns the momentum of every training step of the last fit.
     *
     * @return an unmodifiable list
     */
    public List<Double> getMoms() {
        return Collections.unmodifiableList(moms);
    }

    /**
     * Returns one row per epoch of the last fit: {@code epoch}, {@code train_loss}, {@code
     * valid_loss}, each metric by name, {@code time} in seconds, in that order.
     *
     * @return an unmodifiable list of unmodifiable maps
     */
    public List<Map<String, Double>> getEpochs() {
        return Collections.unmodifiableList(epochs);
    }

    /**
     * Returns the results of the last validation pass: {@code valid_loss} and each metric.
     *
     * @return an unmodifiable map, empty before any validation
     */
    public Map<String, Double> getLastValidation() {
        return lastValidation;
    }
}
