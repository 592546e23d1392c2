/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The divergences the output losses share, computed in log space for stability. */
final class Divergences {

    /** Subtracted from the target logit to leave it out of a softmax (as DKD's reference does). */
    static final float MASK_OUT = 1000f;

    private Divergences() {}

    /**
     * {@code KL(teacher || student)} of two distributions given as log-probabilities over the last
     * axis, summed over classes and averaged over the batch (PyTorch's {@code batchmean}).
     */
    static NDArray klBatchMean(NDArray studentLogProbs, NDArray teacherLogProbs) {
        long batch = studentLogProbs.getShape().get(0);
        return teacherLogProbs.exp().mul(teacherLogProbs.sub(studentLogProbs)).sum().div(batch);
    }

    /** {@code log(sum(exp(x)))} over axis 1, kept as a column. */
    static NDArray logSumExp(NDArray x) {
        NDArray max = x.max(new int[] {1}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {1}, true).log().add(max);
    }

    /** One-hot rows of the labels, in the logits' type. */
    static NDArray oneHot(NDArray labels, NDArray logits) {
        long classes = logits.getShape().get(1);
        return labels.toType(DataType.INT64, false)
                .oneHot((int) classes)
                .toType(logits.getDataType(), false);
    }

    /** Checks that both logits are {@code (batch, classes)} and of one shape. */
    static void checkLogits(String loss, DistillationInput input) {
        Shape student = input.studentLogits().getShape();
        Shape teacher = input.teacherLogits().getShape();
        if (student.dimension() != 2 || !student.equals(teacher)) {
            throw new IllegalArgumentException(
                    loss
                            + " compares (batch, classes) logits of one shape, got student "
                            + student
                            + " and teacher "
                            + teacher);
        }
    }

    /** Checks a temperature, power or margin: finite and > 0. */
    static float positive(String name, double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + t);
        }
        return (float) t;
    }

    /** Checks a weight of a loss term. */
    static float weight(String name, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + w);
        }
        return (float) w;
    }
}
