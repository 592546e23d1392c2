/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.fasterai.core.util.Checks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zeroes the least important groups of weights in chosen layers, as fasterai's {@code Sparsifier}:
 * groups are defined by a {@linkplain Granularities granularity}, ranked by a {@link Criteria}, in
 * a {@link Context} (each layer on its own, or one ranking over all layers), and a mask is kept per
 * layer so that {@link #applyMasks()} can zero them again after every optimizer step.
 *
 * <pre>{@code
 * try (Sparsifier sparsifier = Sparsifier.builder()
 *         .setModel(model.getBlock())
 *         .optGranularity(Granularities.FILTER)
 *         .optContext(Context.GLOBAL)
 *         .optCriteria(Criteria.largeFinal())
 *         .build()) {
 *     sparsifier.sparsifyModel(50);
 *     sparsifier.printSparsity(System.out);
 * }
 * }</pre>
 *
 * <p>Sparsity is in percent, {@code 0..100}, and is exact in whole groups: a layer of {@code n}
 * groups at sparsity {@code s} has {@code round(s / 100 * n)} zeroed groups (globally: that many
 * over all layers). With groups that are whole output channels ({@code filter} of a convolution,
 * {@code row} of a linear layer) the bias of a zeroed channel and the gamma and beta of the
 * BatchNorm right after the layer are zeroed too: a BatchNorm's beta would otherwise keep a
 * "pruned" channel alive.
 *
 * <p>Every check runs before the model is touched: a failed call leaves weights and masks as they
 * were. The sparsifier owns its masks and reference weights; {@link #close()} frees them (the
 * weights keep their zeros). Not thread-safe.
 */
public final class Sparsifier implements AutoCloseable {

    private final Block model;
    private final String granularity;
    private final Context context;
    private final Criteria criteria;
    private final int nmKeep;
    private final int nmGroup;
    private final List<SparseLayer> layers;
    private final Map<String, SparseLayer> byPath;
    private final NDManager manager;
    private ParameterSnapshot saved;
    private boolean calibrated;

    private Sparsifier(Builder builder, List<SparseLayer> layers) {
        this.model = builder.model;
        this.granularity = builder.granularity;
        this.context = builder.context;
        this.criteria = builder.criteria;
        this.nmKeep = builder.nmKeep;
        this.nmGroup = builder.nmGroup;
        this.layers = layers;
        this.byPath = new LinkedHashMap<>();
        for (SparseLayer layer : layers) {
            byPath.put(layer.path, layer);
        }
        this.manager = NDManager.newBaseManager(layers.get(0).weight.getArray().getDevice());
        if (criteria.getReference() != Criteria.Reference.NONE) {
            saveWeights();
        }
    }

    /**
     * Makes a sparsifier with fasterai's arguments and no N:M pattern.
     *
     * @param model the model, initialized
     * @param granularity the granularity, e.g. {@link Granularities#FILTER}
     * @param context local or global
     * @param criteria the importance criteria
     * @param layerTypes the layer types to sparsify; none means {@link Conv2d}
     * @return the sparsifier
     * @throws IllegalArgumentException as {@link Builder#build()}
     */
    @SafeVarargs
    public static Sparsifier of(
            Block model,
            String granularity,
            Context context,
            Criteria criteria,
            Class<? extends Block>... layerTypes) {
        Builder builder =
                builder()
                        .setModel(model)
                        .optGranularity(granularity)
                        .optContext(context)
                        .optCriteria(criteria);
        if (layerTypes == null || layerTypes.length > 0) {
            builder.optLayerTypes(layerTypes);
        }
        return builder.build();
    }

    /**
     * Starts a builder.
     *
     * @return a builder with granularity {@code weight}, local context, {@code large_final} and
     *     {@link Conv2d} layers
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sparsifies every selected layer: each to {@code sparsity} in local context, all together in
     * global context.
     *
     * @param sparsity the sparsity in percent, {@code 0..100}
     * @throws IllegalArgumentException if {@code sparsity} is out of range, or the criteria lacks
     *     gradients or calibration it needs
     */
    public void sparsifyModel(double sparsity) {
        sparsifyModel(sparsity, 0);
    }

    /**
     * Sparsifies every selected layer, keeping in each a multiple of {@code roundTo} groups
     * (fasterai's {@code round_to}: the kept count is rounded up, and is at least {@code roundTo}).
     *
     * @param sparsity the sparsity in percent, {@code 0..100}
     * @param roundTo the multiple of kept groups, {@code >= 1}, or 0 for none
     * @throws IllegalArgumentException if an argument is out of range, or the criteria lacks
     *     gradients or calibration it needs
     */
    public void sparsifyModel(double sparsity, int roundTo) {
        checkSparsity("sparsity", sparsity);
        Map<SparseLayer, Double> targets = new LinkedHashMap<>();
        for (SparseLayer layer : layers) {
            targets.put(layer, sparsity);
        }
        sparsify(targets, roundTo, context == Context.GLOBAL);
    }

    /**
     * Sparsifies layers to their own sparsities (local context only); layers not in the map are
     * left as they are.
     *
     * @param sparsities sparsity in percent per layer path (as {@link #getLayerPaths()})
     * @throws IllegalArgumentException if the context is global, a path is unknown or a sparsity is
     *     out of range
     */
    public void sparsifyModel(Map<String, Double> sparsities) {
        sparsifyModel(sparsities, 0);
    }

    /**
     * Sparsifies layers to their own sparsities with a kept-group multiple.
     *
     * @param sparsities sparsity in percent per layer path
     * @param roundTo the multiple of kept groups, {@code >= 1}, or 0 for none
     * @throws IllegalArgumentException as {@link #sparsifyModel(Map)}, or if {@code roundTo < 0}
     */
    public void sparsifyModel(Map<String, Double> sparsities, int roundTo) {
        Checks.notNull("sparsities", sparsities);
        if (context == Context.GLOBAL) {
            throw new IllegalArgumentException(
                    "a per-layer map of sparsities needs context LOCAL, got GLOBAL (one threshold"
                            + " over all layers cannot honour per-layer targets)");
        }
        Map<SparseLayer, Double> targets = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : sparsities.entrySet()) {
            SparseLayer layer = layer(entry.getKey());
            Checks.notNull("sparsities[" + entry.getKey() + "]", entry.getValue());
            checkSparsity("sparsities[" + entry.getKey() + "]", entry.getValue());
            targets.put(layer, entry.getValue());
        }
        sparsify(targets, roundTo, false);
    }

    /**
     * Sparsifies one layer to a sparsity, on its own (local) whatever the context.
     *
     * @param path the layer's path (as {@link #getLayerPaths()})
     * @param sparsity the sparsity in percent, {@code 0..100}
     * @throws IllegalArgumentException if the path is unknown or the sparsity out of range
     */
    public void sparsifyLayer(String path, double sparsity) {
        sparsifyLayer(path, sparsity, 0);
    }

    /**
     * Sparsifies one layer with a kept-group multiple.
     *
     * @param path the layer's path
     * @param sparsity the sparsity in percent, {@code 0..100}
     * @param roundTo the multiple of kept groups, {@code >= 1}, or 0 for none
     * @throws IllegalArgumentException if an argument is invalid
     */
    public void sparsifyLayer(String path, double sparsity, int roundTo) {
        SparseLayer layer = layer(path);
        checkSparsity("sparsity", sparsity);
        Map<SparseLayer, Double> targets = new LinkedHashMap<>();
        targets.put(layer, sparsity);
        sparsify(targets, roundTo, false);
    }

    /**
     * Multiplies every masked layer's weights (and for output-channel groups its bias and next
     * BatchNorm's gamma and beta) by its masks. Call after each optimizer step, outside a gradient
     * collector; {@link SparsifyCallback} does.
     */
    public void applyMasks() {
        for (SparseLayer layer : layers) {
            layer.applyMask();
        }
    }

    /**
     * Saves a copy of every parameter of the model: the reference of {@code *_init} criteria and
     * the point a lottery-ticket rewind ({@link #resetWeights()}) returns to.
     */
    public void saveWeights() {
        if (saved != null) {
            saved.close();
        }
        saved = ParameterSnapshot.of(model);
        for (SparseLayer layer : layers) {
            if (criteria.getReference() == Criteria.Reference.INITIAL) {
                layer.reference = saved.copyOf(layer.weight);
            } else if (criteria.getReference() == Criteria.Reference.PREVIOUS) {
                SparseLayer.closeQuietly(layer.reference);
                layer.reference = copy(layer.weight.getArray());
            }
        }
    }

    /**
     * Rewinds every parameter to the copy of {@link #saveWeights()} and applies the masks: the
     * lottery ticket's "reset to the early weights, keep the mask".
     *
     * @throws IllegalStateException if no weights were saved
     */
    public void resetWeights() {
        if (saved == null) {
            throw new IllegalStateException(
                    "no weights were saved: call saveWeights() before resetWeights()");
        }
        saved.restore();
        applyMasks();
    }

    /**
     * Keeps a copy of each selected layer's current gradient, for gradient criteria such as {@link
     * Criteria#taylor()}. Call between backward and the optimizer step (which zeroes gradients).
     */
    public void captureGradients() {
        for (SparseLayer layer : layers) {
            NDArray weight = layer.weight.getArray();
            if (!weight.hasGradient()) {
                continue;
            }
            try (NDArray gradient = weight.getGradient()) {
                SparseLayer.closeQuietly(layer.gradient);
                layer.gradient = copy(gradient);
            }
        }
    }

    /**
     * Collects Wanda's per-input-channel activation norms from calibration batches (inference mode,
     * gradients off). The batches' arrays are copied, not consumed.
     *
     * @param batches the model inputs, at least one
     * @throws IllegalArgumentException if {@code batches} is null or empty, or a layer's input
     *     cannot be observed (its path is named)
     */
    public void calibrate(List<NDList> batches) {
        Checks.notNull("batches", batches);
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("batches must hold at least one batch, got none");
        }
        for (SparseLayer layer : layers) {
            if (layer.block instanceof Conv2d && ((Conv2d) layer.block).getGroups() != 1) {
                throw new IllegalArgumentException(
                        "wanda scales weights by input channel and does not support grouped"
                                + " convolutions; layer "
                                + layer.path
                                + " has groups="
                                + ((Conv2d) layer.block).getGroups());
            }
        }
        Map<SparseLayer, NDArray> norms = ActivationStats.collect(model, layers, batches, manager);
        for (SparseLayer layer : layers) {
            SparseLayer.closeQuietly(layer.inputScale);
            layer.inputScale = norms.get(layer);
        }
        calibrated = true;
    }

    /**
     * Returns the paths of the selected layers, in model order.
     *
     * @return e.g. {@code [01Conv2d, 04Conv2d]}
     */
    public List<String> getLayerPaths() {
        return List.copyOf(byPath.keySet());
    }

    /**
     * Returns the current weight mask of a layer.
     *
     * @param path the layer's path
     * @return the mask (1 = kept), owned by the sparsifier; null while the layer was never
     *     sparsified
     * @throws IllegalArgumentException if the path is unknown
     */
    public NDArray getMask(String path) {
        return layer(path).mask;
    }

    /**
     * Measures each selected layer's share of zero weights.
     *
     * @return sparsity in percent per layer path, in model order
     */
    public Map<String, Double> getSparsities() {
        Map<String, Double> result = new LinkedHashMap<>();
        for (SparseLayer layer : layers) {
            NDArray w = layer.weight.getArray();
            long zeros = w.size() - w.countNonzero().getLong();
            result.put(layer.path, 100.0 * zeros / w.size());
        }
        return result;
    }

    /**
     * Reports each selected layer's sparsity as the seed's log does ({@code Sparsity in Conv2d 2:
     * 39.06%}), with the layer's path, then the overall share of zero weights.
     *
     * @return the report, one line per layer and a last line for all of them
     */
    public String report() {
        StringBuilder out = new StringBuilder();
        long zeros = 0;
        long total = 0;
        int index = 0;
        for (SparseLayer layer : layers) {
            NDArray w = layer.weight.getArray();
            long layerZeros = w.size() - w.countNonzero().getLong();
            zeros += layerZeros;
            total += w.size();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Sparsity in %s %d (%s): %.2f%%%n",
                            layer.typeName,
                            ++index,
                            layer.path,
                            100.0 * layerZeros / w.size()));
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "Overall sparsity: %.2f%% (%,d of %,d weights are zero)%n",
                        100.0 * zeros / total,
                        zeros,
                        total));
        return out.toString();
    }

    /**
     * Prints {@link #report()}.
     *
     * @param out where to print, not null
     */
    public void printSparsity(PrintStream out) {
        Checks.notNull("out", out).print(report());
    }

    /**
     * Returns the granularity.
     *
     * @return its name
     */
    public String getGranularity() {
        return granularity;
    }

    /**
     * Returns the context.
     *
     * @return local or global
     */
    public Context getContext() {
        return context;
    }

    /**
     * Returns the criteria.
     *
     * @return the criteria
     */
    public Criteria getCriteria() {
        return criteria;
    }

    /** How many arrays the sparsifier holds now (tests check that it does not grow). */
    int heldArrays() {
        return manager.getManagedArrays().size();
    }

    /** Frees masks, saved weights and statistics; the model keeps its current (zeroed) weights. */
    @Override
    public void close() {
        if (saved != null) {
            saved.close();
        }
        manager.close();
    }

    private SparseLayer layer(String path) {
        Checks.notNull("path", path);
        SparseLayer layer = byPath.get(path);
        if (layer == null) {
            throw new IllegalArgumentException(
                    "no selected layer has path '" + path + "'; the layers are " + byPath.keySet());
        }
        return layer;
    }

    private static void checkSparsity(String name, double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 100)) {
            throw new IllegalArgumentException(
                    name + " must be a percentage in [0, 100], got " + sparsity);
        }
    }

    private void checkCriteriaInputs(Iterable<SparseLayer> targets) {
        for (SparseLayer layer : targets) {
            if (criteria.needsGradient() && layer.gradient == null) {
                throw new IllegalArgumentException(
                        "criteria "
                                + criteria.getName()
                                + " needs gradients, and none was captured for layer "
                                + layer.path
                                + ": call captureGradients() between backward and step"
                                + " (SparsifyCallback does)");
            }
        }
        if (criteria.needsData() && !calibrated) {
            throw new IllegalArgumentException(
                    "criteria "
                            + criteria.getName()
                            + " needs activation statistics: call calibrate(batches) first"
                            + " (SparsifyCallback does, on the training data)");
        }
    }

    private void sparsify(Map<SparseLayer, Double> targets, int roundTo, boolean global) {
        Checks.atLeast("roundTo", roundTo, 0);
        checkCriteriaInputs(targets.keySet());
        Map<SparseLayer, float[]> masks = new LinkedHashMap<>();
        if (nmGroup > 0) {
            for (Map.Entry<SparseLayer, Double> entry : targets.entrySet()) {
                masks.put(entry.getKey(), nmMask(entry.getKey(), entry.getValue() > 0));
            }
        } else {
            Map<SparseLayer, float[]> scores = new LinkedHashMap<>();
            for (SparseLayer layer : targets.keySet()) {
                scores.put(layer, groupScores(layer));
            }
            Map<SparseLayer, boolean[]> zeroed =
                    global
                            ? selectGlobal(scores, targets.values().iterator().next())
                            : selectLocal(scores, targets);
            for (SparseLayer layer : targets.keySet()) {
                float[] layerScores = scores.get(layer);
                boolean[] z = zeroed.get(layer);
                if (roundTo > 0) {
                    long kept = count(z, false);
                    long rounded = GroupSelection.roundKept(kept, roundTo, z.length);
                    if (rounded != kept) {
                        z = GroupSelection.smallest(layerScores, (int) (z.length - rounded));
                    }
                }
                float[] groupMask = new float[z.length];
                for (int i = 0; i < z.length; i++) {
                    groupMask[i] = z[i] ? 0f : 1f;
                }
                masks.put(layer, groupMask);
            }
        }
        for (Map.Entry<SparseLayer, float[]> entry : masks.entrySet()) {
            install(entry.getKey(), entry.getValue());
        }
        for (SparseLayer layer : masks.keySet()) {
            layer.applyMask();
            if (criteria.getReference() == Criteria.Reference.PREVIOUS) {
                SparseLayer.closeQuietly(layer.reference);
                layer.reference = copy(layer.weight.getArray());
            }
        }
    }

    private static Map<SparseLayer, boolean[]> selectLocal(
            Map<SparseLayer, float[]> scores, Map<SparseLayer, Double> targets) {
        Map<SparseLayer, boolean[]> zeroed = new LinkedHashMap<>();
        for (Map.Entry<SparseLayer, float[]> entry : scores.entrySet()) {
            float[] s = entry.getValue();
            int k = GroupSelection.count(targets.get(entry.getKey()), s.length);
            zeroed.put(entry.getKey(), GroupSelection.smallest(s, k));
        }
        return zeroed;
    }

    private static Map<SparseLayer, boolean[]> selectGlobal(
            Map<SparseLayer, float[]> scores, double sparsity) {
        int total = scores.values().stream().mapToInt(s -> s.length).sum();
        float[] all = new float[total];
        int offset = 0;
        for (float[] s : scores.values()) {
            System.arraycopy(s, 0, all, offset, s.length);
            offset += s.length;
        }
        boolean[] zeroedAll = GroupSelection.smallest(all, GroupSelection.count(sparsity, total));
        Map<SparseLayer, boolean[]> zeroed = new LinkedHashMap<>();
        offset = 0;
        for (Map.Entry<SparseLayer, float[]> entry : scores.entrySet()) {
            int n = entry.getValue().length;
            boolean[] z = new boolean[n];
            System.arraycopy(zeroedAll, offset, z, 0, n);
            offset += n;
            zeroed.put(entry.getKey(), z);
        }
        return zeroed;
    }

    private static long count(boolean[] values, boolean value) {
        long n = 0;
        for (boolean v : values) {
            if (v == value) {
                n++;
            }
        }
        return n;
    }

    /** Group scores in the group shape's row-major order, computed in a scope that frees them. */
    private float[] groupScores(SparseLayer layer) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray scores = criteria.groupScores(layer, layer.inputScale, layer.mask, layer.axes);
            return scores.toFloatArray();
        }
    }

    /** N:M: in every run of M weights along the input axis keep the N with the best scores. */
    private float[] nmMask(SparseLayer layer, boolean sparse) {
        Shape shape = layer.weightShape();
        int rank = shape.dimension();
        float[] scores;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray s = criteria.groupScores(layer, layer.inputScale, null, new int[0]);
            scores = s.transpose(inputLastOrder(rank)).toFloatArray();
        }
        float[] mask = new float[scores.length];
        java.util.Arrays.fill(mask, 1f);
        if (sparse) {
            float[] run = new float[nmGroup];
            for (int start = 0; start < scores.length; start += nmGroup) {
                System.arraycopy(scores, start, run, 0, nmGroup);
                boolean[] zeroed = GroupSelection.smallest(run, nmGroup - nmKeep);
                for (int j = 0; j < nmGroup; j++) {
                    if (zeroed[j]) {
                        mask[start + j] = 0f;
                    }
                }
            }
        }
        // Back to the weight's layout.
        try (NDManager scratch = manager.newSubManager()) {
            long[] dims = shape.getShape().clone();
            long[] moved = new long[rank];
            int[] order = inputLastOrder(rank);
            for (int i = 0; i < rank; i++) {
                moved[i] = dims[order[i]];
            }
            int[] inverse = new int[rank];
            for (int i = 0; i < rank; i++) {
                inverse[order[i]] = i;
            }
            return scratch.create(mask, new Shape(moved)).transpose(inverse).toFloatArray();
        }
    }

    private static int[] inputLastOrder(int rank) {
        int[] order = new int[rank];
        order[0] = 0;
        for (int i = 2; i < rank; i++) {
            order[i - 1] = i;
        }
        order[rank - 1] = 1;
        return order;
    }

    /** Replaces a layer's masks by new ones made from a group mask. */
    private void install(SparseLayer layer, float[] groupMask) {
        boolean perWeight = groupMask.length == layer.weightShape().size();
        Shape groupShape = perWeight ? layer.weightShape() : layer.groupShape();
        NDArray group = manager.create(groupMask, groupShape);
        // One weight per group: the group mask is the mask, no broadcast copy needed.
        NDArray mask = perWeight ? group : manager.ones(layer.weightShape()).muli(group);
        NDArray channel = null;
        if (!perWeight && layer.groupsAreOutputChannels()) {
            channel = group.reshape(groupShape.get(0));
        } else if (!perWeight) {
            group.close();
        }
        SparseLayer.closeQuietly(layer.mask);
        SparseLayer.closeQuietly(layer.channelMask);
        layer.mask = mask;
        layer.channelMask = channel;
    }

    private NDArray copy(NDArray array) {
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** Builds a {@link Sparsifier}; {@link #setModel} is required. */
    public static final class Builder {

        private Block model;
        private String granularity = Granularities.WEIGHT;
        private Context context = Context.LOCAL;
        private Criteria criteria = Criteria.largeFinal();
        private List<Class<? extends Block>> layerTypes = List.of(Conv2d.class);
        private int nmKeep;
        private int nmGroup;

        private Builder() {}

        /**
         * Sets the model to sparsify (required).
         *
         * @param model the model's block, initialized
         * @return this builder
         */
        public Builder setModel(Block model) {
            this.model = model;
            return this;
        }

        /**
         * Sets the model to sparsify from a DJL model.
         *
         * @param model the model, whose block is initialized
         * @return this builder
         */
        public Builder setModel(Model model) {
            this.model = model == null ? null : model.getBlock();
            return this;
        }

        /**
         * Sets the granularity (default {@code weight}).
         *
         * @param granularity a name from {@link Granularities}
         * @return this builder
         */
        public Builder optGranularity(String granularity) {
            this.granularity = granularity;
            return this;
        }

        /**
         * Sets the context (default local).
         *
         * @param context local or global
         * @return this builder
         */
        public Builder optContext(Context context) {
            this.context = context;
            return this;
        }

        /**
         * Sets the criteria (default {@link Criteria#largeFinal()}).
         *
         * @param criteria the criteria
         * @return this builder
         */
        public Builder optCriteria(Criteria criteria) {
            this.criteria = criteria;
            return this;
        }

        /**
         * Sets the layer types to sparsify (default {@link Conv2d}); subclasses match too.
         *
         * @param layerTypes the types, at least one
         * @return this builder
         */
        @SafeVarargs
        public final Builder optLayerTypes(Class<? extends Block>... layerTypes) {
            this.layerTypes = LayerSelection.listOf(layerTypes);
            return this;
        }

        /**
         * Uses N:M semi-structured sparsity: in every run of {@code m} consecutive weights along
         * the input axis only the {@code n} most important stay. Needs granularity {@code weight};
         * any positive sparsity then gives the pattern (sparsity {@code (m - n) / m}).
         *
         * @param n the weights kept per run, {@code 1 <= n < m}
         * @param m the run length, {@code >= 2}
         * @return this builder
         */
        public Builder optNM(int n, int m) {
            this.nmKeep = n;
            this.nmGroup = m;
            return this;
        }

        /**
         * Uses 2:4 semi-structured sparsity, as {@code optNM(2, 4)}.
         *
         * @return this builder
         */
        public Builder optSemiStructured() {
            return optNM(2, 4);
        }

        /**
         * Checks everything and builds the sparsifier.
         *
         * @return the sparsifier
         * @throws IllegalArgumentException if an argument is null, no layer matches {@code
         *     layerTypes}, the granularity is not defined for a selected layer (the allowed ones
         *     are listed), or N:M does not fit a layer
         * @throws IllegalStateException if the model is not initialized
         */
        public Sparsifier build() {
            Checks.notNull("model", model);
            Checks.notNull("granularity", granularity);
            Checks.notNull("context", context);
            Checks.notNull("criteria", criteria);
            List<Class<? extends Block>> types = LayerSelection.checkTypes(layerTypes);
            if (nmGroup != 0 || nmKeep != 0) {
                Checks.atLeast("m", nmGroup, 2);
                if (nmKeep < 1 || nmKeep >= nmGroup) {
                    throw new IllegalArgumentException(
                            "n must be in [1, m - 1] = [1, " + (nmGroup - 1) + "], got " + nmKeep);
                }
                if (!granularity.equals(Granularities.WEIGHT)) {
                    throw new IllegalArgumentException(
                            "N:M sparsity needs granularity 'weight', got '" + granularity + "'");
                }
            }
            List<LayerFinder.Found> found = LayerSelection.find(model, types);
            List<SparseLayer> layers = new ArrayList<>();
            for (LayerFinder.Found f : found) {
                if (!f.weight().isInitialized()) {
                    throw new IllegalStateException(
                            "the model must be initialized: layer " + f.path() + " has no weights");
                }
                int[] axes = Granularities.axes(f.block(), granularity, f.path());
                LayerSelection.checkRank(
                        f.path(), granularity, axes, f.weight().getArray().getShape().dimension());
                SparseLayer layer =
                        new SparseLayer(
                                f.path(),
                                f.block(),
                                f.weight(),
                                f.bias(),
                                f.next(),
                                f.parent(),
                                f.index(),
                                axes);
                if (nmGroup > 0) {
                    long in = layer.weightShape().get(1);
                    if (in % nmGroup != 0) {
                        throw new IllegalArgumentException(
                                "N:M with M="
                                        + nmGroup
                                        + " needs the input axis of every layer to be a multiple"
                                        + " of M; layer "
                                        + f.path()
                                        + " has "
                                        + in
                                        + " (weight "
                                        + layer.weightShape()
                                        + ")");
                    }
                }
                layers.add(layer);
            }
            return new Sparsifier(this, Collections.unmodifiableList(layers));
        }
    }
}
