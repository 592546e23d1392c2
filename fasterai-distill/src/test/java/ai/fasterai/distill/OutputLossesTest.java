/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Output losses against hand computations in plain Java (double precision) on fixed logits. */
class OutputLossesTest {

    private static final double[][] STUDENT = {
        {2.0, -1.0, 0.5, 0.0}, {-0.3, 1.7, 0.2, -2.0}, {0.0, 0.0, 3.0, 1.0}
    };
    private static final double[][] TEACHER = {
        {3.0, -2.0, 0.0, 1.0}, {0.5, 2.5, -1.0, -1.5}, {-1.0, 0.5, 4.0, 0.0}
    };
    private static final int[] LABELS = {0, 1, 3};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void softTargetOfIdenticalLogitsIsZero() {
        NDArray logits = array(STUDENT);
        double loss = new SoftTarget(4).evaluate(input(logits, logits)).getFloat();
        assertEquals(0.0, loss, 1e-6);
    }

    @Test
    void softTargetIsTheBatchMeanKlTimesTSquared() {
        for (double t : new double[] {1, 2, 4, 10}) {
            double expected = 0;
            for (int n = 0; n < STUDENT.length; n++) {
                expected += kl(softmax(TEACHER[n], t), softmax(STUDENT[n], t));
            }
            expected = expected / STUDENT.length * t * t;
            double actual = new SoftTarget(t).evaluate(logitsInput()).getFloat();
            assertEquals(expected, actual, 1e-5 * Math.max(1, expected), "T = " + t);
        }
    }

    @Test
    void mutualIsTheKlAtTemperatureOne() {
        double expected = 0;
        for (int n = 0; n < STUDENT.length; n++) {
            expected += kl(softmax(TEACHER[n], 1), softmax(STUDENT[n], 1));
        }
        assertEquals(
                expected / STUDENT.length, new Mutual().evaluate(logitsInput()).getFloat(), 1e-6);
    }

    @Test
    void logitsIsTheMeanSquaredDifference() {
        double sum = 0;
        for (int n = 0; n < STUDENT.length; n++) {
            for (int c = 0; c < STUDENT[n].length; c++) {
                sum += Math.pow(STUDENT[n][c] - TEACHER[n][c], 2);
            }
        }
        assertEquals(sum / 12, new Logits().evaluate(logitsInput()).getFloat(), 1e-6);
    }

    @Test
    void decoupledKdIsTargetAndNonTargetKlByHand() {
        double t = 4;
        double alpha = 1.5;
        double beta = 8;
        double expected = 0;
        for (int n = 0; n < STUDENT.length; n++) {
            int y = LABELS[n];
            double[] ps = softmax(STUDENT[n], t);
            double[] pt = softmax(TEACHER[n], t);
            double tckd = kl(new double[] {pt[y], 1 - pt[y]}, new double[] {ps[y], 1 - ps[y]});
            double nckd = kl(nonTarget(TEACHER[n], y, t), nonTarget(STUDENT[n], y, t));
            expected += alpha * tckd + beta * nckd;
        }
        expected = expected / STUDENT.length * t * t;
        double actual = new DecoupledKD(t, alpha, beta).evaluate(logitsInput()).getFloat();
        assertEquals(expected, actual, 1e-5 * expected);
    }

    /** Zhao et al.'s identity: KD = TCKD + (1 - p_t of the teacher) * NCKD, sample by sample. */
    @Test
    void decoupledKdRecombinesIntoSoftTarget() {
        double t = 2;
        for (int n = 0; n < STUDENT.length; n++) {
            double[][] s = {STUDENT[n]};
            double[][] te = {TEACHER[n]};
            DistillationInput one =
                    DistillationInput.ofLogits(
                            array(s), array(te), manager.create(new int[] {LABELS[n]}));
            double kd = new SoftTarget(t).evaluate(one).getFloat();
            double tckd = new DecoupledKD(t, 1, 0).evaluate(one).getFloat();
            double nckd = new DecoupledKD(t, 0, 1).evaluate(one).getFloat();
            double teacherTarget = softmax(TEACHER[n], t)[LABELS[n]];
            assertEquals(kd, tckd + (1 - teacherTarget) * nckd, 1e-5, "sample " + n);
        }
    }

