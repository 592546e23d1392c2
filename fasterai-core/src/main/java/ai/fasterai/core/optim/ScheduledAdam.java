/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Adam and AdamW with a scheduled learning rate and beta1. The bias corrections use the beta1 in
 * force at each step (as fastai's Adam does); with a constant beta1 this is DJL's {@code Adam}.
 */
final class ScheduledAdam extends HyperOptimizer {

    private final boolean decoupled;
    private final float beta2;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();

    ScheduledAdam(
            float weightDecay,
            boolean decoupled,
            float beta2,
            float epsilon,
            DoubleSupplier lr,
            DoubleSupplier mom) {
        super(weightDecay, lr, mom);
        this.decoupled = decoupled;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        float lr = learningRate();
        float beta1 = momentum();
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float lrBiasCorrection = (float) (lr * Math.sqrt(coef2) / coef1);
        NDList inputs =
                new NDList(
                        weight,
                        grad,
                        state(means, parameterId, weight),
                        state(variances, parameterId, weight));
        weight.getNDArrayInternal()
                .adamUpdate(
                        inputs,
                        new NDList(weight),
                        lr,
                        lrBiasCorrection,
                        getWeightDecay(),
                        rescaleGrad,
                        clipGrad,
                        beta1,
                        beta2,
                        epsilon,
                        true,
                        decoupled);
    }

    private NDArray state(Map<String, Map<Device, NDArray>> states, String id, NDArray weight) {
        return withDefaultState(states, id, weight.getDevice(), k -> weight.zerosLike());
    }
}
