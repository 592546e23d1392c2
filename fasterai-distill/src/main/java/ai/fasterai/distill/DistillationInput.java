/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.fasterai.core.util.Checks;

import java.util.List;

/**
 * What a {@link DistillationLoss} sees for one batch: both models' outputs, the labels, and the
 * captured intermediate activations, paired by position (student feature {@code i} goes with
 * teacher feature {@code i}).
 *
 * @param studentLogits the student's output, {@code (batch, classes)}, part of the gradient graph
 * @param teacherLogits the teacher's output, same shape, detached
 * @param labels the batch's class indices, {@code (batch)}
 * @param studentFeatures the student's captured activations, part of the gradient graph
 * @param teacherFeatures the teacher's captured activations, detached
 */
public record DistillationInput(
        NDArray studentLogits,
        NDArray teacherLogits,
        NDArray labels,
        List<NDArray> studentFeatures,
        List<NDArray> teacherFeatures) {

    /**
     * Checks the parts and copies the lists.
     *
     * @param studentLogits the student's output
     * @param teacherLogits the teacher's output
     * @param labels the class indices, or null for losses that do not use them
     * @param studentFeatures the student's captured activations
     * @param teacherFeatures the teacher's captured activations, paired by position
     * @throws IllegalArgumentException if a part is null or the feature lists differ in length
     */
    public DistillationInput {
        Checks.notNull("studentLogits", studentLogits);
        Checks.notNull("teacherLogits", teacherLogits);
        Checks.notNull("studentFeatures", studentFeatures);
        Checks.notNull("teacherFeatures", teacherFeatures);
        if (studentFeatures.size() != teacherFeatures.size()) {
            throw new IllegalArgumentException(
                    "studentFeatures and teacherFeatures must pair up, got "
                            + studentFeatures.size()
                            + " and "
                            + teacherFeatures.size());
        }
        studentFeatures = List.copyOf(studentFeatures);
        teacherFeatures = List.copyOf(teacherFeatures);
    }

    /**
     * An input with logits and labels only, for output losses.
     *
     * @param studentLogits the student's output
     * @param teacherLogits the teacher's output
     * @param labels the class indices, or null for losses that do not use them
     * @return the input
     */
    public static DistillationInput ofLogits(
            NDArray studentLogits, NDArray teacherLogits, NDArray labels) {
        return new DistillationInput(studentLogits, teacherLogits, labels, List.of(), List.of());
    }

    /**
     * The labels, required by losses that split the target class from the others.
     *
     * @param loss the loss asking, for the message
     * @return the labels
     * @throws IllegalArgumentException if there are none
     */
    public NDArray requireLabels(String loss) {
        if (labels == null) {
            throw new IllegalArgumentException(loss + " needs the labels, got none");
        }
        return labels;
    }

    /**
     * The feature pairs, required by feature losses.
     *
     * @param loss the loss asking, for the message
     * @return the number of pairs, at least 1
     * @throws IllegalArgumentException if no layers were captured
     */
    public int requireFeatures(String loss) {
        if (studentFeatures.isEmpty()) {
            throw new IllegalArgumentException(
                    loss
                            + " compares intermediate activations: name studentLayers and"
                            + " teacherLayers in the callback");
        }
        return studentFeatures.size();
    }
}
