/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import org.bytedeco.openblas.global.openblas;

/**
 * The singular value decomposition {@code W = U diag(sigma) V^T} of a real matrix, computed on
 * OpenBLAS's LAPACK (the native build ND4J's CPU backend runs on).
 *
 * <p>Why through the Gram matrix: the layers decomposed here are wide (VGG16's first classifier
 * layer is 4096 x 25088) and only the leading singular vectors are kept. A full {@code gesdd} of
 * that matrix takes minutes on two cores; the Gram matrix {@code W W^T} of the smaller side is one
 * BLAS-3 {@code syrk} (4 s) and its eigendecomposition {@code syevd} is 4096 x 4096 (7 s). The
 * other side's vectors then follow from one matrix product for the kept rank only. The cost is
 * precision on the smallest singular values (the Gram squares the condition number): each {@code
 * sigma_i} is exact to about {@code eps * sigma_max^2 / sigma_i}, so matrices whose smaller side is
 * at most {@value #DOUBLE_LIMIT} are decomposed in double precision (eps 1e-16), larger ones in
 * float, where the error only touches singular values a truncation discards anyway.
 */
final class Svd {

    /** Largest smaller side decomposed in double precision. */
    static final int DOUBLE_LIMIT = 2048;

    private final float[] matrix;
    private final int rows;
    private final int cols;

    /** Singular values, descending; length min(rows, cols). */
    private final double[] sigma;

    /**
     * Eigenvectors of the Gram matrix of the smaller side, row-major {@code small x small}, column
     * {@code j} the vector of {@code sigma[j]}: U when rows &lt;= cols, V otherwise.
     */
    private final double[] basis;

    private Svd(float[] matrix, int rows, int cols, double[] sigma, double[] basis) {
        this.matrix = matrix;
        this.rows = rows;
        this.cols = cols;
        this.sigma = sigma;
        this.basis = basis;
    }

    /**
     * Decomposes a row-major matrix. The array is kept, not copied: do not change it while using
     * the result.
     *
     * @param matrix the entries, row-major, {@code rows * cols} of them
     * @param rows the row count, at least 1
     * @param cols the column count, at least 1
     * @return the decomposition
     */
    static Svd of(float[] matrix, int rows, int cols) {
        return of(matrix, rows, cols, Math.min(rows, cols) <= DOUBLE_LIMIT);
    }

    /**
     * Decomposes a row-major matrix in the given precision.
     *
     * @param matrix the entries, row-major, {@code rows * cols} of them
     * @param rows the row count, at least 1
     * @param cols the column count, at least 1
     * @param doublePrecision whether the Gram matrix and its eigendecomposition use doubles
     * @return the decomposition
     */
    static Svd of(float[] matrix, int rows, int cols, boolean doublePrecision) {
        if (rows < 1 || cols < 1 || (long) rows * cols != matrix.length) {
            throw new IllegalArgumentException(
                    "matrix must hold rows * cols entries, got "
                            + matrix.length
                            + " for "
                            + rows
                            + " x "
                            + cols);
        }
        boolean wide = rows <= cols;
        int small = Math.min(rows, cols);
        int large = Math.max(rows, cols);
        // Row-major W (rows x cols): W W^T is syrk without transpose, W^T W with transpose.
        int trans = wide ? openblas.CblasNoTrans : openblas.CblasTrans;
        double[] eigen = new double[small];
        double[] vectors;
        if (doublePrecision) {
            double[] w = new double[matrix.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = matrix[i];
            }
            double[] gram = new double[small * small];
            openblas.cblas_dsyrk(
                    openblas.CblasRowMajor,
                    openblas.CblasUpper,
                    trans,
                    small,
                    large,
                    1.0,
                    w,
                    cols,
                    0.0,
                    gram,
                    small);
            check(
                    "dsyevd",
                    openblas.LAPACKE_dsyevd(
                            openblas.LAPACK_ROW_MAJOR,
                            (byte) 'V',
                            (byte) 'U',
                            small,
                            gram,
                            small,
                            eigen));
            vectors = gram;
        } else {
            float[] gram = new float[small * small];
            openblas.cblas_ssyrk(
                    openblas.CblasRowMajor,
                    openblas.CblasUpper,
                    trans,
                    small,
                    large,
                    1f,
                    matrix,
                    cols,
                    0f,
                    gram,
                    small);
            float[] values = new float[small];
            // The _work form with our own sizes: LAPACK's workspace query returns the size as a
            // float, which rounds below the true 1 + 6n + 2n^2 for n = 4096 and then fails.
            int lwork = 1 + 6 * small + 2 * small * small;
            int liwork = 3 + 5 * small;
            check(
                    "ssyevd",
                    openblas.LAPACKE_ssyevd_work(
                            openblas.LAPACK_ROW_MAJOR,
                            (byte) 'V',
                            (byte) 'U',
                            small,
                            gram,
                            small,
                            values,
                            new float[lwork],
                            lwork,
                            new int[liwork],
                            liwork));
            vectors = new double[gram.length];
            for (int i = 0; i < gram.length; i++) {
                vectors[i] = gram[i];
            }
            for (int i = 0; i < small; i++) {
                eigen[i] = values[i];
            }
        }
        // syevd sorts ascending; reverse the values and the columns.
        double[] sigma = new double[small];
        double[] basis = new double[small * small];
        for (int j = 0; j < small; j++) {
            int from = small - 1 - j;
            sigma[j] = Math.sqrt(Math.max(0.0, eigen[from]));
            for (int i = 0; i < small; i++) {
                basis[i * small + j] = vectors[i * small + from];
            }
        }
        return new Svd(matrix, rows, cols, sigma, basis);
    }

