/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * A knowledge-distillation loss: a scalar from the student's and the teacher's outputs and
 * activations. {@link KnowledgeDistillationCallback} mixes it with the task loss.
 *
 * <p>Output losses ({@link SoftTarget}, {@link Logits}, {@link Mutual}, {@link DecoupledKD}) read
 * the logits; feature losses ({@link Attention}, {@link FitNet}, {@link Similarity}, {@link
 * ActivationBoundaries}) read the captured activations and sum their term over the layer pairs.
 * Write your own as a lambda:
 *
 * <pre>{@code
 * DistillationLoss cosine = in -> in.studentLogits().sub(in.teacherLogits()).abs().mean();
 * }</pre>
 */
@FunctionalInterface
public interface DistillationLoss {

    /**
     * Computes the loss for one batch.
     *
     * @param input the batch's outputs and activations
     * @return a scalar, part of the student's gradient graph
     */
    NDArray evaluate(DistillationInput input);

    /**
     * Checks the paired activation shapes once, before training, and creates any state the loss
     * trains (adapters). The default accepts anything.
     *
     * @param studentShapes the student's captured activation shapes, batch included
     * @param teacherShapes the teacher's, paired by position
     * @param manager owns arrays the loss creates; lives as long as the student model
     * @throws IllegalArgumentException if a pair cannot be compared by this loss
     */
    default void prepare(List<Shape> studentShapes, List<Shape> teacherShapes, NDManager manager) {}

    /**
     * Parameters the loss itself learns (FitNet's adapters); the callback updates them with the
     * learner's optimizer settings after each step. None by default.
     *
     * @return the trainable parameters
     */
    default List<Parameter> getParameters() {
        return List.of();
    }

    /**
     * Tells whether the loss reads intermediate activations, so a callback without layers is
     * refused before training.
     *
     * @return false by default
     */
    default boolean needsFeatures() {
        return false;
    }

    /**
     * Adds another loss: both are computed from the same teacher pass and summed, e.g. {@code new
     * SoftTarget(4).plus(new Attention(2))}.
     *
     * @param other the loss to add
     * @return the sum
     * @throws IllegalArgumentException if {@code other} is null
     */
    default DistillationLoss plus(DistillationLoss other) {
        Checks.notNull("other", other);
        DistillationLoss self = this;
        return new DistillationLoss() {
            @Override
            public NDArray evaluate(DistillationInput input) {
                return self.evaluate(input).add(other.evaluate(input));
            }

            @Override
            public void prepare(
                    List<Shape> studentShapes, List<Shape> teacherShapes, NDManager manager) {
                self.prepare(studentShapes, teacherShapes, manager);
                other.prepare(studentShapes, teacherShapes, manager);
            }

            @Override
            public List<Parameter> getParameters() {
                List<Parameter> all = new ArrayList<>(self.getParameters());
                all.addAll(other.getParameters());
                return all;
            }

            @Override
            public boolean needsFeatures() {
                return self.needsFeatures() || other.needsFeatures();
            }

            @Override
            public String toString() {
                return self + " + " + other;
            }
        };
    }
}
