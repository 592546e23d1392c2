/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;

/**
 * Hinton et al. (2015)'s soft-target loss: the KL divergence from the teacher's to the student's
 * temperature-softened class distribution, times {@code T^2} so its gradients keep their size as
 * {@code T} changes: {@code T^2 * KL(softmax(t / T) || softmax(s / T))}, summed over classes and
 * averaged over the batch. fasterai's {@code SoftTarget}.
 */
public final class SoftTarget implements DistillationLoss {

    private final float temperature;

    /**
     * Creates the loss.
     *
     * @param temperature {@code T}, finite and &gt; 0; higher values soften the distributions
     *     (fasterai's default is 5)
     * @throws IllegalArgumentException if {@code temperature} is out of range
     */
    public SoftTarget(double temperature) {
        this.temperature = Divergences.positive("temperature", temperature);
    }

    /** Creates the loss at fasterai's default temperature, 5. */
    public SoftTarget() {
        this(5);
    }

    /**
     * Returns the temperature.
     *
     * @return {@code T}
     */
    public float getTemperature() {
        return temperature;
    }

    @Override
    public NDArray evaluate(DistillationInput input) {
        Divergences.checkLogits("SoftTarget", input);
        NDArray student = input.studentLogits().div(temperature).logSoftmax(1);
        NDArray teacher = input.teacherLogits().div(temperature).logSoftmax(1);
        return Divergences.klBatchMean(student, teacher).mul(temperature * temperature);
    }

    @Override
    public String toString() {
        return "SoftTarget(T=" + temperature + ")";
    }
}
