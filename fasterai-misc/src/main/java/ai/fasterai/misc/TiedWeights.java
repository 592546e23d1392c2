/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.nn.Parameter;

/**
 * A clustered weight whose assignments are fixed, Deep Compression's fine-tuning: after each
 * optimizer step every centroid becomes the mean of its members' updated values, and every member
 * is set to its centroid. For plain SGD that is training the centroids with their members' summed
 * gradient scaled by {@code 1 / cluster size}; for any optimizer it is the nearest clustered weight
 * (least squares) with the same assignments.
 *
 * <p>Holds Java arrays only, no NDArray: the weight is read and written in place through its
 * parameter, so the arrays a trainer works on stay the same objects and nothing leaks.
 */
final class TiedWeights {

    private final String path;
    private final Parameter weight;
    private final int[] assignments;
    private final long[] counts;

    /**
     * Ties a weight whose values are already its centroids.
     *
     * @param path the layer's path, for reports
     * @param weight the parameter
     * @param assignments each weight's cluster
     * @param clusters the number of clusters, each with at least one member
     */
    TiedWeights(String path, Parameter weight, int[] assignments, int clusters) {
        this.path = path;
        this.weight = weight;
        this.assignments = assignments;
        this.counts = new long[clusters];
        for (int a : assignments) {
            counts[a]++;
        }
    }

    String path() {
        return path;
    }

    int clusters() {
        return counts.length;
    }

    /** Moves each centroid to its members' mean and writes the centroids back, in place. */
    void apply() {
        float[] values = weight.getArray().toFloatArray();
        double[] sums = new double[counts.length];
        for (int i = 0; i < values.length; i++) {
            sums[assignments[i]] += values[i];
        }
        float[] centroids = new float[counts.length];
        for (int j = 0; j < centroids.length; j++) {
            centroids[j] = (float) (sums[j] / counts[j]);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = centroids[assignments[i]];
        }
        weight.getArray().set(values);
    }
}
