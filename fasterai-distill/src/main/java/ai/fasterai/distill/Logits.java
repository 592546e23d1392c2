/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;

/**
 * Logit matching (Ba &amp; Caruana 2014): the mean squared difference between the student's and the
 * teacher's logits, averaged over every element. fasterai's {@code Logits}.
 */
public final class Logits implements DistillationLoss {

    /** Creates the loss. */
    public Logits() {}

    @Override
    public NDArray evaluate(DistillationInput input) {
        Divergences.checkLogits("Logits", input);
        return input.studentLogits().sub(input.teacherLogits()).square().mean();
    }

    @Override
    public String toString() {
        return "Logits";
    }
}
