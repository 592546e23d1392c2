/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.fasterai.core.nn.BlockSurgery;
import ai.fasterai.core.nn.LayerPaths;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weight sharing, as TensorFlow Model Optimization's {@code cluster_weights} and Deep Compression
 * (Han et al., 2016): the weights of each selected layer are grouped into {@code n} clusters by 1-D
 * k-means and each weight is replaced by its cluster's centroid, so a layer holds at most {@code n}
 * distinct values. Stored as a codebook of {@code n} floats plus {@code ceil(log2 n)} bits per
 * weight, a float32 layer shrinks by about {@code 32 / log2 n} (8x for 16 clusters).
 *
 * <pre>{@code
 * WeightClusterer clusterer = WeightClusterer.builder().setClusters(16).build();
 * ClusterResult result = clusterer.cluster(model);
 * try (Model clustered = result.getModel()) {
 *     learn(clustered).fit(2, 1e-4, new ClusterCallback()); // optional fine-tuning
 *     ModelFile.save(clustered, Path.of("clustered.fai"));  // codebooks + packed indices
 * }
 * }</pre>
 *
 * <p>Per layer, the centroids start {@link ClusterInit#LINEAR linearly} spaced between the smallest
 * and the largest weight (TFMOT's default) or by seeded {@link ClusterInit#KMEANS_PLUS_PLUS
 * k-means++}; Lloyd's iterations then run until no assignment changes or {@link
 * Builder#optIterations(int)} updates were made. Biases are not clustered. A layer with at most
 * {@code n} distinct weight values keeps them (they are its codebook) and is reported in {@link
 * ClusterResult#getKept()}.
 *
 * <p>The result is a copy in which each clustered layer is wrapped in a {@link ClusteredLayer}: it
 * computes and trains like the layer, and {@code ModelFile} saves it compactly. The input network
 * is unchanged. By default every {@link Linear} and {@link Conv2d} is clustered (including layers
 * already wrapped, which are clustered again with this clusterer's settings).
 */
public final class WeightClusterer {

    /** The fewest clusters: one would erase the layer. */
    public static final int MIN_CLUSTERS = 2;

    /** The most clusters: indices are at most 16 bits. */
    public static final int MAX_CLUSTERS = 1 << PackedIndices.MAX_BITS;

    private static final int DEFAULT_ITERATIONS = 20;

    private final int clusters;
    private final ClusterInit init;
    private final List<String> layers;
    private final List<String> exclude;
    private final int iterations;
    private final long seed;

    private WeightClusterer(Builder builder) {
        clusters = builder.clusters;
        init = builder.init;
        layers = builder.layers == null ? null : List.copyOf(builder.layers);
        exclude = List.copyOf(builder.exclude);
        iterations = builder.iterations;
        seed = builder.seed;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with linear initialization, 20 iterations, seed 0, every Linear and Conv2d;
     *     the number of clusters must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Clusters a model's weights into a new model.
     *
     * @param model the model, its block initialized
     * @return the result; {@link ClusterResult#getModel()} is a new model named {@code
     *     <name>-clustered} that the caller closes
     * @throws IllegalArgumentException if the model or its block is missing or not initialized, a
     *     layer path does not fit it, or the network cannot be copied; the model is unchanged
     */
    public ClusterResult cluster(Model model) {
        return NewModel.of(
                model,
                "-clustered",
                "cluster",
                this::cluster,
                ClusterResult::getBlock,
                ClusterResult::withModel);
    }

    /**
     * Clusters a network's weights into a copy.
     *
     * @param block the network, initialized
     * @param manager owns the copy's parameters
     * @return the clustered copy and what was done per layer
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, a
     *     layer path does not fit it, or the network cannot be copied; the block is unchanged
     */
    public ClusterResult cluster(Block block, NDManager manager) {
        Checks.notNull("block", block);
        Checks.notNull("manager", manager);
        requireInitialized(block);
        select(block); // refuses bad paths before any copy is made
        Block root = NetworkCopy.of(block, manager, "cluster its weights");
        Map<String, ClusterResult.Layer> done = new LinkedHashMap<>();
        Map<String, String> kept = new LinkedHashMap<>();
        for (Target target : select(root)) {
            Parameter weight = target.layer().getDirectParameters().get("weight");
            float[] values = clusterable(target.path(), weight.getArray(), kept);
            if (values == null) {
                continue;
            }
            KMeans1d.Clustering clustering = KMeans1d.fit(values, clusters, init, iterations, seed);
            for (int i = 0; i < values.length; i++) {
                values[i] = clustering.codebook()[clustering.assignments()[i]];
            }
            ClusteredLayer wrapped = wrap(target, values, manager);
            if (target.parent() == null) {
                root = wrapped;
            } else {
                BlockSurgery.replaceChild(target.parent(), target.index(), wrapped);
            }
            // The old layer's arrays are garbage now; free them rather than wait for the manager.
            target.layer().getParameters().values().forEach(Parameter::close);
            done.put(target.path(), layerReport(target.path(), wrapped, clustering));
            if (clustering.kept()) {
                kept.put(target.path(), keptReason(clustering.codebook().length));
            }
        }
        return new ClusterResult(root, null, done, kept);
    }

    /**
     * Returns the number of clusters per layer.
     *
     * @return 2..65536
     */
    public int getClusters() {
        return clusters;
    }

    /**
     * Returns how centroids start.
     *
     * @return the initialization
     */
    public ClusterInit getInit() {
        return init;
    }

    /**
     * Returns the selected layer paths.
     *
     * @return the paths, or an empty list when every Linear and Conv2d is selected
     */
    public List<String> getLayers() {
        return layers == null ? List.of() : layers;
    }

    /**
     * Returns the excluded paths.
     *
     * @return the paths, possibly empty
     */
    public List<String> getExclude() {
        return exclude;
    }

    /**
     * Returns the most Lloyd iterations per layer.
     *
     * @return at least 1
     */
    public int getIterations() {
        return iterations;
    }

    /**
     * Returns the seed of k-means++.
     *
     * @return the seed
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Describes the clusterer.
     *
     * @return e.g. {@code WeightClusterer(clusters=16, init=LINEAR, iterations=20)}
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("WeightClusterer(clusters=").append(clusters);
        out.append(", init=").append(init).append(", iterations=").append(iterations);
        if (init == ClusterInit.KMEANS_PLUS_PLUS) {
            out.append(", seed=").append(seed);
        }
        if (layers != null) {
            out.append(", layers=").append(layers);
        }
        if (!exclude.isEmpty()) {
            out.append(", exclude=").append(exclude);
        }
        return out.append(')').toString();
    }

    /**
     * Clusters the selected layers of a network in place, values only (no layer is wrapped), and
     * ties each weight to its cluster: {@link ClusterCallback}'s start.
     */
    List<TiedWeights> tie(Block root) {
        requireInitialized(root);
        List<TiedWeights> tied = new ArrayList<>();
        for (Target target : select(root)) {
            TiedWeights layer = tieLayer(target, clusters, init, iterations, seed);
            if (layer != null) {
                tied.add(layer);
            }
        }
        return tied;
    }

    /** Ties the weights of every {@link ClusteredLayer} in a network, each to its own count. */
    static List<TiedWeights> tieClustered(Block root) {
        requireInitialized(root);
        List<TiedWeights> tied = new ArrayList<>();
        for (Target target : clusteredLayers(root)) {
            TiedWeights layer =
                    tieLayer(
                            target,
                            target.wrapper().getClusters(),
                            ClusterInit.LINEAR,
                            DEFAULT_ITERATIONS,
                            0);
            if (layer != null) {
                tied.add(layer);
            }
        }
        if (tied.isEmpty()) {
            throw new IllegalArgumentException(
                    "the model has no ClusteredLayer to keep clustered: cluster it with"
                            + " WeightClusterer first, or give ClusterCallback a WeightClusterer");
        }
        return tied;
    }

    /** Checks a cluster count, for the builder and for {@link ClusteredLayer}. */
    static void checkClusters(int clusters) {
        if (clusters < MIN_CLUSTERS || clusters > MAX_CLUSTERS) {
            throw new IllegalArgumentException(
                    "clusters must be in ["
                            + MIN_CLUSTERS
                            + ", "
                            + MAX_CLUSTERS
                            + "] (indices of at most 16 bits), got "
                            + clusters);
        }
    }

    private static TiedWeights tieLayer(
            Target target, int clusters, ClusterInit init, int iterations, long seed) {
        Parameter weight = target.layer().getDirectParameters().get("weight");
        float[] values = clusterable(target.path(), weight.getArray(), new LinkedHashMap<>());
        if (values == null) {
            return null;
        }
        KMeans1d.Clustering clustering = KMeans1d.fit(values, clusters, init, iterations, seed);
        if (!clustering.kept()) {
            for (int i = 0; i < values.length; i++) {
                values[i] = clustering.codebook()[clustering.assignments()[i]];
            }
            weight.getArray().set(values);
        }
        return new TiedWeights(
                target.path(), weight, clustering.assignments(), clustering.codebook().length);
    }

    /** The weight's values, or null (with the reason in {@code kept}) if it cannot be clustered. */
    private static float[] clusterable(String path, NDArray weight, Map<String, String> kept) {
        if (weight.getDataType() != DataType.FLOAT32) {
            kept.put(
                    path,
                    "its weight is "
                            + weight.getDataType()
                            + "; only FLOAT32 weights are clustered");
            return null;
        }
        float[] values = weight.toFloatArray();
        for (float value : values) {
            if (!Float.isFinite(value)) {
                kept.put(path, "its weight holds " + value + "; k-means needs finite values");
                return null;
            }
        }
        return values;
    }

    private ClusteredLayer wrap(Target target, float[] values, NDManager manager) {
        Block layer = target.layer();
        NDArray oldWeight = layer.getDirectParameters().get("weight").getArray();
        boolean hasBias = layer.getDirectParameters().contains("bias");
        Block rebuilt = LayerCopies.twin(layer, hasBias);
        // Arrays are set before initialize, so DJL keeps them (Parameter.setArray refuses an
        // initialized parameter).
        rebuilt.getParameters()
                .get("weight")
                .setArray(manager.create(values, oldWeight.getShape()));
        if (hasBias) {
            NDArray bias = layer.getDirectParameters().get("bias").getArray().duplicate();
            bias.attach(manager);
            rebuilt.getParameters().get("bias").setArray(bias);
        }
        ClusteredLayer wrapped =
                target.wrapper() == null
                        ? new ClusteredLayer(rebuilt, clusters)
                        : new ClusteredLayer(
                                rebuilt, clusters, target.wrapper().getChildren().get(0).getKey());
        wrapped.initialize(manager, DataType.FLOAT32, layer.getInputShapes());
        return wrapped;
    }

    private static ClusterResult.Layer layerReport(
            String path, ClusteredLayer wrapped, KMeans1d.Clustering clustering) {
        Block layer = wrapped.getLayer();
        NDArray weight = layer.getDirectParameters().get("weight").getArray();
        long biasLength =
                layer.getDirectParameters().contains("bias")
                        ? layer.getDirectParameters().get("bias").getArray().size()
                        : -1;
        float[] codebook = clustering.codebook();
        return new ClusterResult.Layer(
                path,
                codebook,
                weight.size(),
                PackedIndices.bitsFor(codebook.length),
                clustering.iterations(),
                clustering.converged(),
                CodebookFormat.sizeBytes(
                        weight.getShape().dimension(), weight.size(), codebook.length, biasLength),
                4 * (weight.size() + Math.max(0, biasLength)));
    }

    private String keptReason(int distinct) {
        return "has only "
                + distinct
                + " distinct weight values, no more than "
                + clusters
                + " clusters: they are its codebook, unchanged";
    }

    private static void requireInitialized(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "block must be initialized (trained or loaded) to cluster its weights, got an"
                            + " uninitialized "
                            + block.getClass().getSimpleName());
        }
    }

    // ---- selection ----

    /**
     * A layer to cluster.
     *
     * @param path its path (a wrapped layer is named by its wrapper's path)
     * @param parent the container of the layer, or of its wrapper; null for the root
     * @param index the position in {@code parent}
     * @param layer the Linear or Conv2d
     * @param wrapper the ClusteredLayer around it, or null
     */
    private record Target(
            String path, Block parent, int index, Block layer, ClusteredLayer wrapper) {}

    /** The selected layers, in tree order; every path is checked against the network. */
    private List<Target> select(Block root) {
        Map<String, Target> selected = new LinkedHashMap<>();
        if (layers == null) {
            for (Target target : allLayers(root)) {
                selected.put(target.path(), target);
            }
        } else {
            for (int i = 0; i < layers.size(); i++) {
                Target target = resolve(root, layers.get(i), "optLayers[" + i + "]");
                if (target == null) {
                    Block found = LayerPaths.find(root, layers.get(i), "layer").getBlock();
                    throw new IllegalArgumentException(
                            "optLayers["
                                    + i
                                    + "] '"
                                    + layers.get(i)
                                    + "' is a "
                                    + found.getClass().getSimpleName()
                                    + "; only Linear and Conv2d layers (or ClusteredLayers) can"
                                    + " be clustered");
                }
                selected.put(target.path(), target);
            }
        }
        for (int i = 0; i < exclude.size(); i++) {
            String path = exclude.get(i);
            Target target = resolve(root, path, "optExclude[" + i + "]");
            String prefix = target == null ? path : target.path();
            selected.keySet().removeIf(key -> key.equals(prefix) || key.startsWith(prefix + "/"));
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException(
                    "no layer left to cluster: the model has no selected Linear or Conv2d layer"
                            + (exclude.isEmpty() ? "" : " once optExclude " + exclude + " is out")
                            + "; its paths are "
                            + LayerPaths.all(root));
        }
        return new ArrayList<>(selected.values());
    }

    /**
     * The target at a path: the layer itself, or its wrapper when the path names a ClusteredLayer
     * or the layer inside one; null if the block there cannot be clustered.
     *
     * @throws IllegalArgumentException naming the option and the nearest paths if none exists
     */
    private static Target resolve(Block root, String path, String option) {
        Checks.notNull(option, path);
        LayerPaths.Located found = LayerPaths.find(root, path, option + " path");
        Block block = found.getBlock();
        if (block instanceof ClusteredLayer) {
            return wrapped(path, found.getParent(), found.getIndex(), (ClusteredLayer) block);
        }
        if (!clusterable(block)) {
            return null;
        }
        if (found.getParent() instanceof ClusteredLayer) {
            int slash = path.lastIndexOf('/');
            return slash < 0
                    ? wrapped("", null, 0, (ClusteredLayer) found.getParent())
                    : resolve(root, path.substring(0, slash), option);
        }
        return new Target(path, found.getParent(), found.getIndex(), block, null);
    }

    /** Every Linear and Conv2d, the wrapped ones by their wrapper's path; the root included. */
    private static List<Target> allLayers(Block root) {
        List<Target> all = new ArrayList<>();
        if (root instanceof ClusteredLayer) {
            all.add(wrapped("", null, 0, (ClusteredLayer) root));
            return all;
        }
        if (clusterable(root)) {
            all.add(new Target("", null, 0, root, null));
            return all;
        }
        for (String path : LayerPaths.all(root)) {
            LayerPaths.Located found = LayerPaths.find(root, path, "layer");
            Block block = found.getBlock();
            if (block instanceof ClusteredLayer) {
                all.add(wrapped(path, found.getParent(), found.getIndex(), (ClusteredLayer) block));
            } else if (clusterable(block) && !(found.getParent() instanceof ClusteredLayer)) {
                all.add(new Target(path, found.getParent(), found.getIndex(), block, null));
            }
        }
        return all;
    }

    private static List<Target> clusteredLayers(Block root) {
        List<Target> all = new ArrayList<>();
        for (Target target : allLayers(root)) {
            if (target.wrapper() != null) {
                all.add(target);
            }
        }
        return all;
    }

    private static Target wrapped(String path, Block parent, int index, ClusteredLayer wrapper) {
        return new Target(path, parent, index, wrapper.getLayer(), wrapper);
    }

    // Exact classes: a subclass may hold settings a rebuilt layer would lose.
    private static boolean clusterable(Block block) {
        return block.getClass() == Linear.class || block.getClass() == Conv2d.class;
    }

    /** Builds a {@link WeightClusterer}; the number of clusters is required. */
    public static final class Builder {

        private Integer clusters;
        private ClusterInit init = ClusterInit.LINEAR;
        private List<String> layers;
        private boolean layersSet;
        private List<String> exclude = List.of();
        private int iterations = DEFAULT_ITERATIONS;
        private long seed;

        private Builder() {}

        /**
         * Sets the number of clusters per layer, TFMOT's {@code number_of_clusters}.
         *
         * @param clusters 2..65536; 16 (4-bit indices) or 256 (8-bit) are the usual choices
         * @return this builder
         */
        public Builder setClusters(int clusters) {
            this.clusters = clusters;
            return this;
        }

        /**
         * Sets how centroids start (default {@link ClusterInit#LINEAR}).
         *
         * @param init the initialization
         * @return this builder
         */
        public Builder optInit(ClusterInit init) {
            this.init = init;
            return this;
        }

        /**
         * Clusters only these layers (default: every {@link Linear} and {@link Conv2d}).
         *
         * @param paths layer paths as {@code LayerPaths.all} lists them, each a Linear, a Conv2d or
         *     a ClusteredLayer; checked against the network when it is clustered
         * @return this builder
         */
        public Builder optLayers(List<String> paths) {
            this.layers = paths == null ? null : new ArrayList<>(paths);
            this.layersSet = true;
            return this;
        }

        /**
         * Leaves these paths out of the selection; a container's path leaves out every layer in it.
         *
         * @param paths paths that must exist in the network
         * @return this builder
         */
        public Builder optExclude(List<String> paths) {
            this.exclude = paths == null ? null : new ArrayList<>(paths);
            return this;
        }

        /**
         * Sets the most Lloyd iterations per layer (default 20); they stop earlier when no
         * assignment changes.
         *
         * @param iterations at least 1
         * @return this builder
         */
        public Builder optIterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets the seed of {@link ClusterInit#KMEANS_PLUS_PLUS} (default 0); each layer is seeded
         * with it, so a layer's clusters do not depend on which other layers are selected.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Checks the options and builds the clusterer; layer paths are checked against the network
         * when it is clustered.
         *
         * @return the clusterer
         * @throws IllegalArgumentException naming the bad option, its value and what is allowed
         */
        public WeightClusterer build() {
            if (clusters == null) {
                throw new IllegalArgumentException(
                        "clusters is required: call setClusters(n) with n in ["
                                + MIN_CLUSTERS
                                + ", "
                                + MAX_CLUSTERS
                                + "]");
            }
            checkClusters(clusters);
            Checks.notNull("init", init);
            if (layersSet) {
                Checks.notNull("layers", layers);
                if (layers.isEmpty()) {
                    throw new IllegalArgumentException(
                            "layers must name at least one layer path, got an empty list");
                }
                for (int i = 0; i < layers.size(); i++) {
                    Checks.notNull("layers[" + i + "]", layers.get(i));
                }
            }
            Checks.notNull("exclude", exclude);
            for (int i = 0; i < exclude.size(); i++) {
                Checks.notNull("exclude[" + i + "]", exclude.get(i));
            }
            Checks.atLeast("iterations", iterations, 1);
            return new WeightClusterer(this);
        }
    }
}
