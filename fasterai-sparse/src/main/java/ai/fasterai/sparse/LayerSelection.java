/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Argument checks and layer resolution shared by {@link RegularizeCallback} and {@link
 * SensitivityAnalyzer}: which layers of a model a granularity applies to, and which criteria can
 * score weights on their own.
 */
final class LayerSelection {

    /** A selected layer: its path, its weight parameter and the axes one group spans. */
    record Layer(String path, Parameter weight, int[] axes) {}

    private LayerSelection() {}

    /**
     * Checks a list of layer types: not null, not empty, no null element.
     *
     * @param layerTypes the types
     * @return an unmodifiable copy
     * @throws IllegalArgumentException naming {@code layerTypes} if the check fails
     */
    static List<Class<? extends Block>> checkTypes(List<Class<? extends Block>> layerTypes) {
        Checks.notNull("layerTypes", layerTypes);
        if (layerTypes.isEmpty()) {
            throw new IllegalArgumentException("layerTypes must name at least one type");
        }
        for (int i = 0; i < layerTypes.size(); i++) {
            Checks.notNull("layerTypes[" + i + "]", layerTypes.get(i));
        }
        return List.copyOf(layerTypes);
    }

    /**
     * Copies varargs layer types into a list, element by element (handing the array on could
     * pollute the heap).
     *
     * @param types the types, or null
     * @return a mutable copy, or null
     */
    static List<Class<? extends Block>> listOf(Class<? extends Block>[] types) {
        if (types == null) {
            return null;
        }
        List<Class<? extends Block>> list = new ArrayList<>(types.length);
        for (Class<? extends Block> type : types) {
            list.add(type);
        }
        return list;
    }

    /**
     * Rejects criteria whose scores need more than the current weights: reference weights,
     * gradients or activation statistics.
     *
     * @param criteria the criteria
     * @param user who asks, for the message (e.g. {@code RegularizeCallback})
     * @return the criteria
     * @throws IllegalArgumentException naming the criteria if it needs more than the weights
     */
    static Criteria checkWeightOnly(Criteria criteria, String user) {
        Checks.notNull("criteria", criteria);
        String needs = null;
        if (criteria.getReference() != Criteria.Reference.NONE) {
            needs = "reference weights (" + criteria.getReference() + ")";
        } else if (criteria.needsGradient()) {
            needs = "gradients";
        } else if (criteria.needsData()) {
            needs = "activation statistics from calibration data";
        }
        if (needs != null) {
            throw new IllegalArgumentException(
                    "criteria "
                            + criteria.getName()
                            + " needs "
                            + needs
                            + "; "
                            + user
                            + " scores the current weights only: use a criteria with"
                            + " Reference.NONE and no gradients or data, e.g. large_final");
        }
        return criteria;
    }

    /**
     * Finds the layers of the given types and the axes of a granularity in each. Works on an
     * uninitialized model (only the block tree and the parameter objects are read).
     *
     * @param model the model's block
     * @param granularity the granularity's name
     * @param layerTypes the layer types, checked
     * @return the layers in model order, at least one
     * @throws IllegalArgumentException if no layer matches {@code layerTypes} (the types are named)
     *     or the granularity is not defined for a selected layer (the allowed ones are listed)
     */
    static List<Layer> resolve(
            Block model, String granularity, List<Class<? extends Block>> layerTypes) {
        Checks.notNull("model", model);
        Checks.notNull("granularity", granularity);
        List<LayerFinder.Found> found = find(model, layerTypes);
        List<Layer> layers = new ArrayList<>();
        for (LayerFinder.Found f : found) {
            int[] axes = Granularities.axes(f.block(), granularity, f.path());
            if (f.weight().isInitialized()) {
                checkRank(
                        f.path(), granularity, axes, f.weight().getArray().getShape().dimension());
            }
            layers.add(new Layer(f.path(), f.weight(), axes));
        }
        return List.copyOf(layers);
    }

    /**
     * Finds the layers of the given types that have a weight.
     *
     * @param model the model's block
     * @param layerTypes the layer types, checked
     * @return the layers in model order, at least one
     * @throws IllegalArgumentException naming the types if no layer matches
     */
    static List<LayerFinder.Found> find(Block model, List<Class<? extends Block>> layerTypes) {
        List<LayerFinder.Found> found = LayerFinder.find(model, layerTypes);
        if (found.isEmpty()) {
            throw new IllegalArgumentException(
                    "layerTypes "
                            + names(layerTypes)
                            + " match no layer with a weight in the model ("
                            + model.getClass().getSimpleName()
                            + ")");
        }
        return found;
    }

    /**
     * Checks that a granularity's axes exist in a weight.
     *
     * @param path the layer's path
     * @param granularity the granularity's name
     * @param axes its axes
     * @param rank the weight's number of dimensions
     * @throws IllegalArgumentException if an axis is beyond the weight's rank
     */
    static void checkRank(String path, String granularity, int[] axes, int rank) {
        for (int axis : axes) {
            if (axis >= rank) {
                throw new IllegalArgumentException(
                        "granularity '"
                                + granularity
                                + "' spans axes "
                                + Arrays.toString(axes)
                                + " but the weight of layer "
                                + path
                                + " has only "
                                + rank
                                + " dimensions");
            }
        }
    }

    private static String names(List<Class<? extends Block>> types) {
        List<String> names = new ArrayList<>();
        for (Class<? extends Block> type : types) {
            names.add(type.getSimpleName());
        }
        return names.toString();
    }
}
