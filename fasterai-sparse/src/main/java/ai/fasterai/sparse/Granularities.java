/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.fasterai.core.util.Checks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The granularities a layer type can be sparsified at, as in fasterai: a name maps to the weight
 * axes that one group spans. A group's weights are zeroed together; its score is the reduction of
 * its weights' scores over those axes.
 *
 * <p>For a {@link Conv2d} weight {@code (out, in, kh, kw)}: {@code weight} (no axis: each weight
 * alone), {@code shared_weight} (out), {@code channel} (in), {@code column} (kh), {@code row} (kw),
 * {@code kernel} (kh, kw), {@code filter} (in, kh, kw), {@code shared_channel} (out, in), {@code
 * shared_column} (out, kh), {@code shared_row} (out, kw), {@code vertical_slice} (in, kh), {@code
 * horizontal_slice} (in, kw), {@code shared_vertical_slice} (out, in, kh), {@code
 * shared_horizontal_slice} (out, in, kw), {@code shared_kernel} (out, kh, kw), {@code layer} (all).
 * For a {@link Linear} weight {@code (out, in)}: {@code weight}, {@code column} (out), {@code row}
 * (in), {@code layer}.
 *
 * <p>Other layer types (or other granularities) are added with {@link #register}. The registry is
 * global and thread-safe.
 */
public final class Granularities {

    /** Each weight alone. */
    public static final String WEIGHT = "weight";

    /** Whole output filters of a convolution. */
    public static final String FILTER = "filter";

    /** Kernels: one {@code (out, in)} pair of a convolution. */
    public static final String KERNEL = "kernel";

    /** The whole layer as one group. */
    public static final String LAYER = "layer";

    private static final Map<Class<? extends Block>, Map<String, int[]>> TABLES =
            new ConcurrentHashMap<>();

    static {
        Map<String, int[]> conv = new LinkedHashMap<>();
        conv.put(WEIGHT, new int[] {});
        conv.put("shared_weight", new int[] {0});
        conv.put("channel", new int[] {1});
        conv.put("column", new int[] {2});
        conv.put("row", new int[] {3});
        conv.put(KERNEL, new int[] {2, 3});
        conv.put(FILTER, new int[] {1, 2, 3});
        conv.put("shared_channel", new int[] {0, 1});
        conv.put("shared_column", new int[] {0, 2});
        conv.put("shared_row", new int[] {0, 3});
        conv.put("vertical_slice", new int[] {1, 2});
        conv.put("horizontal_slice", new int[] {1, 3});
        conv.put("shared_vertical_slice", new int[] {0, 1, 2});
        conv.put("shared_horizontal_slice", new int[] {0, 1, 3});
        conv.put("shared_kernel", new int[] {0, 2, 3});
        conv.put(LAYER, new int[] {0, 1, 2, 3});
        TABLES.put(Conv2d.class, conv);
        Map<String, int[]> linear = new LinkedHashMap<>();
        linear.put(WEIGHT, new int[] {});
        linear.put("column", new int[] {0});
        linear.put("row", new int[] {1});
        linear.put(LAYER, new int[] {0, 1});
        TABLES.put(Linear.class, linear);
    }

    private Granularities() {}

    /**
     * Registers (or replaces) a granularity for a layer type whose {@code weight} parameter it
     * groups, e.g. {@code register(Conv1d.class, "filter", 1, 2)}.
     *
     * @param layerType the layer class; subclasses use its table too unless registered themselves,
     *     and a newly registered subclass starts with a copy of its superclass's table
     * @param name the granularity's name
     * @param axes the weight axes one group spans, each {@code >= 0}, no repeats
     * @throws IllegalArgumentException if an argument is null or an axis is negative or repeated
     */
    public static void register(Class<? extends Block> layerType, String name, int... axes) {
        Checks.notNull("layerType", layerType);
        Checks.notNull("name", name);
        Checks.notNull("axes", axes);
        int[] copy = axes.clone();
        Arrays.sort(copy);
        for (int i = 0; i < copy.length; i++) {
            Checks.atLeast("axes[" + i + "]", copy[i], 0);
            if (i > 0 && copy[i] == copy[i - 1]) {
                throw new IllegalArgumentException(
                        "axes must not repeat an axis, got " + Arrays.toString(axes));
            }
        }
        TABLES.compute(
                layerType,
                (type, table) -> {
                    // A new type starts from its nearest registered superclass's table.
                    Map<String, int[]> base = table == null ? tableOf(type) : table;
                    Map<String, int[]> next =
                            base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base);
                    next.put(name, copy);
                    return next;
                });
    }

    /**
     * Returns the granularities defined for a layer (its class or the nearest registered
     * superclass).
     *
     * @param layer the layer
     * @return the names, in registration order; empty if the type has none
     */
    public static java.util.List<String> allowed(Block layer) {
        Map<String, int[]> table = tableOf(layer.getClass());
        return table == null ? java.util.List.of() : java.util.List.copyOf(table.keySet());
    }

    /**
     * Returns the weight axes one group of a granularity spans in a layer.
     *
     * @param layer the layer
     * @param granularity the granularity's name
     * @param path the layer's path, for the message
     * @return the axes, sorted
     * @throws IllegalArgumentException naming the layer and the allowed granularities if the
     *     granularity is not defined for its type
     */
    static int[] axes(Block layer, String granularity, String path) {
        Map<String, int[]> table = tableOf(layer.getClass());
        if (table == null) {
            throw new IllegalArgumentException(
                    "layer "
                            + path
                            + " ("
                            + layer.getClass().getSimpleName()
                            + ") has no granularities; register some with"
                            + " Granularities.register");
        }
        int[] axes = table.get(granularity);
        if (axes == null) {
            throw new IllegalArgumentException(
                    "granularity '"
                            + granularity
                            + "' is not defined for "
                            + layer.getClass().getSimpleName()
                            + " (layer "
                            + path
                            + "); allowed: "
                            + table.keySet());
        }
        return axes.clone();
    }

    /**
     * Tells whether a layer type has any granularity.
     *
     * @param type the layer class
     * @return true if it or a superclass is registered
     */
    static boolean isRegistered(Class<?> type) {
        return tableOf(type) != null;
    }

    private static Map<String, int[]> tableOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Map<String, int[]> table = TABLES.get(c);
            if (table != null) {
                return table;
            }
        }
        return null;
    }
}
