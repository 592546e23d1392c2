/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import java.util.Arrays;

/**
 * Picks exactly {@code k} least important groups: every score below the k-th smallest, then ties at
 * it in index order. A threshold alone (as {@code quantile} in fasterai) misses the count when
 * scores tie; counting whole groups keeps the requested sparsity exact.
 */
final class GroupSelection {

    private GroupSelection() {}

    /**
     * Marks the {@code k} smallest scores.
     *
     * @param scores the group scores
     * @param k how many to mark, {@code 0 <= k <= scores.length}
     * @return {@code true} at the marked (zeroed) groups
     */
    static boolean[] smallest(float[] scores, int k) {
        boolean[] zeroed = new boolean[scores.length];
        if (k <= 0) {
            return zeroed;
        }
        if (k >= scores.length) {
            Arrays.fill(zeroed, true);
            return zeroed;
        }
        float threshold = kthSmallest(scores.clone(), k - 1);
        int marked = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Float.compare(scores[i], threshold) < 0) {
                zeroed[i] = true;
                marked++;
            }
        }
        for (int i = 0; i < scores.length && marked < k; i++) {
            if (Float.compare(scores[i], threshold) == 0) {
                zeroed[i] = true;
                marked++;
            }
        }
        return zeroed;
    }

    /**
     * Finds the value of rank {@code rank} (0-based) in ascending order, in expected linear time
     * (quickselect): masks are recomputed at every step of a smooth schedule, where a full sort of
     * a layer's weights would dominate the step. Reorders {@code values}.
     */
    static float kthSmallest(float[] values, int rank) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            // Median of three as pivot: sorted or constant inputs stay linear.
            int mid = (lo + hi) >>> 1;
            float pivot = median(values[lo], values[mid], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Float.compare(values[i], pivot) < 0) {
                    i++;
                }
                while (Float.compare(values[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (rank <= j) {
                hi = j;
            } else if (rank >= i) {
                lo = i;
            } else {
                return values[rank];
            }
        }
        return values[rank];
    }

    private static float median(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * How many groups to zero for a sparsity: {@code round(sparsity / 100 * n)}.
     *
     * @param sparsity the sparsity in percent
     * @param n the number of groups
     * @return the count, in {@code [0, n]}
     */
    static int count(double sparsity, long n) {
        return (int) Math.min(n, Math.max(0, Math.round(sparsity / 100.0 * n)));
    }

    /**
     * fasterai's {@code round_to}: the number of kept groups rounded up to a multiple of {@code
     * roundTo}, at least {@code roundTo}, at most {@code n}.
     *
     * @param kept the kept groups before rounding
     * @param roundTo the multiple, {@code >= 1}
     * @param n the number of groups
     * @return the kept groups after rounding
     */
    static long roundKept(long kept, int roundTo, long n) {
        long rounded = Math.max(roundTo, roundTo * ((kept + roundTo - 1) / roundTo));
        return Math.min(n, rounded);
    }
}
