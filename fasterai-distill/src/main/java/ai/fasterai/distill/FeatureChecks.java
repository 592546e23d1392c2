/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * What the feature losses share: shape checks run before training, with messages naming the pair,
 * and the sum of a term over the pairs.
 */
final class FeatureChecks {

    /** One pair's term of a feature loss. */
    @FunctionalInterface
    interface PairTerm {
        NDArray apply(int pair, NDArray student, NDArray teacher);
    }

    private FeatureChecks() {}

    /** Sums a loss's term over the input's feature pairs (at least one). */
    static NDArray sumOverPairs(String loss, DistillationInput input, PairTerm term) {
        int pairs = input.requireFeatures(loss);
        NDArray total = null;
        for (int i = 0; i < pairs; i++) {
            NDArray t =
                    term.apply(i, input.studentFeatures().get(i), input.teacherFeatures().get(i));
            total = total == null ? t : total.add(t);
        }
        return total;
    }

    /** Requires at least one pair and lists of one length. */
    static void pairs(String loss, List<Shape> student, List<Shape> teacher) {
        if (student.isEmpty() || student.size() != teacher.size()) {
            throw new IllegalArgumentException(
                    loss
                            + " needs paired activations: got "
                            + student.size()
                            + " student and "
                            + teacher.size()
                            + " teacher layers");
        }
    }

    /** Requires equal batch sizes and a rank of at least {@code minRank} on both sides. */
    static void batchAndRank(String loss, int pair, Shape student, Shape teacher, int minRank) {
        if (student.dimension() < minRank || teacher.dimension() < minRank) {
            throw new IllegalArgumentException(
                    loss
                            + " needs activations of rank >= "
                            + minRank
                            + " in pair "
                            + pair
                            + ", got student "
                            + student
                            + " and teacher "
                            + teacher);
        }
        if (student.get(0) != teacher.get(0)) {
            throw new IllegalArgumentException(
                    loss + " pair " + pair + " differs in batch size: " + student + ", " + teacher);
        }
    }

    /** Requires equal sizes after the channel axis (height and width for images). */
    static void sameSpatial(String loss, int pair, Shape student, Shape teacher, String fix) {
        Shape s = student.slice(2);
        Shape t = teacher.slice(2);
        if (!s.equals(t)) {
            throw new IllegalArgumentException(
                    loss
                            + " pair "
                            + pair
                            + " has different spatial sizes: student "
                            + student
                            + ", teacher "
                            + teacher
                            + "; "
                            + fix);
        }
    }

    /** Requires identical shapes. */
    static void sameShape(String loss, int pair, Shape student, Shape teacher, String fix) {
        if (!student.equals(teacher)) {
            throw new IllegalArgumentException(
                    loss
                            + " pair "
                            + pair
                            + " needs activations of one shape: student "
                            + student
                            + ", teacher "
                            + teacher
                            + "; "
                            + fix);
        }
    }
}
