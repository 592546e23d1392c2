/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;

/**
 * The KL divergence from the teacher's to the student's class distribution at temperature 1, {@code
 * KL(softmax(t) || softmax(s))}, averaged over the batch: the loss of deep mutual learning (Zhang
 * et al. 2018), here with a fixed teacher. fasterai's {@code Mutual}.
 */
public final class Mutual implements DistillationLoss {

    private final SoftTarget atOne = new SoftTarget(1);

    /** Creates the loss. */
    public Mutual() {}

    @Override
    public NDArray evaluate(DistillationInput input) {
        return atOne.evaluate(input);
    }

    @Override
    public String toString() {
        return "Mutual";
    }
}
