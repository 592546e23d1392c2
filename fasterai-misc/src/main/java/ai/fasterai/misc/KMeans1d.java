/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-dimensional k-means on a layer's weight values (Lloyd's algorithm) without an {@code N x n}
 * distance matrix: the values are sorted once ({@code O(N log N)}), each iteration then finds the
 * clusters as runs of sorted values by binary search on the centroids' midpoints ({@code O(n log
 * N)}), and a last pass assigns each value by binary search among the midpoints ({@code O(N log
 * n)}). Memory: two copies of the values and one int per value.
 */
final class KMeans1d {

    /** k-means++ seeds from at most this many values, drawn at random: see {@link #plusPlus}. */
    static final int PLUS_PLUS_SAMPLE = 1 << 20;

    // Runs whose sums are kept: of the D^2 array, so that drawing a value proportionally to its
    // D^2 costs O(S / BLOCK + BLOCK) instead of O(S); of the sorted values, so that a cluster's
    // sum costs O(BLOCK) instead of its size.
    private static final int BLOCK = 1024;

    private KMeans1d() {}

    /**
     * A clustering of one weight array.
     *
     * @param codebook the centroids that have members, ascending and distinct
     * @param assignments for each value, its centroid's index in {@code codebook}
     * @param iterations the Lloyd updates made
     * @param converged true when the assignments stopped changing (or nothing had to be done)
     * @param kept true when the values had at most {@code n} distinct values, which were kept as
     *     they were
     */
    record Clustering(
            float[] codebook, int[] assignments, int iterations, boolean converged, boolean kept) {}

