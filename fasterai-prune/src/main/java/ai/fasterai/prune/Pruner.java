/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.BlockSurgery;
import ai.fasterai.core.util.Checks;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Physically removes channels: the pruned layers are rebuilt smaller with sliced weights, so the
 * network really has fewer parameters and MACs. Channels coupled by the network's structure
 * (residual adds, depthwise convolutions, concatenations, flattening into a Linear) are removed
 * together, as a {@link DependencyGraph} finds them.
 *
 * <p>Two ways to choose what goes:
 *
 * <ul>
 *   <li>{@link #pruneZeroGroups()}: every channel whose filters, biases and BatchNorm scale and
 *       shift are all zero, as {@code SparsifyCallback} with filter granularity leaves them. This
 *       is lossless: the pruned model gives the masked model's outputs.
 *   <li>{@link #prune(double)}: the lowest-scored channels by a fasterai-sparse {@link Criteria}
 *       (scored over every filter of a coupled channel), {@link Context#LOCAL} (the ratio in each
 *       group) or {@link Context#GLOBAL} (ranked over all groups).
 * </ul>
 *
 * <p>Ratios are percentages (as fasterai's {@code pruning_ratio}) of each group's size when the
 * pruner was built, so {@code prune(30)} then {@code prune(50)} ends with half of the channels. The
 * network's input and output channels are never removed (the classifier keeps its classes), nor is
 * the last channel of a group. Every check runs before the model is touched, and a step that fails
 * leaves the model as it was.
 *
 * <pre>{@code
 * Pruner pruner = Pruner.builder()
 *         .setModel(model)
 *         .optContext(Context.GLOBAL)
 *         .optCriteria(Criteria.largeFinal())
 *         .build();
 * System.out.println(pruner.prune(50));
 * }</pre>
 *
 * <p>The replaced layers' old arrays stay in the model's manager until it is closed; {@link
 * PruneCallback} frees them during training.
 */
public final class Pruner {

    private final Block block;
    private final Shape inputShape;
    private final Context context;
    private final Criteria criteria;
    private final List<String> ignored;
    private final Map<String, Double> layerRatios;
    private final double maxRatio;
    private final int roundTo;
    private final Map<String, Integer> originalSizes = new HashMap<>();
    // The graph of the model as this pruner last left it: the structure only changes when a step
    // removes channels (weights may change, but the graph reads them live from the layers).
    private DependencyGraph graph;
    private final List<Block> retired = new ArrayList<>();

    private Pruner(Builder builder, DependencyGraph graph) {
        this.block = builder.block;
        this.inputShape = builder.inputShape;
        this.context = builder.context;
        this.criteria = builder.criteria;
        this.ignored = builder.ignored;
        this.layerRatios = builder.layerRatios;
        this.maxRatio = builder.maxRatio;
        this.roundTo = builder.roundTo;
        for (ChannelGroup group : graph.getGroups()) {
            originalSizes.put(group.key(), group.size());
        }
        this.graph = graph;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the model's dependency graph, analyzed when the pruner was built and again after each
     * step that removed channels. Layers replaced by other code in between are not seen.
     *
     * @return its dependency graph
     */
    public DependencyGraph getGraph() {
        if (graph == null) {
            graph = DependencyGraph.of(block, inputShape);
        }
        return graph;
    }

    /**
     * Removes every prunable channel whose producing filters, biases and BatchNorm scale and shift
     * are all exactly zero; lossless. A group keeps at least one channel (rounded up to {@code
     * roundTo}), zero or not. Channels that pass a block that does not map zero to zero (a sigmoid)
     * are kept, since removing them would change the output.
     *
     * @return what was removed
     */
    public PruneReport pruneZeroGroups() {
        DependencyGraph graph = getGraph();
        List<ChannelGroup> groups = prunable(graph);
        Set<Integer> zero = zeroRoots(graph);
        Set<Integer> removed = new HashSet<>();
        for (ChannelGroup group : groups) {
            List<Integer> candidates = new ArrayList<>();
            for (int root : group.roots) {
                if (zero.contains(root) && !graph.atoms().isZeroUnsafe(root)) {
                    candidates.add(root);
                }
            }
            int kept =
                    ChannelSelection.roundUp(
                            Math.max(1, group.size() - candidates.size()), roundTo);
            int count = Math.max(0, group.size() - kept);
            removed.addAll(candidates.subList(0, Math.min(count, candidates.size())));
        }
        return apply(graph, groups, removed);
    }

    /**
     * Prunes to a ratio of channels removed, counted from the sizes when the pruner was built.
     * Layers given their own ratio ({@link Builder#optLayerRatios}) use it in their group, as in
     * the local context.
     *
     * @param ratio the percentage of channels to have removed, in [0, 100)
     * @return what was removed in this step
     * @throws IllegalArgumentException if the ratio is out of range, every group is ignored, or a
     *     per-layer ratio would leave a group with no channel
     */
    public PruneReport prune(double ratio) {
        return prune(ratio, 1.0);
    }

    /**
     * Prunes to a ratio, with the per-layer ratios scaled by {@code layerScale} (the schedule's
     * progress, for {@link PruneCallback}).
     */
    PruneReport prune(double ratio, double layerScale) {
        checkRatio("ratio", ratio);
        DependencyGraph graph = getGraph();
        List<ChannelGroup> groups = prunable(graph);
        double[][] scores = ChannelScores.of(graph, groups, criteria);
        Set<Integer> removed = new HashSet<>();
        List<Integer> global = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            ChannelGroup group = groups.get(g);
            Double own = ownRatio(group);
            if (own == null && context == Context.GLOBAL) {
                global.add(g);
                continue;
            }
            double r = own == null ? ratio : own * layerScale;
            int original = original(group);
            int kept = ChannelSelection.kept(original, group.size(), r, maxRatio, roundTo);
            for (int i : ChannelSelection.lowest(scores[g], group.size() - kept)) {
                removed.add(group.roots[i]);
            }
        }
        removed.addAll(selectGlobal(groups, scores, global, ratio));
        return apply(graph, groups, removed);
    }

    /** Ranks the channels of the global groups together, within each group's allowance. */
    private Set<Integer> selectGlobal(
            List<ChannelGroup> groups, double[][] scores, List<Integer> global, double ratio) {
        Set<Integer> removed = new HashSet<>();
        if (global.isEmpty()) {
            return removed;
        }
        int originalTotal = 0;
        int currentTotal = 0;
        List<double[]> candidates = new ArrayList<>();
        for (int g : global) {
            ChannelGroup group = groups.get(g);
            originalTotal += original(group);
            currentTotal += group.size();
            for (int i = 0; i < group.size(); i++) {
                candidates.add(new double[] {scores[g][i], g, i});
            }
        }
        int need = (int) Math.round(ratio / 100 * originalTotal) - (originalTotal - currentTotal);
        candidates.sort(
                (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        Map<Integer, List<Integer>> picked = new LinkedHashMap<>();
        Map<Integer, Integer> allowance = new HashMap<>();
        for (int g : global) {
            ChannelGroup group = groups.get(g);
            int original = original(group);
            int already = original - group.size();
            allowance.put(g, ChannelSelection.maxRemovable(original, maxRatio) - already);
            picked.put(g, new ArrayList<>());
        }
        for (double[] c : candidates) {
            if (need <= 0) {
                break;
            }
            int g = (int) c[1];
            if (picked.get(g).size() < allowance.get(g)) {
                picked.get(g).add((int) c[2]);
                need--;
            }
        }
        for (Map.Entry<Integer, List<Integer>> entry : picked.entrySet()) {
            ChannelGroup group = groups.get(entry.getKey());
            List<Integer> chosen = entry.getValue();
            // Picked in ascending score order: rounding the kept count up drops the best ones.
            int kept = ChannelSelection.roundUp(group.size() - chosen.size(), roundTo);
            int count = Math.max(0, Math.min(chosen.size(), group.size() - kept));
            for (int i : chosen.subList(0, count)) {
                removed.add(group.roots[i]);
            }
        }
        return removed;
    }

    /** Rebuilds every layer that loses rows or columns, then swaps them in all at once. */
    private PruneReport apply(
            DependencyGraph graph, List<ChannelGroup> groups, Set<Integer> removed) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (ChannelGroup group : groups) {
            int gone = 0;
            for (int root : group.roots) {
                gone += removed.contains(root) ? 1 : 0;
            }
            counts.put(group.key(), new int[] {group.size(), group.size() - gone});
        }
        if (removed.isEmpty()) {
            return new PruneReport(counts);
        }
        Atoms atoms = graph.atoms();
        List<LayerUse> changed = new ArrayList<>();
        List<Block> rebuilt = new ArrayList<>();
        for (LayerUse layer : graph.layers()) {
            int[] keepOut = kept(atoms, layer.outAtoms, removed);
            int[] keepIn = layer.inAtoms == null ? null : kept(atoms, layer.inAtoms, removed);
            boolean sameIn = keepIn == null || keepIn.length == layer.inAtoms.length;
            if (keepOut.length == layer.outAtoms.length && sameIn) {
                continue;
            }
            if (layer.parent == null) {
                throw new IllegalStateException("cannot replace the root block " + layer.path);
            }
            changed.add(layer);
            rebuilt.add(LayerRebuilder.rebuild(layer, keepOut, keepIn));
        }
        Shape[] before = block.getOutputShapes(new Shape[] {inputShape});
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            for (int i = 0; i < changed.size(); i++) {
                LayerUse layer = changed.get(i);
                undo.push(BlockSurgery.replaceChild(layer.parent, layer.index, rebuilt.get(i)));
            }
            // Re-initializing refreshes every container's recorded input shapes; all parameters
            // are set, so nothing is re-drawn.
            NDArray any = block.getParameters().valueAt(0).getArray();
            block.initialize(any.getManager(), any.getDataType(), inputShape);
            Shape[] after = block.getOutputShapes(new Shape[] {inputShape});
            if (!Arrays.equals(before, after)) {
                throw new IllegalStateException(
                        "pruning changed the output shape from "
                                + Arrays.toString(before)
                                + " to "
                                + Arrays.toString(after));
            }
        } catch (RuntimeException e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            NDArray any = block.getParameters().valueAt(0).getArray();
            block.initialize(any.getManager(), any.getDataType(), inputShape);
            throw e;
        }
        for (LayerUse layer : changed) {
            retired.add(layer.block);
        }
        this.graph = null; // the structure changed: analyze again at the next use
        return new PruneReport(counts);
    }

    private static int[] kept(Atoms atoms, int[] positions, Set<Integer> removed) {
        return java.util.stream.IntStream.range(0, positions.length)
                .filter(i -> !removed.contains(atoms.find(positions[i])))
                .toArray();
    }

    /** Roots of classes whose producing rows (weights, biases, BN scale and shift) are zero. */
    private static Set<Integer> zeroRoots(DependencyGraph graph) {
        Atoms atoms = graph.atoms();
        Set<Integer> nonZero = new HashSet<>();
        Set<Integer> all = new HashSet<>();
        for (LayerUse layer : graph.layers()) {
            for (Pair<String, Parameter> pair : layer.block.getDirectParameters()) {
                String name = pair.getKey();
                if (name.equals("runningMean") || name.equals("runningVar")) {
                    continue;
                }
                float[] rowMax;
                try (NDScope scope = new NDScope()) {
                    NDArray array = pair.getValue().getArray();
                    rowMax =
                            array.abs()
                                    .reshape(array.getShape().get(0), -1)
                                    .max(new int[] {1})
                                    .toFloatArray();
                }
                for (int j = 0; j < rowMax.length; j++) {
                    int root = atoms.find(layer.outAtoms[j]);
                    all.add(root);
                    if (rowMax[j] != 0f) {
                        nonZero.add(root);
                    }
                }
            }
        }
        all.removeAll(nonZero);
        return all;
    }

    private List<ChannelGroup> prunable(DependencyGraph graph) {
        List<ChannelGroup> groups = new ArrayList<>();
        for (ChannelGroup group : graph.getGroups()) {
            if (group.getLayers().stream().noneMatch(this::isIgnored)) {
                groups.add(group);
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(
                    graph.getGroups().isEmpty()
                            ? "the model has no prunable channels: " + graph.getPinReasons()
                            : "every prunable layer is ignored (ignoredLayers="
                                    + ignored
                                    + "); groups: "
                                    + graph.getGroups());
        }
        return groups;
    }

    private boolean isIgnored(String path) {
        for (String prefix : ignored) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private Double ownRatio(ChannelGroup group) {
        for (String path : group.getLayers()) {
            Double r = layerRatios.get(path);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private int original(ChannelGroup group) {
        return originalSizes.getOrDefault(group.key(), group.size());
    }

    /** The blocks replaced so far, whose arrays the caller may close once nothing uses them. */
    List<Block> retired() {
        return retired;
    }

    static void checkRatio(String name, double ratio) {
        if (!(ratio >= 0 && ratio < 100)) {
            throw new IllegalArgumentException(
                    name
                            + " must be a percentage in [0, 100) (fasterai's pruning_ratio: 50"
                            + " removes half of the channels), got "
                            + ratio);
        }
    }

    static void checkRoundTo(int roundTo) {
        Checks.atLeast("roundTo", roundTo, 1);
    }

    static void checkMaxRatio(double maxRatio) {
        if (!(maxRatio > 0 && maxRatio <= 100)) {
            throw new IllegalArgumentException(
                    "maxRatio must be a percentage in (0, 100], got " + maxRatio);
        }
    }

    /** Builds a {@link Pruner}; {@link #setModel} is required. */
    public static final class Builder {

        private Block block;
        private Shape inputShape;
        private Context context = Context.LOCAL;
        private Criteria criteria = Criteria.largeFinal();
        private List<String> ignored = List.of();
        private Map<String, Double> layerRatios = Map.of();
        private double maxRatio = 100;
        private int roundTo = 1;

        Builder() {}

        /**
         * Sets the network to prune (required), initialized.
         *
         * @param block the network
         * @return this builder
         */
        public Builder setModel(Block block) {
            this.block = block;
            return this;
        }

        /**
         * Sets the model whose block to prune (required).
         *
         * @param model the model
         * @return this builder
         */
        public Builder setModel(Model model) {
            Checks.notNull("model", model);
            this.block = model.getBlock();
            return this;
        }

        /**
         * Sets the input shape the network is traced with (default: the shape it was initialized
         * with).
         *
         * @param inputShape the shape, batch included
         * @return this builder
         */
        public Builder optInputShape(Shape inputShape) {
            this.inputShape = inputShape;
            return this;
        }

        /**
         * Sets whether ratios apply per group ({@link Context#LOCAL}, default) or over all groups
         * ({@link Context#GLOBAL}).
         *
         * @param context the context
         * @return this builder
         */
        public Builder optContext(Context context) {
            this.context = context;
            return this;
        }

        /**
         * Sets how channels are scored (default {@link Criteria#largeFinal()}). Criteria must read
         * the current weights only (no reference weights, gradients or data).
         *
         * @param criteria the criteria
         * @return this builder
         */
        public Builder optCriteria(Criteria criteria) {
            this.criteria = criteria;
            return this;
        }

        /**
         * Sets layers (or containers, by path prefix) whose output channels are never pruned.
         *
         * @param paths the paths, as in {@code DependencyGraph} groups
         * @return this builder
         */
        public Builder optIgnoredLayers(String... paths) {
            this.ignored = paths == null ? null : Arrays.asList(paths);
            return this;
        }

        /**
         * Sets ratios (percent) for the groups of some layers, overriding the ratio and context of
         * {@link Pruner#prune}.
         *
         * @param ratios producing layer path to percentage in [0, 100)
         * @return this builder
         */
        public Builder optLayerRatios(Map<String, Double> ratios) {
            this.layerRatios = ratios;
            return this;
        }

        /**
         * Sets the largest percentage of a group's channels that may be removed (default 100, which
         * still keeps one channel).
         *
         * @param maxRatio a percentage in (0, 100]
         * @return this builder
         */
        public Builder optMaxRatio(double maxRatio) {
            this.maxRatio = maxRatio;
            return this;
        }

        /**
         * Sets a multiple every pruned group's channel count is rounded up to (default 1).
         *
         * @param roundTo a positive count, e.g. 8 for SIMD-friendly widths
         * @return this builder
         */
        public Builder optRoundTo(int roundTo) {
            this.roundTo = roundTo;
            return this;
        }

        /**
         * Checks the settings and analyzes the model once.
         *
         * @return the pruner
         * @throws IllegalArgumentException if a setting is invalid (the message names it), a block
         *     cannot be analyzed, or a named layer produces no prunable channels
         */
        public Pruner build() {
            Checks.notNull("model", block);
            Checks.notNull("context", context);
            Checks.notNull("criteria", criteria);
            Checks.notNull("ignoredLayers", ignored);
            Checks.notNull("layerRatios", layerRatios);
            checkRoundTo(roundTo);
            checkMaxRatio(maxRatio);
            if (criteria.getReference() != Criteria.Reference.NONE
                    || criteria.needsGradient()
                    || criteria.needsData()) {
                throw new IllegalArgumentException(
                        "criteria "
                                + criteria
                                + " needs reference weights, gradients or data; pruning scores"
                                + " the current weights only: use random, large_final,"
                                + " squared_final, small_final or Criteria.of(name,"
                                + " Reference.NONE, fn)");
            }
            if (!block.isInitialized()) {
                throw new IllegalArgumentException(
                        "model must be initialized (fit it, load it or call initialize) before"
                                + " it is pruned");
            }
            Shape initialized = block.describeInput().get(0).getValue();
            if (inputShape == null) {
                // One sample is enough to trace; the probes then run on small arrays.
                long[] dims = initialized.getShape().clone();
                dims[0] = 1;
                inputShape = new Shape(dims);
            } else if (!sameSample(inputShape, initialized)) {
                throw new IllegalArgumentException(
                        "inputShape "
                                + inputShape
                                + " does not match the shape the model was initialized with, "
                                + initialized
                                + ", except for the batch size; a wrong shape would slice wrong"
                                + " features");
            }
            DependencyGraph graph = DependencyGraph.of(block, inputShape);
            checkPaths(graph);
            Pruner pruner = new Pruner(this, graph);
            pruner.prunable(graph); // fails now, not at the first step, if everything is ignored
            return pruner;
        }

        private static boolean sameSample(Shape a, Shape b) {
            return a.dimension() == b.dimension()
                    && a.slice(1).equals(b.slice(1))
                    && a.dimension() > 0;
        }

        private void checkPaths(DependencyGraph graph) {
            Set<String> producers = new TreeSet<>();
            graph.getGroups().forEach(g -> producers.addAll(g.getLayers()));
            Set<String> paths = new TreeSet<>();
            collectPaths("", block, paths);
            for (String path : ignored) {
                Checks.notNull("ignoredLayers entry", path);
                if (!paths.contains(path)) {
                    throw new IllegalArgumentException(
                            "ignoredLayers names '"
                                    + path
                                    + "', which is no block of the model; prunable layers: "
                                    + producers);
                }
            }
            for (Map.Entry<String, Double> entry : layerRatios.entrySet()) {
                String path = entry.getKey();
                if (!producers.contains(path)) {
                    throw new IllegalArgumentException(
                            "layerRatios names '"
                                    + path
                                    + "', which produces no prunable channels; prunable layers: "
                                    + producers);
                }
                if (entry.getValue() == null) {
                    throw new IllegalArgumentException(
                            "layerRatios[" + path + "] is null; give a percentage in [0, 100)");
                }
                checkRatio("layerRatios[" + path + "]", entry.getValue());
            }
            for (ChannelGroup group : graph.getGroups()) {
                List<Double> ratios = new ArrayList<>();
                for (String layer : group.getLayers()) {
                    Double r = layerRatios.get(layer);
                    if (r != null && !ratios.contains(r)) {
                        ratios.add(r);
                    }
                }
                if (ratios.size() > 1) {
                    throw new IllegalArgumentException(
                            "layerRatios gives different ratios "
                                    + ratios
                                    + " to coupled layers "
                                    + group.getLayers()
                                    + "; they are pruned together, give them one ratio");
                }
                if (!ratios.isEmpty()
                        && Math.round(ratios.get(0) / 100 * group.size()) >= group.size()) {
                    throw new IllegalArgumentException(
                            "layerRatios gives "
                                    + ratios.get(0)
                                    + "% to the group of "
                                    + group.getLayers()
                                    + ", which would leave none of its "
                                    + group.size()
                                    + " channels; use a smaller ratio");
                }
            }
        }

        private static void collectPaths(String path, Block block, Set<String> out) {
            for (Pair<String, Block> child : block.getChildren()) {
                String childPath = GraphTracer.child(path, child.getKey());
                out.add(childPath);
                collectPaths(childPath, child.getValue(), out);
            }
        }
    }
}
