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
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float threshold = sorted[k - 1];
        int marked = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < threshold) {
                zeroed[i] = true;
                marked++;
            }
        }
        for (int i = 0; i < scores.length && marked < k; i++) {
            if (scores[i] == threshold) {
                zeroed[i] = true;
                marked++;
            }
        }
        return zeroed;
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
