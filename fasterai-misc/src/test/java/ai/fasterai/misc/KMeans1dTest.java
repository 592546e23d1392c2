/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

/**
 * {@link KMeans1d}: known centroids, the linear closed form, seeded k-means++, nearest centroid.
 */
class KMeans1dTest {

    /** Values around -1, 0 and 2; returns the three group means (the known optimum). */
    private static float[] threeGroups(float[] values) {
        Random random = new Random(3);
        float[] centers = {-1f, 0f, 2f};
        double[] sums = new double[3];
        for (int i = 0; i < values.length; i++) {
            int group = i % 3;
            values[i] = centers[group] + (float) (random.nextGaussian() * 0.05);
            sums[group] += values[i];
        }
        float[] means = new float[3];
        for (int g = 0; g < 3; g++) {
            means[g] = (float) (sums[g] / (values.length / 3));
        }
        return means;
    }

    @Test
    void convergesToTheGroupMeansWithEitherInitialization() {
        float[] values = new float[3000];
        float[] means = threeGroups(values);
        for (ClusterInit init : ClusterInit.values()) {
            KMeans1d.Clustering c = KMeans1d.fit(values, 3, init, 50, 7);
            assertTrue(c.converged(), init.toString());
            assertFalse(c.kept());
            assertArrayEquals(means, c.codebook(), 1e-6f, init.toString());
            for (int i = 0; i < values.length; i++) {
                assertEquals(i % 3, c.assignments()[i], init + " value " + i);
            }
        }
    }

    @Test
    void linearInitializationIsEvenlySpacedFromMinToMax() {
        float[] centroids = KMeans1d.linear(-0.5f, 1.5f, 5);
        assertArrayEquals(new float[] {-0.5f, 0f, 0.5f, 1f, 1.5f}, centroids, 0f);
        float min = -0.3f;
        float max = 0.7f;
        float[] sixteen = KMeans1d.linear(min, max, 16);
        for (int j = 0; j < 16; j++) {
            assertEquals((float) (min + j * ((double) max - min) / 15), sixteen[j], 0f);
        }
    }

    @Test
    void kmeansPlusPlusIsReproducibleForASeed() {
        float[] values = new float[20_000];
        Random random = new Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        float[] a = KMeans1d.plusPlus(values, 16, 11);
        float[] b = KMeans1d.plusPlus(values, 16, 11);
        float[] other = KMeans1d.plusPlus(values, 16, 12);
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, other), "another seed should draw other centroids");
        for (int j = 1; j < a.length; j++) {
            assertTrue(a[j - 1] <= a[j], "sorted");
        }
        // Each drawn centroid is one of the values.
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        for (float c : a) {
            assertTrue(Arrays.binarySearch(sorted, c) >= 0, c + " is not a value");
        }
        KMeans1d.Clustering first = KMeans1d.fit(values, 16, ClusterInit.KMEANS_PLUS_PLUS, 20, 11);
        KMeans1d.Clustering again = KMeans1d.fit(values, 16, ClusterInit.KMEANS_PLUS_PLUS, 20, 11);
        assertArrayEquals(first.codebook(), again.codebook(), 0f);
        assertArrayEquals(first.assignments(), again.assignments());
    }

    @Test
    void everyValueEndsAtItsNearestCentroidAndFewDistinctValuesAreKept() {
        float[] values = new float[5000];
        Random random = new Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        KMeans1d.Clustering c = KMeans1d.fit(values, 8, ClusterInit.LINEAR, 3, 0);
        assertTrue(c.codebook().length <= 8);
        for (int i = 0; i < values.length; i++) {
            float mine = Math.abs(values[i] - c.codebook()[c.assignments()[i]]);
            for (float centroid : c.codebook()) {
                assertTrue(mine <= Math.abs(values[i] - centroid) + 1e-6f, "value " + i);
            }
        }
        float[] few = {0.5f, -1f, 0.5f, 3f, -1f};
        KMeans1d.Clustering kept = KMeans1d.fit(few, 4, ClusterInit.LINEAR, 20, 0);
        assertTrue(kept.kept());
        assertArrayEquals(new float[] {-1f, 0.5f, 3f}, kept.codebook(), 0f);
        assertArrayEquals(new int[] {1, 0, 1, 2, 0}, kept.assignments());
    }
}
