/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Activation-boundary transfer (Heo et al. 2019): teaches the student which neurons the teacher
 * activates, with a hinge of margin {@code m} on each pre-activation value {@code s} against the
 * teacher's {@code t}: {@code (s + m)^2} where {@code s > -m} but {@code t <= 0}, {@code (s - m)^2}
 * where {@code s <= m} but {@code t > 0}, averaged over elements and summed over the layer pairs.
 * Pair layers before their ReLU, of identical shapes. fasterai's {@code ActivationBoundaries}.
 */
public final class ActivationBoundaries implements DistillationLoss {

    private final float margin;

    /**
     * Creates the loss.
     *
     * @param margin {@code m}, finite and &gt; 0 (fasterai's default is 2)
     * @throws IllegalArgumentException if {@code margin} is out of range
     */
    public ActivationBoundaries(double margin) {
        this.margin = Divergences.positive("margin", margin);
    }

    /** Creates the loss with margin 2. */
    public ActivationBoundaries() {
        this(2);
    }

    @Override
    public void prepare(List<Shape> studentShapes, List<Shape> teacherShapes, NDManager manager) {
        FeatureChecks.pairs("ActivationBoundaries", studentShapes, teacherShapes);
        for (int i = 0; i < studentShapes.size(); i++) {
            FeatureChecks.sameShape(
                    "ActivationBoundaries",
                    i,
                    studentShapes.get(i),
                    teacherShapes.get(i),
                    "it compares neurons one to one (no adapter)");
        }
    }

    @Override
    public NDArray evaluate(DistillationInput input) {
        return FeatureChecks.sumOverPairs("ActivationBoundaries", input, (i, s, t) -> hinge(s, t));
    }

    /** The hinge terms of one pair, averaged over elements. */
    private NDArray hinge(NDArray s, NDArray t) {
        NDArray teacherOn = t.gt(0);
        NDArray offButOn = s.gt(-margin).logicalAnd(teacherOn.logicalNot());
        NDArray onButOff = s.lte(margin).logicalAnd(teacherOn);
        return s.add(margin)
                .square()
                .mul(offButOn.toType(s.getDataType(), false))
                .add(s.sub(margin).square().mul(onButOff.toType(s.getDataType(), false)))
                .mean();
    }

    @Override
    public boolean needsFeatures() {
        return true;
    }

    @Override
    public String toString() {
        return "ActivationBoundaries(m=" + margin + ")";
    }
}
