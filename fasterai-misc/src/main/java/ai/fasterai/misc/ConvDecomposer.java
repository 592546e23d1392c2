/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.BlockSurgery;
import ai.fasterai.core.nn.LayerPaths;
import ai.fasterai.core.util.Checks;

import org.bytedeco.openblas.global.openblas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces {@link Conv2d} layers by low-rank factorizations, fasterai's {@code Conv_Decomposer}. A
 * convolution with weight {@code W} of shape {@code (out, in, kh, kw)} becomes a {@link
 * SequentialBlock} of plain convolutions:
 *
 * <ul>
 *   <li>{@link Method#SVD}: {@code W} viewed as an {@code out x (in*kh*kw)} matrix and truncated to
 *       rank {@code R}: a {@code kh x kw} convolution {@code in -> R} with weight {@code diag(s)
 *       V^T} (the original stride, padding and dilation, no bias), then a 1x1 convolution {@code R
 *       -> out} with weight {@code U} and the original bias. Parameters: {@code R*in*kh*kw + out*R}
 *       (+ bias).
 *   <li>{@link Method#TUCKER} (Tucker-2 by HOSVD on the channel modes): {@code U_out}, the first
 *       {@code R_out} left singular vectors of the {@code out x (in*kh*kw)} unfolding, {@code U_in}
 *       those of the {@code in x (out*kh*kw)} unfolding, and the core {@code W x_0 U_out^T x_1
 *       U_in^T}: a 1x1 convolution {@code in -> R_in}, the {@code kh x kw} core convolution {@code
 *       R_in -> R_out} (the original stride, padding and dilation), a 1x1 convolution {@code R_out
 *       -> out} with the original bias. Parameters: {@code in*R_in + R_in*R_out*kh*kw + R_out*out}
 *       (+ bias).
 * </ul>
 *
 * <p>The rank is chosen by one of {@code percentRemoved} (fasterai's meaning: the share of singular
 * values dropped, default 0.5), a fixed {@code rank} or an {@code energyThreshold}; for Tucker the
 * rule is applied to each unfolding separately. A layer is left as it was, with the reason in
 * {@link DecomposeResult#getSkipped()}, when it is grouped (depthwise) or when its factorization
 * would not have fewer parameters.
 *
 * <p>The result is a copy (made through {@link ai.fasterai.core.io.ModelFile}); the input network
 * is unchanged. Since the replacement holds only DJL convolutions and sequential blocks, the
 * decomposed network saves with {@code ModelFile} like any other.
 *
 * <pre>{@code
 * DecomposeResult r = ConvDecomposer.builder()
 *         .optMethod(ConvDecomposer.Method.TUCKER)
 *         .optEnergyThreshold(0.9)
 *         .build()
 *         .decompose(model);
 * try (Model small = r.getModel()) { ... }
 * }</pre>
 */
public final class ConvDecomposer {

    /** The factorization used. */
    public enum Method {
        /** Truncated SVD of the {@code out x (in*kh*kw)} matrix: two convolutions. */
        SVD,
        /** Tucker-2 (HOSVD on the output and input channel modes): three convolutions. */
        TUCKER
    }

    private final Method method;
    private final RankRule rule;

    /** The fixed rank when {@code optRank} was set, else null: checked per layer up front. */
    private final Integer fixedRank;

    private final List<String> layers;
    private final List<String> exclude;

    private ConvDecomposer(Builder builder, RankRule rule) {
        this.method = builder.method;
        this.rule = rule;
        this.fixedRank = builder.rank;
        this.layers = builder.layers == null ? List.of() : List.copyOf(builder.layers);
        this.exclude = builder.exclude == null ? List.of() : List.copyOf(builder.exclude);
    }

    /**
     * Creates a builder; the defaults are {@link Method#SVD} and {@code percentRemoved} 0.5 on
     * every {@link Conv2d}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the factorization used.
     *
     * @return the method
     */
    public Method getMethod() {
        return method;
    }

    /**
     * Decomposes the convolutions of a model into a new model.
     *
     * @param model the model, its block initialized
     * @return the decomposition; {@link DecomposeResult#getModel()} is a new model named {@code
     *     <name>-decomposed} that the caller closes
     * @throws IllegalArgumentException if the model or its block is missing or not initialized, a
     *     selected path does not exist or holds no {@link Conv2d}, or a fixed rank is not below a
     *     selected layer's full rank
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
     * Decomposes the convolutions of a network into a copy.
     *
     * @param block the network, initialized
     * @param manager owns the copy's parameters
     * @return the decomposed copy, what was replaced and what was skipped
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, a
     *     selected path does not exist or holds no {@link Conv2d}, a fixed rank is not below a
     *     selected layer's full rank, or the network cannot be copied
     */
    public DecomposeResult decompose(Block block, NDManager manager) {
        Checks.notNull("block", block);
        Checks.notNull("manager", manager);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "block must be initialized (trained or loaded) to decompose its"
                            + " convolutions");
        }
        // Every check that can fail runs on the input network, before the copy is made.
        Map<String, Block> selected = LayerSelection.select(block, Conv2d.class, layers, exclude);
        for (Map.Entry<String, Block> entry : selected.entrySet()) {
            Conv2d conv = (Conv2d) entry.getValue();
            if (conv.getGroups() == 1) {
                checkFixedRank(entry.getKey(), conv);
            }
        }
        Block copy = NetworkCopy.of(block, manager, "decompose its convolutions");
        List<Decomposition> decomposed = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String path : selected.keySet()) {
            LayerPaths.Located located = LayerPaths.find(copy, path, "layer");
            Conv2d conv = (Conv2d) located.getBlock();
            if (conv.getGroups() != 1) {
                skipped.put(
                        path,
                        "grouped convolution (groups = "
                                + conv.getGroups()
                                + ", e.g. depthwise): only groups = 1 is decomposed");
                continue;
            }
            Plan plan = plan(path, conv);
            if (plan.after >= plan.before) {
                skipped.put(
                        path,
                        method
                                + " at ranks "
                                + plan.ranks
                                + " would have "
                                + plan.after
                                + " parameters, not fewer than the layer's "
                                + plan.before);
                continue;
            }
            SequentialBlock replacement = plan.build(conv, manager);
            BlockSurgery.replaceChild(located.getParent(), located.getIndex(), replacement);
            // The old layer is detached: free its arrays now instead of with the manager.
            for (Pair<String, Parameter> parameter : conv.getParameters()) {
                parameter.getValue().close();
            }
            decomposed.add(
                    new Decomposition(path, plan.ranks, plan.before, parameters(replacement)));
        }
        return new DecomposeResult(copy, null, decomposed, skipped);
    }

    /** Refuses a fixed rank that is not below one of the layer's full ranks. */
    private void checkFixedRank(String path, Conv2d conv) {
        if (fixedRank == null) {
            return;
        }
        int rank = fixedRank;
        Shape w = weightShape(conv);
        long out = w.get(0);
        long in = w.get(1);
        long k = w.get(2) * w.get(3);
        long outMode = Math.min(out, in * k);
        long inMode = Math.min(in, out * k);
        if (method == Method.SVD && rank >= outMode) {
            throw new IllegalArgumentException(
                    "rank must be < min(out, in*kh*kw) = min("
                            + out
                            + ", "
                            + in * k
                            + ") = "
                            + outMode
                            + " for layer '"
                            + path
                            + "', got "
                            + rank);
        }
        if (method == Method.TUCKER && (rank >= outMode || rank >= inMode)) {
            throw new IllegalArgumentException(
                    "rank must be < min(out, in*kh*kw) = "
                            + outMode
                            + " (output-channel mode) and < min(in, out*kh*kw) = "
                            + inMode
                            + " (input-channel mode) for layer '"
                            + path
                            + "' with TUCKER, got "
                            + rank);
        }
    }

    /** The ranks and parameter counts for one layer, and the decompositions they come from. */
    private Plan plan(String path, Conv2d conv) {
        Shape shape = weightShape(conv);
        int out = (int) shape.get(0);
        int in = (int) shape.get(1);
        int k = (int) (shape.get(2) * shape.get(3));
        float[] w = floats(conv.getParameters().get("weight").getArray());
        long bias = conv.isIncludeBias() ? out : 0;
        long before = parameters(conv);
        Svd outMode = Svd.of(w, out, in * k);
        int rOut = rule.rankFor(path, Math.min(out, in * k), outMode);
        if (method == Method.SVD) {
            long after = (long) rOut * in * k + (long) out * rOut + bias;
            return new Plan(List.of(rOut), before, after, outMode, null);
        }
        Svd inMode = Svd.of(inputUnfolding(w, out, in, k), in, out * k);
        int rIn = rule.rankFor(path, Math.min(in, out * k), inMode);
        long after = (long) in * rIn + (long) rIn * rOut * k + (long) rOut * out + bias;
        return new Plan(List.of(rOut, rIn), before, after, outMode, inMode);
    }

    /** One layer's chosen factorization. */
    private static final class Plan {

        private final List<Integer> ranks;
        private final long before;
        private final long after;
        private final Svd outMode;
        private final Svd inMode;

        Plan(List<Integer> ranks, long before, long after, Svd outMode, Svd inMode) {
            this.ranks = ranks;
            this.before = before;
            this.after = after;
            this.outMode = outMode;
            this.inMode = inMode;
        }

        SequentialBlock build(Conv2d conv, NDManager manager) {
            return inMode == null
                    ? svd(conv, outMode, ranks.get(0), manager)
                    : tucker(conv, outMode, inMode, ranks.get(0), ranks.get(1), manager);
        }
    }

    /**
     * The SVD factorization of one convolution at a given rank, including the full rank (which the
     * public API never picks since it cannot save parameters, but which reproduces the layer).
     *
     * @param conv the convolution, initialized, groups 1
     * @param svd the decomposition of its {@code out x (in*kh*kw)} weight matrix
     * @param rank the rank, in [1, min(out, in*kh*kw)]
     * @param manager owns the new parameters
     * @return the two convolutions, initialized with the layer's input shapes
     */
    static SequentialBlock svd(Conv2d conv, Svd svd, int rank, NDManager manager) {
        Shape shape = weightShape(conv);
        int out = (int) shape.get(0);
        int in = (int) shape.get(1);
        int k = (int) (shape.get(2) * shape.get(3));
        // diag(s) V^T: the singular values go to the first layer, U (orthonormal) to the second.
        float[] first = svd.right(rank);
        double[] sigma = svd.singularValues();
        for (int j = 0; j < rank; j++) {
            for (int c = 0; c < in * k; c++) {
                first[j * in * k + c] *= (float) sigma[j];
            }
        }
        float[] second = svd.left(rank);
        return assemble(
                conv,
                manager,
                spatial(conv, rank, first, new Shape(rank, in, shape.get(2), shape.get(3)), null),
                pointwise(out, second, new Shape(out, rank, 1, 1), bias(conv)));
    }

    /**
     * The Tucker-2 factorization of one convolution at given ranks, including full ranks (which
     * reproduce the layer).
     *
     * @param conv the convolution, initialized, groups 1
     * @param outMode the decomposition of the {@code out x (in*kh*kw)} unfolding of its weight
     * @param inMode the decomposition of the {@code in x (out*kh*kw)} unfolding
     * @param rOut the output-channel rank, in [1, min(out, in*kh*kw)]
     * @param rIn the input-channel rank, in [1, min(in, out*kh*kw)]
     * @param manager owns the new parameters
     * @return the three convolutions, initialized with the layer's input shapes
     */
    static SequentialBlock tucker(
            Conv2d conv, Svd outMode, Svd inMode, int rOut, int rIn, NDManager manager) {
        Shape shape = weightShape(conv);
        int out = (int) shape.get(0);
        int in = (int) shape.get(1);
        int k = (int) (shape.get(2) * shape.get(3));
        float[] w = floats(conv.getParameters().get("weight").getArray());
        float[] uOut = outMode.left(rOut); // out x rOut
        float[] uIn = inMode.left(rIn); // in x rIn
        // T = U_out^T W_(0): rOut x (in*k), i.e. W x_0 U_out^T as (rOut, in, k).
        float[] t = multiply(true, uOut, w, rOut, in * k, out);
        // Bring the input mode to the rows, (in) x (rOut*k), for one product with U_in^T.
        float[] tIn = new float[t.length];
        for (int a = 0; a < rOut; a++) {
            for (int i = 0; i < in; i++) {
                System.arraycopy(t, (a * in + i) * k, tIn, (i * rOut + a) * k, k);
            }
        }
        float[] c = multiply(true, uIn, tIn, rIn, rOut * k, in); // rIn x (rOut*k)
        float[] core = new float[rOut * rIn * k];
        for (int b = 0; b < rIn; b++) {
            for (int a = 0; a < rOut; a++) {
                System.arraycopy(c, (b * rOut + a) * k, core, (a * rIn + b) * k, k);
            }
        }
        return assemble(
                conv,
                manager,
                pointwise(rIn, transpose(uIn, in, rIn), new Shape(rIn, in, 1, 1), null),
                spatial(conv, rOut, core, new Shape(rOut, rIn, shape.get(2), shape.get(3)), null),
                pointwise(out, uOut, new Shape(out, rOut, 1, 1), bias(conv)));
    }

    /**
     * The mode-1 unfolding of a weight {@code (out, in, k)}: row {@code i}, column {@code o*k + s}.
     *
     * @param w the weight, row-major {@code (out, in, kh, kw)}
     * @param out output channels
     * @param in input channels
     * @param k {@code kh * kw}
     * @return the {@code in x (out*k)} matrix, row-major
     */
    static float[] inputUnfolding(float[] w, int out, int in, int k) {
        float[] m = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                System.arraycopy(w, (o * in + i) * k, m, (i * out + o) * k, k);
            }
        }
        return m;
    }

    /**
     * New convolutions with their arrays set, in a sequential block initialized with the original
     * layer's input shapes. The arrays are set before {@code initialize}: DJL then skips {@code
     * prepare} and initializes only parameters without an array, so the values stay (the tests
     * check this).
     */
    private static SequentialBlock assemble(Conv2d conv, NDManager manager, Layer... layers) {
        SequentialBlock block = new SequentialBlock();
        for (Layer layer : layers) {
            Conv2d c = layer.conv;
            c.getParameters().get("weight").setArray(manager.create(layer.weight, layer.shape));
            if (layer.bias != null) {
                c.getParameters()
                        .get("bias")
                        .setArray(manager.create(layer.bias, new Shape(layer.bias.length)));
            }
            block.add(c);
        }
        Shape[] inputShapes = conv.getInputShapes();
        if (inputShapes == null) {
            throw new IllegalStateException(
                    "the convolution has no input shapes although its network is initialized");
        }
        block.initialize(manager, DataType.FLOAT32, inputShapes);
        return block;
    }

    /** A new convolution and the arrays it gets. */
    private static final class Layer {

        private final Conv2d conv;
        private final float[] weight;
        private final Shape shape;
        private final float[] bias;

        Layer(Conv2d conv, float[] weight, Shape shape, float[] bias) {
            this.conv = conv;
            this.weight = weight;
            this.shape = shape;
            this.bias = bias;
        }
    }

    /** A convolution with the original kernel, stride, padding and dilation. */
    private static Layer spatial(Conv2d like, int filters, float[] w, Shape shape, float[] bias) {
        Conv2d conv =
                Conv2d.builder()
                        .setKernelShape(like.getKernelShape())
                        .setFilters(filters)
                        .optStride(like.getStride())
                        .optPadding(like.getPadding())
                        .optDilation(like.getDilation())
                        .optBias(bias != null)
                        .build();
        return new Layer(conv, w, shape, bias);
    }

    /** A 1x1 convolution with stride 1 and no padding. */
    private static Layer pointwise(int filters, float[] w, Shape shape, float[] bias) {
        Conv2d conv =
                Conv2d.builder()
                        .setKernelShape(new Shape(1, 1))
                        .setFilters(filters)
                        .optStride(new Shape(1, 1))
                        .optPadding(new Shape(0, 0))
                        .optDilation(new Shape(1, 1))
                        .optBias(bias != null)
                        .build();
        return new Layer(conv, w, shape, bias);
    }

    private static float[] bias(Conv2d conv) {
        if (!conv.isIncludeBias()) {
            return null;
        }
        NDArray bias = conv.getParameters().get("bias").getArray();
        return bias == null ? null : floats(bias);
    }

    private static Shape weightShape(Conv2d conv) {
        Shape shape = conv.getParameters().get("weight").getArray().getShape();
        if (shape.dimension() != 4) {
            throw new IllegalStateException("a Conv2d weight has 4 dimensions, got " + shape);
        }
        return shape;
    }

    private static float[] floats(NDArray array) {
        return array.getDataType() == DataType.FLOAT32
                ? array.toFloatArray()
                : array.toType(DataType.FLOAT32, true).toFloatArray();
    }

    /** Counts a block's parameters from its arrays. */
    static long parameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            n += array.size();
        }
        return n;
    }

    /**
     * {@code op(a) b}, row-major, {@code m x n} with inner size {@code inner}; {@code op(a)} is
     * {@code a^T} when asked (then {@code a} is stored {@code inner x m}), else {@code a}.
     */
    private static float[] multiply(boolean transA, float[] a, float[] b, int m, int n, int inner) {
        float[] c = new float[m * n];
        openblas.cblas_sgemm(
                openblas.CblasRowMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                openblas.CblasNoTrans,
                m,
                n,
                inner,
                1f,
                a,
                transA ? m : inner,
                b,
                n,
                0f,
                c,
                n);
        return c;
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return "ConvDecomposer("
                + method
                + ", "
                + rule
                + ", layers="
                + layers
                + ", exclude="
                + exclude
                + ")";
    }

    /** Builds a {@link ConvDecomposer}; the values are checked in {@link #build()}. */
    public static final class Builder {

        private Method method = Method.SVD;
        private Double percentRemoved;
        private Integer rank;
        private Double energyThreshold;
        private List<String> layers;
        private List<String> exclude;

        private Builder() {}

        /**
         * Sets the factorization; defaults to {@link Method#SVD}, as fasterai.
         *
         * @param method SVD or TUCKER
         * @return this builder
         */
        public Builder optMethod(Method method) {
            this.method = method;
            return this;
        }

        /**
         * Drops a share of the singular values: each layer keeps {@code max(1, floor((1 - p) *
         * fullRank))}, per unfolding for Tucker. The default, 0.5, when no rank option is set.
         *
         * @param percentRemoved the share dropped, in (0, 1)
         * @return this builder
         */
        public Builder optPercentRemoved(double percentRemoved) {
            this.percentRemoved = percentRemoved;
            return this;
        }

        /**
         * Keeps a fixed rank in every layer (both ranks for Tucker).
         *
         * @param rank at least 1 and below every selected layer's full rank ({@code min(out,
         *     in*kh*kw)}, and also {@code min(in, out*kh*kw)} for Tucker)
         * @return this builder
         */
        public Builder optRank(int rank) {
            this.rank = rank;
            return this;
        }

        /**
         * Keeps in each layer the smallest rank whose singular values hold this share of {@code sum
         * sigma^2} (per unfolding for Tucker).
         *
         * @param energyThreshold the share kept, in (0, 1]
         * @return this builder
         */
        public Builder optEnergyThreshold(double energyThreshold) {
            this.energyThreshold = energyThreshold;
            return this;
        }

        /**
         * Restricts the work to these layers, or to the convolutions below these containers; every
         * {@link Conv2d} by default.
         *
         * @param layers paths as {@link LayerPaths} gives them
         * @return this builder
         */
        public Builder optLayers(List<String> layers) {
            this.layers = layers;
            return this;
        }

        /**
         * Leaves out these layers and everything below them.
         *
         * @param exclude paths as {@link LayerPaths} gives them
         * @return this builder
         */
        public Builder optExclude(List<String> exclude) {
            this.exclude = exclude;
            return this;
        }

        /**
         * Builds the decomposer.
         *
         * @return the decomposer
         * @throws IllegalArgumentException if the method is null, more than one rank option is set,
         *     or a rank option is out of range
         */
        public ConvDecomposer build() {
            Checks.notNull("method", method);
            List<String> set = new ArrayList<>();
            if (percentRemoved != null) {
                set.add("percentRemoved=" + percentRemoved);
            }
            if (rank != null) {
                set.add("rank=" + rank);
            }
            if (energyThreshold != null) {
                set.add("energyThreshold=" + energyThreshold);
            }
            if (set.size() > 1) {
                throw new IllegalArgumentException(
                        "at most one of percentRemoved, rank, energyThreshold may be set, got "
                                + String.join(" and ", set));
            }
            RankRule rule;
            if (rank != null) {
                rule = RankRule.rank(rank);
            } else if (energyThreshold != null) {
                rule = RankRule.energy(energyThreshold);
            } else {
                rule = RankRule.percentRemoved(percentRemoved == null ? 0.5 : percentRemoved);
            }
            if (layers != null) {
                layers.forEach(p -> Checks.notNull("layers entry", p));
            }
            if (exclude != null) {
                exclude.forEach(p -> Checks.notNull("exclude entry", p));
            }
            return new ConvDecomposer(this, rule);
        }
    }
}
