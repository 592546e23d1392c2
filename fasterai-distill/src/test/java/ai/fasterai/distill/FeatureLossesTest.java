/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

/** Feature losses against hand computations in plain Java on fixed random activations. */
class FeatureLossesTest {

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
    void attentionComparesNormalizedChannelMeansOfPowers() {
        double[][][][] s = random(2, 3, 4, 5, 1);
        double[][][][] t = random(2, 6, 4, 5, 2); // channel counts may differ
        for (double p : new double[] {2, 1, 3}) {
            double expected = 0;
            double[][] as = attentionMap(s, p);
            double[][] at = attentionMap(t, p);
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 20; i++) {
                    expected += Math.pow(as[n][i] - at[n][i], 2);
                }
            }
            expected /= 40;
            Attention loss = new Attention(p);
            loss.prepare(List.of(shape(s)), List.of(shape(t)), manager);
            double actual = loss.evaluate(features(s, t)).getFloat();
            assertEquals(expected, actual, 1e-6 + 1e-5 * expected, "p = " + p);
        }
    }

    @Test
    void similarityComparesRowNormalizedBatchGramMatrices() {
        double[][][][] s = random(3, 2, 3, 3, 3);
        double[][][][] t = random(3, 5, 2, 2, 4); // any shapes with one batch size
        double[][] gs = gram(s);
        double[][] gt = gram(t);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                expected += Math.pow(gs[i][j] - gt[i][j], 2);
            }
        }
        expected /= 9;
        Similarity loss = new Similarity();
        loss.prepare(List.of(shape(s)), List.of(shape(t)), manager);
        assertEquals(expected, loss.evaluate(features(s, t)).getFloat(), 1e-6);
    }

    @Test
    void activationBoundariesPenalizeTheWrongSideOfTheMargin() {
        double m = 0.5;
        double[][][][] s = random(2, 3, 2, 2, 5);
        double[][][][] t = random(2, 3, 2, 2, 6);
        double expected = 0;
        int count = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        double x = s[n][c][h][w];
                        boolean teacherOn = t[n][c][h][w] > 0;
                        if (!teacherOn && x > -m) {
                            expected += (x + m) * (x + m);
                        } else if (teacherOn && x <= m) {
                            expected += (x - m) * (x - m);
                        }
                        count++;
                    }
                }
            }
        }
        expected /= count;
        ActivationBoundaries loss = new ActivationBoundaries(m);
        loss.prepare(List.of(shape(s)), List.of(shape(t)), manager);
        assertEquals(expected, loss.evaluate(features(s, t)).getFloat(), 1e-6);
    }

    @Test
    void fitNetIsTheMeanSquaredDifferenceWhenChannelsMatch() {
        double[][][][] s = random(2, 3, 2, 2, 7);
        double[][][][] t = random(2, 3, 2, 2, 8);
        double expected = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        expected += Math.pow(s[n][c][h][w] - t[n][c][h][w], 2);
                    }
                }
            }
        }
        FitNet loss = new FitNet();
        loss.prepare(List.of(shape(s)), List.of(shape(t)), manager);
        assertNull(loss.getAdapter(0));
        assertTrue(loss.getParameters().isEmpty());
        assertEquals(expected / 24, loss.evaluate(features(s, t)).getFloat(), 1e-6);
    }

    @Test
    void fitNetMapsDifferentChannelCountsThroughAOneByOneAdapter() {
        double[][][][] s = random(2, 3, 2, 2, 9);
        double[][][][] t = random(2, 5, 2, 2, 10);
        FitNet loss = new FitNet();
        loss.prepare(List.of(shape(s)), List.of(shape(t)), manager);
        Block adapter = loss.getAdapter(0);
        assertNotNull(adapter);
        Conv2d conv = (Conv2d) adapter;
        assertEquals(new Shape(1, 1), conv.getKernelShape());
        assertEquals(5, conv.getFilters());
        assertEquals(2, loss.getParameters().size()); // weight and bias

        // By hand: out[n][o][h][w] = sum_c W[o][c] * s[n][c][h][w] + b[o].
        float[] weight = loss.getParameters().get(0).getArray().toFloatArray();
        float[] bias = loss.getParameters().get(1).getArray().toFloatArray();
        double expected = 0;
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 5; o++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        double out = bias[o];
                        for (int c = 0; c < 3; c++) {
                            out += weight[o * 3 + c] * s[n][c][h][w];
                        }
                        expected += Math.pow(out - t[n][o][h][w], 2);
                    }
                }
            }
        }
        assertEquals(expected / 40, loss.evaluate(features(s, t)).getFloat(), 1e-5);

        // Preparing again for the same shapes, or another batch size, keeps the adapter (and what
        // it learned); other channel counts replace it.
        loss.prepare(List.of(shape(s)), List.of(shape(t)), manager);
        assertTrue(adapter == loss.getAdapter(0));
        loss.prepare(List.of(new Shape(7, 3, 2, 2)), List.of(new Shape(7, 5, 2, 2)), manager);
        assertTrue(adapter == loss.getAdapter(0));
        loss.prepare(List.of(new Shape(2, 4, 2, 2)), List.of(new Shape(2, 5, 2, 2)), manager);
        assertTrue(adapter != loss.getAdapter(0));
    }

    @Test
    void fitNetAdaptsRankTwoFeaturesWithALinearLayer() {
        NDArray s = manager.randomNormal(new Shape(4, 6));
        NDArray t = manager.randomNormal(new Shape(4, 3));
        FitNet loss = new FitNet();
        loss.prepare(List.of(s.getShape()), List.of(t.getShape()), manager);
        Block adapter = loss.getAdapter(0);
        NDArray mapped =
                adapter.forward(new ParameterStore(manager, false), new NDList(s), false).head();
        double expected = mapped.sub(t).square().mean().getFloat();
        DistillationInput input =
                new DistillationInput(
                        manager.zeros(new Shape(4, 2)),
                        manager.zeros(new Shape(4, 2)),
                        null,
                        List.of(s),
                        List.of(t));
        assertEquals(expected, loss.evaluate(input).getFloat(), 1e-6);
    }

    @Test
    void lossesSumOverLayerPairs() {
        double[][][][] s1 = random(2, 3, 4, 4, 11);
        double[][][][] t1 = random(2, 3, 4, 4, 12);
        double[][][][] s2 = random(2, 4, 2, 2, 13);
        double[][][][] t2 = random(2, 8, 2, 2, 14);
        Attention loss = new Attention();
        loss.prepare(List.of(shape(s1), shape(s2)), List.of(shape(t1), shape(t2)), manager);
        double first = loss.evaluate(features(s1, t1)).getFloat();
        double second = loss.evaluate(features(s2, t2)).getFloat();
        DistillationInput both =
                new DistillationInput(
                        manager.zeros(new Shape(2, 2)),
                        manager.zeros(new Shape(2, 2)),
                        null,
                        List.of(array(s1), array(s2)),
                        List.of(array(t1), array(t2)));
        assertEquals(first + second, loss.evaluate(both).getFloat(), 1e-6);
    }

    @Test
    void pairsThatCannotBeComparedAreRefusedBeforeTraining() {
        Shape s = new Shape(8, 16, 8, 8);
        Shape coarser = new Shape(8, 32, 4, 4);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Attention().prepare(List.of(s), List.of(coarser), manager));
        assertEquals(
                "Attention pair 0 has different spatial sizes: student (8, 16, 8, 8), teacher (8,"
                        + " 32, 4, 4); pair layers of equal resolution (matchFeatureLayers)",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new FitNet().prepare(List.of(s), List.of(coarser), manager));
        assertTrue(e.getMessage().startsWith("FitNet pair 0 has different spatial sizes"));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new ActivationBoundaries()
                                        .prepare(
                                                List.of(s),
                                                List.of(new Shape(8, 32, 8, 8)),
                                                manager));
        assertTrue(e.getMessage().startsWith("ActivationBoundaries pair 0 needs activations of"));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new Similarity()
                                        .prepare(
                                                List.of(s),
                                                List.of(new Shape(4, 16, 8, 8)),
                                                manager));
        assertTrue(e.getMessage().contains("differs in batch size"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Attention().prepare(List.of(), List.of(), manager));
        assertEquals(
                "Attention needs paired activations: got 0 student and 0 teacher layers",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new Attention()
                                        .prepare(
                                                List.of(new Shape(8, 16)),
                                                List.of(new Shape(8, 16)),
                                                manager));
        assertTrue(e.getMessage().startsWith("Attention needs activations of rank >= 3"));
        assertThrows(IllegalArgumentException.class, () -> new Attention(0));
        assertThrows(IllegalArgumentException.class, () -> new Similarity(-2));
        e = assertThrows(IllegalArgumentException.class, () -> new ActivationBoundaries(0));
        assertEquals("margin must be finite and > 0, got 0.0", e.getMessage());
    }

    // ---- hand computations ----

    /** Attention maps by hand: mean over channels of |a|^p, L2-normalized per sample. */
    private static double[][] attentionMap(double[][][][] a, double p) {
        int n = a.length;
        int c = a[0].length;
        int h = a[0][0].length;
        int w = a[0][0][0].length;
        double[][] maps = new double[n][h * w];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sum = 0;
                    for (int k = 0; k < c; k++) {
                        sum += Math.pow(Math.abs(a[i][k][y][x]), p);
                    }
                    maps[i][y * w + x] = sum / c;
                    norm += Math.pow(sum / c, 2);
                }
            }
            for (int j = 0; j < h * w; j++) {
                maps[i][j] /= Math.sqrt(norm);
            }
        }
        return maps;
    }

    /** {@code G = F F^T} of the flattened activations, rows divided by their L2 norms. */
    private static double[][] gram(double[][][][] a) {
        int n = a.length;
        double[][] flat = new double[n][];
        for (int i = 0; i < n; i++) {
            flat[i] = flatten(a[i]);
        }
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < flat[i].length; k++) {
                    g[i][j] += flat[i][k] * flat[j][k];
                }
                norm += g[i][j] * g[i][j];
            }
            for (int j = 0; j < n; j++) {
                g[i][j] /= Math.sqrt(norm);
            }
        }
        return g;
    }

    private static double[] flatten(double[][][] sample) {
        int c = sample.length;
        int h = sample[0].length;
        int w = sample[0][0].length;
        double[] flat = new double[c * h * w];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    flat[(k * h + y) * w + x] = sample[k][y][x];
                }
            }
        }
        return flat;
    }

    private static double[][][][] random(int n, int c, int h, int w, long seed) {
        Random random = new Random(seed);
        double[][][][] a = new double[n][c][h][w];
        for (double[][][] sample : a) {
            for (double[][] channel : sample) {
                for (double[] row : channel) {
                    for (int x = 0; x < w; x++) {
                        // Rounded to floats so the hand computation sees what the engine sees.
                        row[x] = (float) random.nextGaussian();
                    }
                }
            }
        }
        return a;
    }

    private static Shape shape(double[][][][] a) {
        return new Shape(a.length, a[0].length, a[0][0].length, a[0][0][0].length);
    }

    private NDArray array(double[][][][] a) {
        float[] flat = new float[a.length * a[0].length * a[0][0].length * a[0][0][0].length];
        int per = flat.length / a.length;
        for (int i = 0; i < a.length; i++) {
            double[] sample = flatten(a[i]);
            for (int k = 0; k < per; k++) {
                flat[i * per + k] = (float) sample[k];
            }
        }
        return manager.create(flat, shape(a));
    }

    private DistillationInput features(double[][][][] s, double[][][][] t) {
        return new DistillationInput(
                manager.zeros(new Shape(s.length, 2)),
                manager.zeros(new Shape(s.length, 2)),
                null,
                List.of(array(s)),
                List.of(array(t)));
    }
}
