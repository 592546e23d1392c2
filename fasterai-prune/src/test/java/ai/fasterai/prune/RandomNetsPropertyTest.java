/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.nn.Residual;
import ai.fasterai.core.stats.ModelStats;
import ai.fasterai.sparse.Context;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Zero-pruning is lossless and ratio pruning keeps shapes on many small random networks. */
class RandomNetsPropertyTest {

    private static final int NETS = 120;
    private static final int MAX_CHANNELS = 12;

    /** PyTorch's intra-op thread count before this class, or 0 on another engine. */
    private static int threads;

    /**
     * Runs single-threaded: the tensors are tiny, and on a busy machine PyTorch's worker threads
     * make every op wait for a core (80 s instead of 15 s for this class).
     */
    @BeforeAll
    static void oneThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            threads = JniUtils.getNumThreads();
            JniUtils.setNumThreads(1);
        }
    }

    @AfterAll
    static void restoreThreads() {
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** A generated network, its input shape and a readable description for reproduction. */
    private static final class Net {
        final Block block;
        final Shape input;
        final String description;

        Net(Block block, Shape input, String description) {
            this.block = block;
            this.input = input;
            this.description = description;
        }
    }

    /** Builds a random network from a seed; the same seed always gives the same network. */
    private static final class Generator {

        private final Random random;
        private final Map<String, Integer> features;
        private int channels;
        private int spatial;
        private int poolBan;

        Generator(long seed, Map<String, Integer> features) {
            this.random = new Random(seed);
            this.features = features;
        }

        Net build() {
            channels = 1 + random.nextInt(4);
            spatial = 8;
            Shape input = new Shape(2, channels, spatial, spatial);
            SequentialBlock net = new SequentialBlock();
            List<String> parts = new ArrayList<>();
            int units = 2 + random.nextInt(4);
            for (int i = 0; i < units; i++) {
                parts.add(unit(net, 0));
            }
            parts.add(head(net));
            return new Net(net, input, "input " + input + ": " + parts);
        }

        private void count(String feature) {
            features.merge(feature, 1, Integer::sum);
        }

        private String unit(SequentialBlock into, int depth) {
            switch (random.nextInt(depth < 2 ? 8 : 7)) {
                case 0:
                case 1:
                    return convUnit(into);
                case 2:
                    return residual(into, depth);
                case 3:
                    return parallelAdd(into, depth);
                case 4:
                    return channels > MAX_CHANNELS - 2 ? convUnit(into) : concat(into);
                case 5:
                    return depthwise(into);
                case 6:
                    return pool(into);
                default:
                    return nested(into, depth);
            }
        }

        private String convUnit(SequentialBlock into) {
            count("conv");
            int filters = 1 + random.nextInt(8);
            String s = conv(into, filters, random.nextBoolean() ? 3 : 1);
            s += norm(into);
            s += activation(into);
            channels = filters;
            return s;
        }

        private String conv(SequentialBlock into, int filters, int kernel) {
            into.add(kernel == 3 ? conv3(filters) : conv1(filters));
            return "conv" + kernel + "(" + filters + ")";
        }

        private String norm(SequentialBlock into) {
            if (random.nextBoolean()) {
                count("bn");
                into.add(BatchNorm.builder().build());
                return "+bn";
            }
            return "";
        }

        private String activation(SequentialBlock into) {
            switch (random.nextInt(5)) {
                case 4:
                    count("sigmoid");
                    into.add(ActivationBlock.sigmoid());
                    return "+sigmoid";
                case 1:
                    into.add(ActivationBlock.relu());
                    return "+relu";
                case 2:
                    into.add(Activation.reluBlock());
                    return "+djlRelu";
                case 3:
                    count("lambda");
                    into.add(Activation::relu);
                    return "+lambdaRelu";
                default:
                    return "";
            }
        }

        /** Random units whose spatial size must not change (a residual or parallel branch). */
        private String body(SequentialBlock into, int depth) {
            poolBan++;
            List<String> parts = new ArrayList<>();
            int units = 1 + random.nextInt(2);
            for (int i = 0; i < units; i++) {
                parts.add(unit(into, depth + 1));
            }
            poolBan--;
            return parts.toString();
        }

        private String residual(SequentialBlock into, int depth) {
            int in = channels;
            SequentialBlock main = new SequentialBlock();
            Residual.Builder builder = Residual.builder().setMain(main);
            String s;
            switch (random.nextInt(depth < 2 ? 4 : 3)) {
                case 3:
                    {
                        count("residual-nested");
                        s = "res(main=[" + body(main, depth) + ", ";
                        if (random.nextBoolean()) {
                            s += conv(main, in, 3) + norm(main) + "], id";
                        } else {
                            int out = 1 + random.nextInt(8);
                            s += conv(main, out, 3) + norm(main) + "], shortcut=[";
                            SequentialBlock shortcut = new SequentialBlock();
                            s += conv(shortcut, out, 1) + norm(shortcut) + "]";
                            builder.optShortcut(shortcut);
                            channels = out;
                            break;
                        }
                        channels = in;
                        break;
                    }
                case 0:
                    {
                        count("residual-identity");
                        int mid = 1 + random.nextInt(8);
                        s = "res(id, main=[" + conv(main, mid, 3) + norm(main) + "+relu, ";
                        main.add(ActivationBlock.relu());
                        s += conv(main, in, 3) + norm(main) + "]";
                        break;
                    }
                case 1:
                    {
                        count("residual-conv");
                        int mid = 1 + random.nextInt(8);
                        int out = 1 + random.nextInt(8);
                        s = "res(main=[" + conv(main, mid, 3) + norm(main) + "+relu, ";
                        main.add(ActivationBlock.relu());
                        s += conv(main, out, 3) + norm(main) + "], shortcut=[";
                        SequentialBlock shortcut = new SequentialBlock();
                        s += conv(shortcut, out, 1) + norm(shortcut) + "]";
                        builder.optShortcut(shortcut);
                        channels = out;
                        break;
                    }
                default:
                    {
                        count("residual-inverted");
                        count("depthwise");
                        int expanded = in * (1 + random.nextInt(2));
                        s = "res(id, main=[" + conv(main, expanded, 1) + norm(main) + "+relu6, ";
                        main.add(ActivationBlock.relu6());
                        main.add(depthwiseConv(expanded, 1));
                        s += "dw(" + expanded + ")" + norm(main) + "+relu6, ";
                        main.add(ActivationBlock.relu6());
                        s += conv(main, in, 1) + norm(main) + "]";
                        break;
                    }
            }
            if (random.nextBoolean()) {
                builder.optActivation(ActivationBlock.relu());
                s += "+relu";
            }
            into.add(builder.build());
            return s + ")";
        }

        private String parallelAdd(SequentialBlock into, int depth) {
            count("parallel-add");
            int in = channels;
            boolean identity = random.nextBoolean();
            int out = identity ? in : 1 + random.nextInt(8);
            SequentialBlock first = new SequentialBlock();
            String s = "add[";
            if (depth < 2 && random.nextInt(3) == 0) {
                count("parallel-nested");
                s += body(first, depth) + "+";
            }
            s += conv(first, out, 3) + norm(first) + activation(first) + ", ";
            channels = in;
            Block second;
            if (identity) {
                second = Blocks.identityBlock();
                s += "id]";
            } else {
                SequentialBlock branch = new SequentialBlock();
                s += conv(branch, out, 1) + norm(branch) + "]";
                second = branch;
            }
            into.add(new ParallelBlock(RandomNetsPropertyTest::sum, List.of(first, second)));
            channels = out;
            return s + activation(into);
        }

        private String concat(SequentialBlock into) {
            count("concat");
            int a = 1 + random.nextInt(6);
            SequentialBlock first = new SequentialBlock();
            String s = "cat[" + conv(first, a, 3) + norm(first) + activation(first) + ", ";
            Block second;
            int b;
            if (random.nextInt(3) == 0) {
                second = Blocks.identityBlock();
                b = channels;
                s += "id]";
            } else {
                b = 1 + random.nextInt(6);
                SequentialBlock branch = new SequentialBlock();
                s += conv(branch, b, 1) + norm(branch) + "]";
                second = branch;
            }
            into.add(new ParallelBlock(RandomNetsPropertyTest::cat, List.of(first, second)));
            channels = a + b;
            return s + activation(into);
        }

        private String depthwise(SequentialBlock into) {
            count("depthwise");
            int multiplier = channels * 2 <= MAX_CHANNELS && random.nextBoolean() ? 2 : 1;
            into.add(depthwiseConv(channels * multiplier, channels));
            String s = "dw(" + channels + "x" + multiplier + ")";
            channels *= multiplier;
            return s + norm(into) + activation(into);
        }

        private String pool(SequentialBlock into) {
            if (spatial < 4 || poolBan > 0) {
                return convUnit(into);
            }
            count("pool");
            into.add(MaxPool2d.of(2));
            spatial /= 2;
            return "pool";
        }

        private String nested(SequentialBlock into, int depth) {
            count("nested");
            SequentialBlock inner = new SequentialBlock();
            List<String> parts = new ArrayList<>();
            int units = 1 + random.nextInt(3);
            for (int i = 0; i < units; i++) {
                parts.add(unit(inner, depth + 1));
            }
            into.add(inner);
            return "seq" + parts;
        }

        private String head(SequentialBlock into) {
            switch (random.nextInt(4)) {
                case 0:
                    return "(no head)";
                case 3:
                    {
                        count("gap-linear");
                        into.add(Pool.globalAvgPool2dBlock());
                        int classes = 1 + random.nextInt(5);
                        into.add(Linear.builder().setUnits(classes).build());
                        return "gap+linear(" + classes + ")";
                    }
                case 1:
                    {
                        int classes = 1 + random.nextInt(5);
                        into.add(conv1(classes));
                        return "conv1(" + classes + ")";
                    }
                default:
                    {
                        count("linear");
                        boolean core = random.nextBoolean();
                        into.add(core ? new Flatten() : Blocks.batchFlattenBlock());
                        int units = 1 + random.nextInt(6);
                        into.add(Linear.builder().setUnits(units).build());
                        String s = (core ? "flatten" : "batchFlatten") + "+linear(" + units + ")";
                        if (random.nextBoolean()) {
                            int classes = 1 + random.nextInt(4);
                            if (random.nextBoolean()) {
                                count("bn1d");
                                into.add(BatchNorm.builder().build());
                                s += "+bn";
                            }
                            into.add(ActivationBlock.relu());
                            into.add(Linear.builder().setUnits(classes).build());
                            s += "+relu+linear(" + classes + ")";
                        }
                        return s;
                    }
            }
        }
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(
                branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    private static NDList cat(List<NDList> branches) {
        return new NDList(
                NDArrays.concat(
                        new NDList(
                                branches.get(0).singletonOrThrow(),
                                branches.get(1).singletonOrThrow()),
                        1));
    }

    private static Conv2d conv3(int filters) {
        return PruneNets.conv(filters, 3, 1);
    }

    private static Conv2d conv1(int filters) {
        return PruneNets.conv(filters, 1, 1);
    }

    private static Conv2d depthwiseConv(int filters, int groups) {
        return PruneNets.conv(filters, 3, groups);
    }

    private static Net generate(long seed, Map<String, Integer> features) {
        return new Generator(seed, features).build();
    }

    private static Shape outputShape(Block block, NDArray x) {
        ParameterStore store = new ParameterStore(x.getManager(), false);
        return block.forward(store, new NDList(x), false).singletonOrThrow().getShape();
    }

    /**
     * Zeroed coupled channels are removed without changing the outputs.
     *
     * @return whether the network has prunable groups (if not, pruning must say so)
     */
    private static boolean checkZeroPruning(long seed, Net net) {
        try (NDManager manager = NDManager.newBaseManager()) {
            PruneNets.init(net.block, manager, net.input, seed);
            DependencyGraph graph = DependencyGraph.of(net.block, net.input);
            if (graph.getGroups().isEmpty()) {
                // Building the pruner or its first step must refuse it, saying why.
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        Pruner.builder()
                                                .setModel(net.block)
                                                .optInputShape(net.input)
                                                .build()
                                                .pruneZeroGroups());
                assertTrue(e.getMessage().contains("no prunable channels"), e.getMessage());
                return false;
            }
            Pruner pruner = Pruner.builder().setModel(net.block).optInputShape(net.input).build();
            Random random = new Random(seed);
            double fraction = 0.2 + 0.5 * random.nextDouble();
            int zeroed = PruneNets.zeroRandomChannels(graph, fraction, random);
            NDArray x = manager.randomNormal(net.input);
            float[] masked = PruneNets.output(net.block, x);
            PruneReport report = pruner.pruneZeroGroups();
            PruneNets.assertClose(masked, PruneNets.output(net.block, x), 1e-5);
            assertTrue(report.getRemoved() <= zeroed, report + " of " + zeroed + " zeroed");
            return true;
        }
    }

    /**
     * Ratio pruning removes the expected channel count, keeps the output shape and never adds MACs;
     * a second, larger ratio does the same from there.
     */
    private static void checkRatioPruning(long seed, Net net) {
        try (NDManager manager = NDManager.newBaseManager()) {
            PruneNets.init(net.block, manager, net.input, seed);
            Random random = new Random(~seed);
            double ratio = 90 * random.nextDouble();
            double next = ratio + (90 - ratio) * random.nextDouble();
            Context context = random.nextBoolean() ? Context.LOCAL : Context.GLOBAL;
            String step = context + " " + ratio + "% then " + next + "%";
            NDArray x = manager.randomNormal(net.input);
            Shape shape = outputShape(net.block, x);
            long macs = ModelStats.macs(net.block, net.input);
            Pruner pruner =
                    Pruner.builder()
                            .setModel(net.block)
                            .optInputShape(net.input)
                            .optContext(context)
                            .build();
            List<ChannelGroup> groups = pruner.getGraph().getGroups();

            PruneReport report = pruner.prune(ratio);
            assertEquals(shape, outputShape(net.block, x), step);
            long after = ModelStats.macs(net.block, net.input);
            assertTrue(after <= macs, "MACs " + macs + " -> " + after + " at " + step);
            if (report.getRemoved() > 0) {
                assertTrue(after < macs, "removed " + report + " but MACs stayed " + macs);
            }
            int total = 0;
            int removable = 0;
            for (ChannelGroup group : groups) {
                int n = group.size();
                int drop = (int) Math.min(Math.round(ratio / 100 * n), n - 1);
                total += n;
                removable += n - 1;
                if (context == Context.LOCAL) {
                    assertEquals(
                            n - drop,
                            (int) report.getChannels().get(String.join(",", group.getLayers())),
                            group + " at " + step);
                }
            }
            if (context == Context.GLOBAL) {
                int need = (int) Math.min(Math.round(ratio / 100 * total), removable);
                assertEquals(need, report.getRemoved(), step + " of " + groups);
            }

            pruner.prune(next);
            assertEquals(shape, outputShape(net.block, x), step);
            long last = ModelStats.macs(net.block, net.input);
            assertTrue(last <= after, "MACs " + after + " -> " + last + " at " + step);
        }
    }

    @Test
    void randomNetsPruneLosslesslyAndKeepTheirShape() {
        Map<String, Integer> features = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int withGroups = 0;
        for (long seed = 0; seed < NETS; seed++) {
            Net net = generate(seed, features);
            assertEquals(
                    net.description,
                    generate(seed, new TreeMap<>()).description,
                    "generator is not deterministic");
            try {
                if (checkZeroPruning(seed, net)) {
                    withGroups++;
                    checkRatioPruning(seed, generate(seed, new TreeMap<>()));
                }
                checked++;
            } catch (AssertionError | RuntimeException e) {
                failures.add("seed " + seed + " " + net.description + ": " + e);
            }
        }
        System.out.println("features " + features + "; " + withGroups + " nets with groups");
        assertEquals(List.of(), failures);
        assertTrue(checked >= 100, "checked " + checked);
        assertTrue(withGroups >= 90, "only " + withGroups + " nets have prunable groups");
        for (String feature :
                List.of(
                        "conv",
                        "bn",
                        "lambda",
                        "residual-identity",
                        "residual-conv",
                        "residual-inverted",
                        "residual-nested",
                        "parallel-nested",
                        "sigmoid",
                        "gap-linear",
                        "bn1d",
                        "parallel-add",
                        "concat",
                        "depthwise",
                        "pool",
                        "nested",
                        "linear")) {
            assertTrue(features.getOrDefault(feature, 0) >= 5, feature + ": " + features);
        }
    }
}
