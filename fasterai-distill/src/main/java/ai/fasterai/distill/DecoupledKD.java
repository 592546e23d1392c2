/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;

/**
 * Decoupled knowledge distillation (Zhao et al. 2022, DKD): the soft-target loss split into a
 * target-class part and a non-target-class part, weighted separately. With {@code p = softmax(z /
 * T)} and {@code t} the label:
 *
 * <ul>
 *   <li>TCKD: the KL divergence between the binary distributions {@code [p_t, 1 - p_t]} of teacher
 *       and student;
 *   <li>NCKD: the KL divergence between the distributions over the non-target classes only (softmax
 *       of the other logits);
 *   <li>{@code DKD = T^2 * (alpha * TCKD + beta * NCKD)}, averaged over the batch.
 * </ul>
 *
 * <p>The normalized variant is NKD (Yang et al. 2023, "normalized knowledge distillation"): {@code
 * alpha * -(q_t * log p_t) + beta * T^2 * CE(q', p')}, where {@code q_t} and {@code p_t} are the
 * teacher's and student's target probabilities at temperature 1 and {@code q'}, {@code p'} their
 * normalized non-target distributions at {@code T}.
 *
 * <p>Both need the labels.
 */
public final class DecoupledKD implements DistillationLoss {

    private final float temperature;
    private final float alpha;
    private final float beta;
    private final boolean normalized;

    /**
     * Creates DKD or NKD.
     *
     * @param temperature {@code T}, finite and &gt; 0
     * @param alpha the target-class weight, finite and &gt;= 0
     * @param beta the non-target-class weight, finite and &gt;= 0
     * @param normalized true for NKD, false for DKD
     * @throws IllegalArgumentException if a value is out of range
     */
    public DecoupledKD(double temperature, double alpha, double beta, boolean normalized) {
        this.temperature = Divergences.positive("temperature", temperature);
        this.alpha = Divergences.weight("alpha", alpha);
        this.beta = Divergences.weight("beta", beta);
        this.normalized = normalized;
    }

    /**
     * Creates DKD.
     *
     * @param temperature {@code T}, finite and &gt; 0
     * @param alpha the TCKD weight, finite and &gt;= 0
     * @param beta the NCKD weight, finite and &gt;= 0
     */
    public DecoupledKD(double temperature, double alpha, double beta) {
        this(temperature, alpha, beta, false);
    }

    /** Creates DKD with the paper's CIFAR settings: {@code T = 4, alpha = 1, beta = 8}. */
    public DecoupledKD() {
        this(4, 1, 8);
    }

    /**
     * Creates NKD with its paper's settings: {@code T = 1, alpha = 1, beta (gamma) = 1.5}.
     *
     * @return the loss
     */
    public static DecoupledKD nkd() {
        return new DecoupledKD(1, 1, 1.5, true);
    }

    /**
     * Tells whether this is the normalized variant (NKD).
     *
     * @return true for NKD
     */
    public boolean isNormalized() {
        return normalized;
    }

    @Override
    public NDArray evaluate(DistillationInput input) {
        Divergences.checkLogits("DecoupledKD", input);
        NDArray student = input.studentLogits();
        NDArray teacher = input.teacherLogits();
        NDArray target = Divergences.oneHot(input.requireLabels("DecoupledKD"), student);
        NDArray others = target.neg().add(1);
        long batch = student.getShape().get(0);
        float t2 = temperature * temperature;
        NDArray outS = nonTargetLogProbs(student, target);
        NDArray outT = nonTargetLogProbs(teacher, target);
        if (normalized) {
            NDArray qt = teacher.softmax(1).mul(target).sum(new int[] {1});
            NDArray logPt = student.logSoftmax(1).mul(target).sum(new int[] {1});
            NDArray targetPart = qt.mul(logPt).sum().neg().div(batch);
            NDArray crossEntropy = outT.exp().mul(outS).mul(others).sum().neg().div(batch);
            return targetPart.mul(alpha).add(crossEntropy.mul(beta * t2));
        }
        NDArray logS = student.div(temperature).logSoftmax(1);
        NDArray logT = teacher.div(temperature).logSoftmax(1);
        NDArray tckd = binaryKl(logS, logT, target, batch);
        NDArray nckd = Divergences.klBatchMean(outS.mul(others), outT.mul(others));
        return tckd.mul(alpha).add(nckd.mul(beta)).mul(t2);
    }

    /** Log-probabilities over the non-target classes at the temperature (target left out). */
    private NDArray nonTargetLogProbs(NDArray logits, NDArray target) {
        return logits.div(temperature).sub(target.mul(Divergences.MASK_OUT)).logSoftmax(1);
    }

    /** KL between the teacher's and the student's {@code [p_target, 1 - p_target]}. */
    private static NDArray binaryKl(NDArray logS, NDArray logT, NDArray target, long batch) {
        NDArray logPtS = logS.mul(target).sum(new int[] {1});
        NDArray logPtT = logT.mul(target).sum(new int[] {1});
        NDArray masked = target.mul(Divergences.MASK_OUT);
        NDArray logRestS = Divergences.logSumExp(logS.sub(masked)).squeeze(1);
        NDArray logRestT = Divergences.logSumExp(logT.sub(masked)).squeeze(1);
        NDArray targetTerm = logPtT.exp().mul(logPtT.sub(logPtS));
        NDArray restTerm = logRestT.exp().mul(logRestT.sub(logRestS));
        return targetTerm.add(restTerm).sum().div(batch);
    }

    @Override
    public String toString() {
        return (normalized ? "NKD" : "DecoupledKD")
                + "(T="
                + temperature
                + ", alpha="
                + alpha
                + ", beta="
                + beta
                + ")";
    }
}
