/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a model's weights clustered while it is fine-tuned, Deep Compression's rule: each weight's
 * cluster is fixed when the fit starts, and after every optimizer step each centroid is set to the
 * mean of its members' updated values, which are then all set to it. With plain SGD this trains
 * each centroid with the sum of its members' gradients, scaled by {@code 1 / cluster size}; with
 * momentum or Adam it is the nearest clustered weight (least squares) to the optimizer's update. At
 * every step, and so when the fit ends, a layer clustered into {@code n} holds at most {@code n}
 * distinct values.
 *
 * <pre>{@code
 * ClusterResult result = WeightClusterer.builder().setClusters(16).build().cluster(model);
 * Model clustered = result.getModel();
 * learner(clustered).fit(2, 1e-4, new ClusterCallback());
 * ModelFile.save(clustered, file); // still compact
 * }</pre>
 *
 * <p>What happens at each event:
 *
 * <ul>
 *   <li>{@code beforeFit}: the model is initialized if needed; then, without a clusterer, every
 *       {@link ClusteredLayer} of the learner's model is tied to its own cluster count (its
 *       distinct values are its clusters; a wrapped weight that was trained without this callback
 *       is first clustered again, linear initialization); with a clusterer ({@link
 *       #ClusterCallback(WeightClusterer)}), its selected layers are clustered in place (values
 *       only, the layers stay as they are) and tied. Bad paths or a model with nothing to tie fail
 *       here, before any weight changes.
 *   <li>{@code afterStep}: the centroids are recomputed and written back.
 *   <li>{@code afterFit}: the ties are dropped (the assignments take 4 bytes per weight).
 * </ul>
 *
 * <p>Biases, BatchNorms and other layers train freely. The weights are read and written in place
 * through their parameters, as Java arrays: no NDArray is kept between steps, and the trainer keeps
 * the same arrays. The callback keeps the default order ({@link Callback#ORDER_DEFAULT}), so
 * callbacks of higher order see clustered weights after a step. Layers replaced during a fit are
 * not followed. Not thread-safe; one fit at a time.
 */
public final class ClusterCallback implements Callback {

    private final WeightClusterer clusterer;
    private List<TiedWeights> tied = List.of();
    private List<String> layerPaths = List.of();

    /** Keeps the model's {@link ClusteredLayer}s clustered, each with its own cluster count. */
    public ClusterCallback() {
        this.clusterer = null;
    }

    /**
     * Clusters the learner's model in place with this clusterer when the fit starts, then keeps its
     * layers clustered. The model keeps its structure; to store it compactly afterwards, run the
     * same clusterer's {@link WeightClusterer#cluster} on it: its layers have at most {@code n}
     * distinct values, which become their codebooks unchanged.
     *
     * @param clusterer the clusters, initialization and layer selection
     * @throws IllegalArgumentException if the clusterer is null
     */
    public ClusterCallback(WeightClusterer clusterer) {
        this.clusterer = Checks.notNull("clusterer", clusterer);
    }

    /**
     * Returns the paths of the layers tied by the last {@code beforeFit}.
     *
     * @return the paths, in tree order; empty before the first fit
     */
    public List<String> getLayerPaths() {
        return layerPaths;
    }

    /**
     * Clusters (with a clusterer) and ties the layers' weights to their clusters.
     *
     * @param learn the learner
     * @throws IllegalArgumentException if a layer path does not fit the model, or the model has no
     *     ClusteredLayer and no clusterer was given
     */
    @Override
    public void beforeFit(Learner learn) {
        tied = List.of();
        learn.initializeModel();
        List<TiedWeights> layers =
                clusterer == null
                        ? WeightClusterer.tieClustered(learn.getModel().getBlock())
                        : clusterer.tie(learn.getModel().getBlock());
        List<String> paths = new ArrayList<>();
        layers.forEach(layer -> paths.add(layer.path()));
        tied = layers;
        layerPaths = List.copyOf(paths);
    }

    /**
     * Sets each centroid to the mean of its members and writes it back to them.
     *
     * @param learn the learner
     */
    @Override
    public void afterStep(Learner learn) {
        for (TiedWeights layer : tied) {
            layer.apply();
        }
    }

    /**
     * Drops the ties, also after a failed fit.
     *
     * @param learn the learner
     */
    @Override
    public void afterFit(Learner learn) {
        tied = List.of();
    }

    /**
     * Describes the callback.
     *
     * @return e.g. {@code ClusterCallback(WeightClusterer(clusters=16, ...))}
     */
    @Override
    public String toString() {
        return "ClusterCallback(" + (clusterer == null ? "ClusteredLayers" : clusterer) + ")";
    }
}
