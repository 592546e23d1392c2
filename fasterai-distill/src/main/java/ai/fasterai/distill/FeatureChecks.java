/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.types.Shape;

import java.util.List;

/** Shape checks the feature losses run before training, with messages naming the pair. */
final class FeatureChecks {

    private FeatureChecks() {}

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