    /**
     * Clusters values into at most {@code clusters} centroids. Values with at most that many
     * distinct values keep them (their distinct values are the codebook).
     *
     * @param values finite values, not changed
     * @param clusters the number of centroids, at least 2
     * @param init how centroids start
     * @param maxIterations the most Lloyd updates, at least 1
     * @param seed the random seed of {@link ClusterInit#KMEANS_PLUS_PLUS}
     */
    static Clustering fit(
            float[] values, int clusters, ClusterInit init, int maxIterations, long seed) {
        float[] distinct = distinctUpTo(values, clusters);
        if (distinct != null) {
            return new Clustering(distinct, assign(values, distinct), 0, true, true);
        }
        float[] centroids =
                init == ClusterInit.LINEAR
                        ? linear(min(values), max(values), clusters)
                        : plusPlus(values, clusters, seed);
        // In 1-D each cluster is a run of the sorted values, found by binary search for the
        // midpoints, and its sum is a difference of prefix sums: after one sort, an iteration
        // costs O(n log N) rather than a pass over all N values.
        SortedValues sorted = new SortedValues(values);
        double[] boundaries = new double[clusters - 1];
        int[] splits = null;
        int iterations = 0;
        boolean converged = false;
        while (true) {
            Arrays.sort(centroids); // Lloyd keeps 1-D centroids in order; this guards ties
            midpoints(centroids, boundaries);
            int[] next = sorted.splits(boundaries);
            if (Arrays.equals(next, splits)) {
                converged = true; // no value changed cluster
                break;
            }
            splits = next;
            if (iterations == maxIterations) {
                break; // every value goes to its nearest centroid of the last update
            }
            for (int j = 0; j < clusters; j++) {
                int count = splits[j + 1] - splits[j];
                if (count > 0) { // a centroid without members stays where it is
                    centroids[j] = (float) (sorted.sum(splits[j], splits[j + 1]) / count);
                }
            }
            iterations++;
        }
        int[] assignments = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            assignments[i] = countBelow(boundaries, values[i]);
        }
        return compact(centroids, assignments, iterations, converged);
    }

    /** Sorted values with the sums of every {@link #BLOCK} of them, for sums over any run. */
    private static final class SortedValues {

        private final float[] values;
        private final double[] blockPrefix;

        SortedValues(float[] unsorted) {
            values = unsorted.clone();
            Arrays.sort(values);
            blockPrefix = new double[values.length / BLOCK + 1];
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                if (i % BLOCK == 0) {
                    blockPrefix[i / BLOCK] = sum;
                }
                sum += values[i];
            }
            if (values.length % BLOCK == 0) {
                blockPrefix[values.length / BLOCK] = sum;
            }
        }

        /** Cluster j is the run {@code [splits[j], splits[j + 1])}; ties go to the lower one. */
        int[] splits(double[] boundaries) {
            int[] splits = new int[boundaries.length + 2];
            for (int j = 0; j < boundaries.length; j++) {
                splits[j + 1] = countAtMost(boundaries[j]);
            }
            splits[boundaries.length + 1] = values.length;
            return splits;
        }

        /** The sum of {@code values[from, to)}. */
        double sum(int from, int to) {
            return prefix(to) - prefix(from);
        }

        private double prefix(int end) {
            int block = end / BLOCK;
            double sum = blockPrefix[block];
            for (int i = block * BLOCK; i < end; i++) {
                sum += values[i];
            }
            return sum;
        }

        private int countAtMost(double boundary) {
            int low = 0;
            int high = values.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (values[mid] <= boundary) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /**
     * {@code n} centroids evenly spaced on {@code [min, max]}: {@code min + j (max - min)/(n-1)}.
     */
    static float[] linear(float min, float max, int n) {
        float[] centroids = new float[n];
        double step = ((double) max - min) / (n - 1);
        for (int j = 0; j < n; j++) {
            centroids[j] = (float) (min + j * step);
        }
        centroids[n - 1] = max; // exact, whatever the rounding of the steps
        return centroids;
    }

    /**
     * k-means++ seeding on a sorted sample of at most {@link #PLUS_PLUS_SAMPLE} values (all of them
     * when there are fewer), so that the {@code n} draws cost about {@code O(S + n (S / 1024 +
     * 1024))} rather than {@code O(N n)}. In one dimension the values a new centroid becomes the
     * nearest for form an interval around it in the sorted sample, so each draw updates only that
     * interval.
     *
     * @return {@code n} centroids, ascending; duplicates only if the sample has fewer than {@code
     *     n} distinct values (then the rest are spaced linearly)
     */
    static float[] plusPlus(float[] values, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] sample;
        if (values.length <= PLUS_PLUS_SAMPLE) {
            sample = values.clone();
        } else {
            sample = new float[PLUS_PLUS_SAMPLE];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values[random.nextInt(values.length)];
            }
        }
        Arrays.sort(sample);
        int s = sample.length;
        double[] d2 = new double[s];
        double[] blockSums = new double[(s + BLOCK - 1) / BLOCK];
        float[] centroids = new float[n];
        centroids[0] = sample[random.nextInt(s)];
        for (int i = 0; i < s; i++) {
            double d = sample[i] - (double) centroids[0];
            d2[i] = d * d;
        }
        for (int b = 0; b < blockSums.length; b++) {
            blockSums[b] = blockSum(d2, b);
        }
        for (int k = 1; k < n; k++) {
            double total = 0;
            for (double sum : blockSums) {
                total += sum;
            }
            int j = total > 0 ? draw(d2, blockSums, random.nextDouble() * total) : -1;
            if (j < 0) {
                // Every sampled value is a centroid already: space the rest over the range.
                float[] rest = linear(min(values), max(values), n - k + 1);
                System.arraycopy(rest, 1, centroids, k, n - k);
                break;
            }
            float c = sample[j];
            centroids[k] = c;
            int low = j;
            while (low >= 0 && square(sample[low] - (double) c) < d2[low]) {
                d2[low] = square(sample[low] - (double) c);
                low--;
            }
            int high = j + 1;
            while (high < s && square(sample[high] - (double) c) < d2[high]) {
                d2[high] = square(sample[high] - (double) c);
                high++;
            }
            // Recomputed rather than decremented, so rounding errors do not pile up.
            for (int b = Math.max(0, low + 1) / BLOCK; b <= (high - 1) / BLOCK; b++) {
                blockSums[b] = blockSum(d2, b);
            }
        }
        Arrays.sort(centroids);
        return centroids;
    }

    /**
     * Returns the sorted distinct values if there are at most {@code limit} of them, else null; one
     * pass with a small open-addressing set of float bit patterns, stopped as soon as the limit is
     * passed.
     */
    static float[] distinctUpTo(float[] values, int limit) {
        int capacity = Integer.highestOneBit(Math.max(4, limit * 4 - 1)) << 1;
        int[] table = new int[capacity];
        boolean[] used = new boolean[capacity];
        float[] found = new float[limit];
        int count = 0;
        for (float value : values) {
            int bits = Float.floatToIntBits(value);
            int slot = mix(bits) & (capacity - 1);
            while (used[slot] && table[slot] != bits) {
                slot = (slot + 1) & (capacity - 1);
            }
            if (!used[slot]) {
                if (count == limit) {
                    return null;
                }
                used[slot] = true;
                table[slot] = bits;
                found[count++] = value;
            }
        }
        float[] distinct = Arrays.copyOf(found, count);
        Arrays.sort(distinct);
        return distinct;
    }

    /** For each value, the index of an equal entry of the sorted codebook. */
    static int[] assign(float[] values, float[] codebook) {
        int[] assignments = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int at = Arrays.binarySearch(codebook, values[i]);
            if (at < 0) {
                throw new IllegalStateException(values[i] + " is not in the codebook");
            }
            assignments[i] = at;
        }
        return assignments;
    }

    /** Keeps the centroids with members, merges equal ones, renumbers the assignments. */
    private static Clustering compact(
            float[] centroids, int[] assignments, int iterations, boolean converged) {
        boolean[] used = new boolean[centroids.length];
        for (int a : assignments) {
            used[a] = true;
        }
        int[] renumber = new int[centroids.length];
        float[] codebook = new float[centroids.length];
        int k = 0;
        for (int j = 0; j < centroids.length; j++) {
            if (!used[j]) {
                continue;
            }
            if (k > 0 && Float.compare(codebook[k - 1], centroids[j]) == 0) {
                renumber[j] = k - 1;
            } else {
                codebook[k] = centroids[j];
                renumber[j] = k++;
            }
        }
        for (int i = 0; i < assignments.length; i++) {
            assignments[i] = renumber[assignments[i]];
        }
        return new Clustering(
                Arrays.copyOf(codebook, k), assignments, iterations, converged, false);
    }

    /** The number of boundaries strictly below {@code value}: its cluster. */
    private static int countBelow(double[] boundaries, float value) {
        int low = 0;
        int high = boundaries.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (boundaries[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static void midpoints(float[] centroids, double[] boundaries) {
        for (int j = 0; j < boundaries.length; j++) {
            boundaries[j] = ((double) centroids[j] + centroids[j + 1]) / 2;
        }
    }

    /** The index whose cumulative D^2 first exceeds {@code target}, or -1 if all are 0. */
    private static int draw(double[] d2, double[] blockSums, double target) {
        double cumulative = 0;
        int b = 0;
        while (b < blockSums.length - 1 && cumulative + blockSums[b] <= target) {
            cumulative += blockSums[b];
            b++;
        }
        int last = -1;
        for (int i = b * BLOCK; i < d2.length; i++) {
            if (d2[i] > 0) {
                last = i;
                cumulative += d2[i];
                if (cumulative > target) {
                    return i;
                }
            }
        }
        // Rounding put the target at the very top: take the last value that can still be drawn.
        for (int i = d2.length - 1; last < 0 && i >= 0; i--) {
            if (d2[i] > 0) {
                last = i;
            }
        }
        return last;
    }

    private static double blockSum(double[] d2, int block) {
        double sum = 0;
        for (int i = block * BLOCK; i < Math.min(d2.length, (block + 1) * BLOCK); i++) {
            sum += d2[i];
        }
        return sum;
    }

    private static double square(double x) {
        return x * x;
    }

    private static int mix(int bits) {
        int h = bits * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    static float min(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
