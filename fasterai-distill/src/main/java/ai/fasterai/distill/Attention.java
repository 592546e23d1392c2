/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Attention transfer (Zagoruyko &amp; Komodakis 2017): each activation {@code (batch, channels, h,
 * w)} becomes a spatial attention map, the mean over channels of {@code |a|^p}, flattened and
 * L2-normalized per sample; the loss is the mean squared difference of the student's and the
 * teacher's maps, summed over the layer pairs. Channel counts may differ; spatial sizes must match.
 * fasterai's {@code Attention}.
 */
public final class Attention implements DistillationLoss {

    private static final float EPS = 1e-12f;

    private final float p;

    /**
     * Creates the loss.
     *
     * @param p the power, finite and &gt; 0 (the paper uses 2)
     * @throws IllegalArgumentException if {@code p} is out of range
     */
    public Attention(double p) {
        this.p = Divergences.positive("p", p);
    }

    /** Creates the loss with {@code p = 2}. */
    public Attention() {
        this(2);
    }

    @Override
    public void prepare(List<Shape> studentShapes, List<Shape> teacherShapes, NDManager manager) {
        FeatureChecks.pairs("Attention", studentShapes, teacherShapes);
        for (int i = 0; i < studentShapes.size(); i++) {
            Shape s = studentShapes.get(i);
            Shape t = teacherShapes.get(i);
            FeatureChecks.batchAndRank("Attention", i, s, t, 3);
            FeatureChecks.sameSpatial(
                    "Attention", i, s, t, "pair layers of equal resolution (matchFeatureLayers)");
        }
    }

    @Override
    public NDArray evaluate(DistillationInput input) {
        return FeatureChecks.sumOverPairs(
                "Attention", input, (i, s, t) -> map(s).sub(map(t)).square().mean());
    }

    /** The normalized attention map, {@code (batch, h * w)}. */
    NDArray map(NDArray activation) {
        long batch = activation.getShape().get(0);
        NDArray at = activation.abs().pow(p).mean(new int[] {1}).reshape(batch, -1);
        return at.div(at.norm(new int[] {1}, true).maximum(EPS));
    }

    @Override
    public boolean needsFeatures() {
        return true;
    }

    @Override
    public String toString() {
        return "Attention(p=" + p + ")";
    }
}
