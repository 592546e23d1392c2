/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * The group-lasso term {@code sum over layers, sum over groups g of ||s(w)_g||_2}, where {@code s}
 * is a criteria's per-weight score function and the groups are a granularity's. With no group axes
 * (granularity {@code weight}) each group is one weight and the term is {@code sum |s(w)|}, the L1
 * norm.
 *
 * <p>The norm is PyTorch's vector norm, whose gradient at an all-zero group is 0 (not NaN), so
 * groups a sparsifier zeroed do not poison the backward pass.
 */
final class GroupLasso {

    private final Criteria criteria;
    private final Criteria.ScoreFunction function;

    /**
     * Makes the term for a criteria that scores the current weights only.
     *
     * @param criteria the criteria, checked by {@link LayerSelection#checkWeightOnly}
     */
    GroupLasso(Criteria criteria) {
        this.criteria = criteria;
        this.function = criteria.getScoreFunction();
    }

    /**
     * Computes the term from the layers' current weights. Every array it makes belongs to the
     * weights' manager: call it inside an {@code NDScope} and keep only the result. Inside a
     * gradient collector the result is differentiable with respect to the weights.
     *
     * @param layers the selected layers, initialized
     * @param granularity the granularity's name, for messages
     * @return a scalar
     * @throws IllegalStateException if a layer is not initialized or the criteria returns scores of
     *     another shape than the weight's
     * @throws IllegalArgumentException if a group axis is beyond a weight's rank
     */
    NDArray penalty(List<LayerSelection.Layer> layers, String granularity) {
        NDArray total = null;
        for (LayerSelection.Layer layer : layers) {
            if (!layer.weight().isInitialized()) {
                throw new IllegalStateException(
                        "the model must be initialized: layer " + layer.path() + " has no weights");
            }
            NDArray weight = layer.weight().getArray();
            LayerSelection.checkRank(
                    layer.path(), granularity, layer.axes(), weight.getShape().dimension());
            NDArray scores = function.score(new WeightOnly(layer.path(), weight, criteria));
            if (scores == null || !scores.getShape().equals(weight.getShape())) {
                throw new IllegalStateException(
                        "criteria "
                                + criteria.getName()
                                + " returned scores of shape "
                                + (scores == null ? null : scores.getShape())
                                + " for layer "
                                + layer.path()
                                + " whose weight has shape "
                                + weight.getShape());
            }
            NDArray term =
                    layer.axes().length == 0 ? scores.abs().sum() : scores.norm(layer.axes()).sum();
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** What a score function sees: the current weight only. */
    private record WeightOnly(String path, NDArray weight, Criteria criteria)
            implements LayerWeights {

        @Override
        public NDArray getWeight() {
            return weight;
        }

        @Override
        public NDArray getReference() {
            throw new IllegalStateException(
                    "criteria " + criteria.getName() + " has no reference weights here");
        }

        @Override
        public NDArray getGradient() {
            throw new IllegalStateException(
                    "criteria " + criteria.getName() + " has no gradients here");
        }

        @Override
        public String getPath() {
            return path;
        }
    }
}