    @Test
    void normalizedVariantIsNkdByHand() {
        double t = 2;
        double alpha = 1;
        double gamma = 1.5;
        double expected = 0;
        for (int n = 0; n < STUDENT.length; n++) {
            int y = LABELS[n];
            double target = -softmax(TEACHER[n], 1)[y] * Math.log(softmax(STUDENT[n], 1)[y]);
            double[] q = nonTarget(TEACHER[n], y, t);
            double[] p = nonTarget(STUDENT[n], y, t);
            double crossEntropy = 0;
            for (int i = 0; i < q.length; i++) {
                crossEntropy -= q[i] * Math.log(p[i]);
            }
            expected += alpha * target + gamma * t * t * crossEntropy;
        }
        expected /= STUDENT.length;
        DecoupledKD nkd = new DecoupledKD(t, alpha, gamma, true);
        assertTrue(nkd.isNormalized());
        assertEquals(expected, nkd.evaluate(logitsInput()).getFloat(), 1e-5 * expected);
        assertEquals("NKD(T=1.0, alpha=1.0, beta=1.5)", DecoupledKD.nkd().toString());
    }

    @Test
    void lossesAreDifferentiableInTheStudentOnly() {
        NDArray student = array(STUDENT);
        student.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector collector =
                ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray loss =
                    new SoftTarget(3)
                            .plus(new DecoupledKD())
                            .evaluate(
                                    DistillationInput.ofLogits(student, array(TEACHER), labels()));
            collector.backward(loss);
        }
        NDArray gradient = student.getGradient();
        assertTrue(gradient.abs().sum().getFloat() > 0);
        // A softmax-based loss has gradients summing to 0 over the classes of each sample.
        assertEquals(0, gradient.sum(new int[] {1}).abs().max().getFloat(), 1e-5);
    }

    @Test
    void badTemperaturesAndWeightsAreRefused() {
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new SoftTarget(t));
            assertEquals("temperature must be finite and > 0, got " + t, e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new DecoupledKD(t, 1, 8));
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new DecoupledKD(4, -1, 8));
        assertEquals("alpha must be finite and >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DecoupledKD(4, 1, Double.NaN));
        assertEquals("beta must be finite and >= 0, got NaN", e.getMessage());
    }

    @Test
    void mismatchedLogitsAndMissingLabelsAreRefused() {
        NDArray student = array(STUDENT);
        NDArray wider = manager.zeros(new Shape(3, 5));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new SoftTarget().evaluate(input(student, wider)));
        assertEquals(
                "SoftTarget compares (batch, classes) logits of one shape, got student (3, 4) and"
                        + " teacher (3, 5)",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new DecoupledKD()
                                        .evaluate(
                                                DistillationInput.ofLogits(
                                                        student, array(TEACHER), null)));
        assertEquals("DecoupledKD needs the labels, got none", e.getMessage());
    }

    // ---- helpers ----

    private DistillationInput logitsInput() {
        return input(array(STUDENT), array(TEACHER));
    }

    private DistillationInput input(NDArray student, NDArray teacher) {
        return DistillationInput.ofLogits(student, teacher, labels());
    }

    private NDArray labels() {
        return manager.create(LABELS).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    }

    private NDArray array(double[][] values) {
        float[] flat = new float[values.length * values[0].length];
        for (int n = 0; n < values.length; n++) {
            for (int c = 0; c < values[n].length; c++) {
                flat[n * values[n].length + c] = (float) values[n][c];
            }
        }
        return manager.create(flat, new Shape(values.length, values[0].length));
    }

    static double[] softmax(double[] logits, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z / t);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / t - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The softmax over every class but {@code y}. */
    private static double[] nonTarget(double[] logits, int y, double t) {
        double[] others = new double[logits.length - 1];
        for (int i = 0, j = 0; i < logits.length; i++) {
            if (i != y) {
                others[j++] = logits[i];
            }
        }
        return softmax(others, t);
    }

    /** {@code KL(p || q) = sum p log(p / q)}. */
    static double kl(double[] p, double[] q) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i] * Math.log(p[i] / q[i]);
        }
        return sum;
    }
}