    private static void check(String routine, int info) {
        if (info != 0) {
            throw new ArithmeticException(routine + " failed with info " + info);
        }
    }

    /** Returns the singular values, descending, {@code min(rows, cols)} of them (a copy). */
    double[] singularValues() {
        return sigma.clone();
    }

    /**
     * Returns the smallest rank whose singular values keep at least {@code threshold} of {@code sum
     * sigma^2} (the squared Frobenius norm).
     *
     * @param threshold the share to keep, in (0, 1]
     * @return the rank, between 1 and min(rows, cols)
     */
    int rankForEnergy(double threshold) {
        double total = 0;
        for (double s : sigma) {
            total += s * s;
        }
        double kept = 0;
        for (int k = 0; k < sigma.length; k++) {
            kept += sigma[k] * sigma[k];
            // A relative slack so that threshold 1 is reached despite rounding in the sum.
            if (kept >= threshold * total * (1 - 1e-12)) {
                return k + 1;
            }
        }
        return sigma.length;
    }

    /**
     * Returns {@code U_k}, the first {@code k} left singular vectors, row-major {@code rows x k}.
     *
     * @param k the rank, in [1, min(rows, cols)]
     * @return the vectors
     */
    float[] left(int k) {
        checkRank(k);
        if (rows <= cols) {
            return columns(basis, rows, k);
        }
        // U_k = W V_k diag(1 / sigma)
        return scaledProduct(k, false);
    }

    /**
     * Returns {@code V_k^T}, the first {@code k} right singular vectors as rows, row-major {@code k
     * x cols}.
     *
     * @param k the rank, in [1, min(rows, cols)]
     * @return the vectors
     */
    float[] right(int k) {
        checkRank(k);
        if (rows > cols) {
            float[] v = columns(basis, cols, k);
            return transpose(v, cols, k);
        }
        // V_k^T = diag(1 / sigma) U_k^T W
        return scaledProduct(k, true);
    }

    private void checkRank(int k) {
        if (k < 1 || k > sigma.length) {
            throw new IllegalArgumentException(
                    "rank must be in [1, " + sigma.length + "], got " + k);
        }
    }

    /** The other side's vectors from the matrix and the basis, for the first k values. */
    private float[] scaledProduct(int k, boolean wide) {
        int small = Math.min(rows, cols);
        float[] b = columns(basis, small, k);
        float[] out;
        if (wide) {
            // (k x rows) = B^T, times W (rows x cols)
            out = new float[k * cols];
            openblas.cblas_sgemm(
                    openblas.CblasRowMajor,
                    openblas.CblasTrans,
                    openblas.CblasNoTrans,
                    k,
                    cols,
                    rows,
                    1f,
                    b,
                    k,
                    matrix,
                    cols,
                    0f,
                    out,
                    cols);
            for (int j = 0; j < k; j++) {
                float inv = inverse(sigma[j]);
                for (int c = 0; c < cols; c++) {
                    out[j * cols + c] *= inv;
                }
            }
        } else {
            // W (rows x cols) times B (cols x k)
            out = new float[rows * k];
            openblas.cblas_sgemm(
                    openblas.CblasRowMajor,
                    openblas.CblasNoTrans,
                    openblas.CblasNoTrans,
                    rows,
                    k,
                    cols,
                    1f,
                    matrix,
                    cols,
                    b,
                    k,
                    0f,
                    out,
                    k);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < k; j++) {
                    out[r * k + j] *= inverse(sigma[j]);
                }
            }
        }
        return out;
    }

    /** 1 / sigma, or 0 for a zero singular value (its vector never contributes: sigma is 0). */
    private float inverse(double s) {
        return s > sigma[0] * 1e-30 && s > 0 ? (float) (1.0 / s) : 0f;
    }

    private static float[] columns(double[] square, int n, int k) {
        float[] out = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = (float) square[i * n + j];
            }
        }
        return out;
    }

    private static float[] transpose(float[] m, int r, int c) {
        float[] out = new float[m.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = m[i * c + j];
            }
        }
        return out;
    }
}
