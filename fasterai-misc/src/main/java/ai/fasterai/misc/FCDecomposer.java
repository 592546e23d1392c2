/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.BlockSurgery;
import ai.fasterai.core.nn.LayerPaths;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces fully connected layers by their truncated SVD, fasterai's {@code FC_Decomposer}: a
 * {@link Linear} {@code in -> out} with weight {@code W ~ U_k diag(sigma_k) V_k^T} becomes a {@link
 * SequentialBlock} of two Linears, {@code in -> k} without bias (weight {@code diag(sigma_k)
 * V_k^T}) then {@code k -> out} with the original bias (weight {@code U_k}), holding {@code k * (in
 * + out) + out} parameters instead of {@code in * out + out}. By Eckart-Young no rank-k matrix is
 * closer to {@code W} in Frobenius norm.
 *
 * <p>The rank comes from one rule for every selected layer: {@code percentRemoved} (fasterai's
 * meaning: the share of singular values dropped, the default 0.5), a fixed {@code rank}, or an
 * {@code energyThreshold} (the smallest rank keeping that share of {@code sum sigma^2}). A layer
 * whose factors would not hold fewer parameters than it does is left as it is and reported.
 *
 * <p>Activation-aware SVD (ASVD) weights the input features by how large they are in practice:
 * given calibration inputs, each selected layer's input features get their root mean square {@code
 * s_j}, the SVD runs on {@code W diag(s)}, and the first factor is scaled back by {@code 1 / s_j}.
 * The truncation then discards what matters least for the outputs the data produces rather than for
 * the weights alone.
 *
 * <p>The result is a copy; the input network is unchanged. The SVD runs on OpenBLAS's LAPACK
 * through the Gram matrix of the smaller side: VGG16's 4096 x 25088 layer takes about 15 s on two
 * cores (the {@code FcDecomposeBenchmark} in the benchmarks module measures it).
 */
public final class FCDecomposer {

    private final RankRule rule;
    private final List<String> layers;
    private final List<String> exclude;
    private final List<NDList> calibration;

