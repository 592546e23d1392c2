/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Similarity-preserving distillation (Tung &amp; Mori 2019): for each layer pair, the batch's
 * similarity matrix {@code G = F F^T} of flattened activations {@code F (batch, -1)}, each row
 * normalized by its p-norm; the loss is {@code ||G_s - G_t||_F^2 / batch^2}, summed over the pairs.
 * Only batch sizes must match: any shapes and architectures can be paired. fasterai's {@code
 * Similarity}.
 */
public final class Similarity implements DistillationLoss {

    private static final float EPS = 1e-12f;

    private final float p;

    /**
     * Creates the loss.
     *
     * @param p the norm that normalizes rows of {@code G}, finite and &gt; 0 (the paper uses 2)
     * @throws IllegalArgumentException if {@code p} is out of range
     */
    public Similarity(double p) {
        this.p = Divergences.positive("p", p);
    }

    /** Creates the loss with {@code p = 2}. */
    public Similarity() {
        this(2);
    }

    @Override
    public void prepare(List<Shape> studentShapes, List<Shape> teacherShapes, NDManager manager) {
        FeatureChecks.pairs("Similarity", studentShapes, teacherShapes);
        for (int i = 0; i < studentShapes.size(); i++) {
            FeatureChecks.batchAndRank(
                    "Similarity", i, studentShapes.get(i), teacherShapes.get(i), 2);
        }
    }

    @Override
    public NDArray evaluate(DistillationInput input) {
        return FeatureChecks.sumOverPairs(
                "Similarity", input, (i, s, t) -> gram(s).sub(gram(t)).square().mean());
    }

    /** The row-normalized similarity matrix, {@code (batch, batch)}. */
    NDArray gram(NDArray activation) {
        long batch = activation.getShape().get(0);
        NDArray flat = activation.reshape(batch, -1);
        NDArray g = flat.matMul(flat.transpose());
        NDArray norm = g.abs().pow(p).sum(new int[] {1}, true).pow(1f / p);
        return g.div(norm.maximum(EPS));
    }

    @Override
    public boolean needsFeatures() {
        return true;
    }

    @Override
    public String toString() {
        return "Similarity(p=" + p + ")";
    }
}
