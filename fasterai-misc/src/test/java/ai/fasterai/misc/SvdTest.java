/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

import java.util.Random;

/** The OpenBLAS SVD against commons-math's, and the Eckart-Young truncation error. */
class SvdTest {

    @Test
    void singularValuesAndVectorsMatchCommonsMath() {
        for (int[] size : new int[][] {{12, 30}, {30, 12}, {17, 17}}) {
            for (boolean precise : new boolean[] {true, false}) {
                int rows = size[0];
                int cols = size[1];
                float[] w = random(rows, cols, 7);
                Svd svd = Svd.of(w, rows, cols, precise);
                SingularValueDecomposition oracle =
                        new SingularValueDecomposition(matrix(w, rows, cols));
                double[] expected = oracle.getSingularValues();
                double[] actual = svd.singularValues();
                double tolerance = precise ? 1e-9 : 1e-4;
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], tolerance * expected[0], "sigma " + i);
                }
                // Full rank reconstructs W; each rank-k product equals commons-math's.
                for (int k : new int[] {1, 3, Math.min(rows, cols)}) {
                    double[][] ours = product(svd, k, rows, cols);
                    RealMatrix theirs =
                            oracle.getU()
                                    .getSubMatrix(0, rows - 1, 0, k - 1)
                                    .multiply(oracle.getS().getSubMatrix(0, k - 1, 0, k - 1))
                                    .multiply(oracle.getVT().getSubMatrix(0, k - 1, 0, cols - 1));
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            assertEquals(theirs.getEntry(r, c), ours[r][c], 1e-4, "entry");
                        }
                    }
                }
            }
        }
    }

    @Test
    void truncationErrorIsTheDiscardedEnergy() {
        int rows = 20;
        int cols = 40;
        float[] w = random(rows, cols, 3);
        Svd svd = Svd.of(w, rows, cols);
        double[] sigma = new SingularValueDecomposition(matrix(w, rows, cols)).getSingularValues();
        for (int k = 1; k < rows; k++) {
            double[][] approx = product(svd, k, rows, cols);
            double error = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double d = w[r * cols + c] - approx[r][c];
                    error += d * d;
                }
            }
            double discarded = 0;
            for (int i = k; i < sigma.length; i++) {
                discarded += sigma[i] * sigma[i];
            }
            double expected = Math.sqrt(discarded);
            assertEquals(expected, Math.sqrt(error), 1e-4 * expected, "rank " + k);
        }
    }

    @Test
    void energyPicksTheSmallestSufficientRank() {
        // Diagonal matrix: sigma = 4, 3, 2, 1, energies 16, 9, 4, 1 of 30.
        float[] w = new float[4 * 6];
        float[] values = {2, 4, 1, 3};
        for (int i = 0; i < 4; i++) {
            w[i * 6 + i] = values[i];
        }
        Svd svd = Svd.of(w, 4, 6);
        assertEquals(1, svd.rankForEnergy(16.0 / 30));
        assertEquals(2, svd.rankForEnergy(16.0 / 30 + 1e-9));
        assertEquals(2, svd.rankForEnergy(25.0 / 30));
        assertEquals(3, svd.rankForEnergy(0.9));
        assertEquals(4, svd.rankForEnergy(1.0));
    }

    @Test
    void rankDeficientMatrixReconstructs() {
        // An outer product: rank 1, so three singular values are zero.
        int rows = 4;
        int cols = 5;
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] = (r + 1) * (c - 2);
            }
        }
        Svd svd = Svd.of(w, rows, cols);
        assertTrue(svd.singularValues()[1] < 1e-6);
        double[][] full = product(svd, rows, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(w[r * cols + c], full[r][c], 1e-5);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> svd.left(0));
        assertThrows(IllegalArgumentException.class, () -> svd.right(rows + 1));
        assertThrows(IllegalArgumentException.class, () -> Svd.of(new float[5], 2, 3));
    }

    /** U_k diag(sigma_k) V_k^T in double. */
    static double[][] product(Svd svd, int k, int rows, int cols) {
        float[] u = svd.left(k);
        float[] vt = svd.right(k);
        double[] s = svd.singularValues();
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += (double) u[r * k + j] * s[j] * vt[j * cols + c];
                }
                out[r][c] = sum;
            }
        }
        return out;
    }

    static float[] random(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        return w;
    }

    static RealMatrix matrix(float[] w, int rows, int cols) {
        double[][] data = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[r][c] = w[r * cols + c];
            }
        }
        return new Array2DRowRealMatrix(data, false);
    }
}