    private FCDecomposer(Builder builder) {
        this.rule = builder.rule == null ? RankRule.percentRemoved(0.5) : builder.rule;
        this.layers = List.copyOf(builder.layers);
        this.exclude = List.copyOf(builder.exclude);
        this.calibration = builder.calibration;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decomposes the selected Linear layers of a model into a new model.
     *
     * @param model the model, its block initialized
     * @return the result; {@link DecomposeResult#getModel()} is a new model named {@code
     *     <name>-decomposed} that the caller closes
     * @throws IllegalArgumentException if the model has no initialized block, a path names no layer
     *     or no Linear, or a fixed rank is not below a layer's full rank; the model is unchanged
     */
    public DecomposeResult decompose(Model model) {
        return NewModel.of(
                model,
                "-decomposed",
                "decompose",
                this::decompose,
                DecomposeResult::getBlock,
                DecomposeResult::withModel);
    }

    /**
     * Decomposes the selected Linear layers of a network into a copy.
     *
     * @param block the network, initialized
     * @param manager owns the copy's parameters
     * @return the decomposed copy and what was replaced or skipped
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, a path
     *     names no layer or no Linear, or a fixed rank is not below a layer's full rank; the block
     *     is unchanged
     */
    public DecomposeResult decompose(Block block, NDManager manager) {
        Checks.notNull("block", block);
        Checks.notNull("manager", manager);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "block must be initialized (trained or loaded) to decompose its layers");
        }
        Map<String, Block> selected = LayerSelection.select(block, Linear.class, layers, exclude);
        // Every refusal happens here, before any work: a fixed rank must fit every layer.
        if (!rule.needsSpectrum()) {
            for (Map.Entry<String, Block> layer : selected.entrySet()) {
                Shape shape = weight(layer.getValue()).getShape();
                rule.rankFor(layer.getKey(), (int) Math.min(shape.get(0), shape.get(1)), null);
            }
        }
        Map<String, float[]> scales =
                calibration == null
                        ? Map.of()
                        : ActivationRms.of(block, List.copyOf(selected.keySet()), calibration);
        Block copy = NetworkCopy.of(block, manager, "decompose its layers");
        List<Decomposition> decomposed = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String path : selected.keySet()) {
            LayerPaths.Located located = LayerPaths.find(copy, path, "layer");
            Linear linear = (Linear) located.getBlock();
            String reason = replace(path, linear, located, scales.get(path), manager, decomposed);
            if (reason != null) {
                skipped.put(path, reason);
            }
        }
        return new DecomposeResult(copy, null, decomposed, skipped);
    }

    /** Replaces one layer, or returns why it stays. */
    private String replace(
            String path,
            Linear linear,
            LayerPaths.Located located,
            float[] scale,
            NDManager manager,
            List<Decomposition> decomposed) {
        NDArray weight = weight(linear);
        int out = Math.toIntExact(weight.getShape().get(0));
        int in = Math.toIntExact(weight.getShape().get(1));
        NDArray biasArray = bias(linear);
        long biasCount = biasArray == null ? 0 : out;
        long before = (long) out * in + biasCount;
        int fullRank = Math.min(out, in);
        if (!rule.needsSpectrum()) {
            String reason = noGain(rule.rankFor(path, fullRank, null), in, out);
            if (reason != null) {
                return reason;
            }
        }
        float[] w = weight.toFloatArray();
        if (scale != null) {
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < in; c++) {
                    w[r * in + c] *= scale[c];
                }
            }
        }
        Svd svd = Svd.of(w, out, in);
        int k = rule.rankFor(path, fullRank, svd);
        String reason = noGain(k, in, out);
        if (reason != null) {
            return reason;
        }
        double[] sigma = svd.singularValues();
        float[] first = svd.right(k);
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < in; c++) {
                float unscale = scale == null ? 1f : 1f / scale[c];
                first[j * in + c] *= (float) sigma[j] * unscale;
            }
        }
        float[] second = svd.left(k);
        Linear down = Linear.builder().setUnits(k).optBias(false).build();
        down.getParameters().get("weight").setArray(manager.create(first, new Shape(k, in)));
        Linear up = Linear.builder().setUnits(out).optBias(biasArray != null).build();
        up.getParameters().get("weight").setArray(manager.create(second, new Shape(out, k)));
        if (biasArray != null) {
            NDArray bias = biasArray.duplicate();
            bias.attach(manager);
            up.getParameters().get("bias").setArray(bias);
        }
        SequentialBlock factors = new SequentialBlock().add(down).add(up);
        factors.initialize(manager, DataType.FLOAT32, linear.getInputShapes());
        BlockSurgery.replaceChild(located.getParent(), located.getIndex(), factors);
        // The old layer is detached: free its arrays now rather than with the manager.
        for (Pair<String, Parameter> parameter : linear.getParameters()) {
            parameter.getValue().close();
        }
        decomposed.add(
                new Decomposition(path, List.of(k), before, (long) k * (in + out) + biasCount));
        return null;
    }

    /** Why rank k does not pay off, or null when the factors hold fewer weights. */
    private static String noGain(int k, int in, int out) {
        long factors = (long) k * (in + out);
        long original = (long) in * out;
        if (factors >= original) {
            return "rank "
                    + k
                    + " factors hold "
                    + factors
                    + " weights, not fewer than the layer's "
                    + original;
        }
        return null;
    }

    private static NDArray weight(Block linear) {
        return linear.getParameters().get("weight").getArray();
    }

    private static NDArray bias(Block linear) {
        return linear.getParameters().contains("bias")
                ? linear.getParameters().get("bias").getArray()
                : null;
    }

    @Override
    public String toString() {
        return "FCDecomposer("
                + rule
                + (layers.isEmpty() ? "" : ", layers=" + layers)
                + (exclude.isEmpty() ? "" : ", exclude=" + exclude)
                + (calibration == null ? "" : ", activation-aware")
                + ")";
    }

    /** Builds an {@link FCDecomposer}; at most one rank rule may be set. */
    public static final class Builder {

        private RankRule rule;
        private final Set<String> rules = new LinkedHashSet<>();
        private List<String> layers = List.of();
        private List<String> exclude = List.of();
        private List<NDList> calibration;

        Builder() {}

        /**
         * Drops a share of each layer's singular values (fasterai's {@code percent_removed}): keeps
         * {@code max(1, floor((1 - p) * min(in, out)))}. The default, at 0.5.
         *
         * @param percentRemoved the share dropped, in (0, 1)
         * @return this builder
         */
        public Builder optPercentRemoved(double percentRemoved) {
            return rule(RankRule.percentRemoved(percentRemoved), "percentRemoved");
        }

        /**
         * Keeps a fixed rank in every selected layer.
         *
         * @param rank the rank, at least 1 and below each selected layer's min(in, out)
         * @return this builder
         */
        public Builder optRank(int rank) {
            return rule(RankRule.rank(rank), "rank");
        }

        /**
         * Keeps, per layer, the smallest rank whose singular values hold this share of {@code sum
         * sigma^2}.
         *
         * @param energyThreshold the share kept, in (0, 1]
         * @return this builder
         */
        public Builder optEnergyThreshold(double energyThreshold) {
            return rule(RankRule.energy(energyThreshold), "energyThreshold");
        }

        /**
         * Selects layers: paths of Linear layers, or of containers whose Linear layers are all
         * selected. By default every Linear is.
         *
         * @param layers the paths, as {@link LayerPaths#all} lists them
         * @return this builder
         */
        public Builder optLayers(List<String> layers) {
            Checks.notNull("layers", layers);
            this.layers = List.copyOf(layers);
            return this;
        }

        /**
         * Leaves layers out: these paths and everything below them.
         *
         * @param exclude the paths
         * @return this builder
         */
        public Builder optExclude(List<String> exclude) {
            Checks.notNull("exclude", exclude);
            this.exclude = List.copyOf(exclude);
            return this;
        }

        /**
         * Makes the decomposition activation-aware (ASVD): the network runs on these inputs (in
         * inference mode, without gradients) and each layer's SVD weighs its input features by
         * their root mean square.
         *
         * @param calibration input batches, each the network's input; at least one
         * @return this builder
         */
        public Builder optActivationAware(List<NDList> calibration) {
            Checks.notNull("calibration", calibration);
            if (calibration.isEmpty()) {
                throw new IllegalArgumentException(
                        "calibration must hold at least one input batch, got none");
            }
            this.calibration = List.copyOf(calibration);
            return this;
        }

        private Builder rule(RankRule chosen, String name) {
            rules.add(name);
            this.rule = chosen;
            return this;
        }

        /**
         * Builds the decomposer.
         *
         * @return the decomposer
         * @throws IllegalArgumentException if more than one rank rule was set
         */
        public FCDecomposer build() {
            if (rules.size() > 1) {
                throw new IllegalArgumentException(
                        "set at most one of percentRemoved, rank and energyThreshold, got "
                                + rules);
            }
            return new FCDecomposer(this);
        }
    }
}
