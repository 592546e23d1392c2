/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

/** How {@link WeightClusterer} places a layer's centroids before the k-means iterations. */
public enum ClusterInit {

    /**
     * {@code n} centroids evenly spaced from the smallest to the largest weight, TFMOT's default
     * ({@code CentroidInitialization.LINEAR}). Deterministic, and it keeps centroids on the rare
     * large weights that Deep Compression found to matter most.
     */
    LINEAR,

    /**
     * k-means++ (Arthur and Vassilvitskii): the first centroid is a random weight, each next one a
     * weight drawn with probability proportional to its squared distance to the nearest centroid so
     * far. Seeded by {@link WeightClusterer.Builder#optSeed(long)}, so it is reproducible.
     */
    KMEANS_PLUS_PLUS
}
