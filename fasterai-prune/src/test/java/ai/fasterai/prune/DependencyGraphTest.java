/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.nn.Residual;
import ai.fasterai.core.stats.ModelStats;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Group structure, pins and lossless zero-pruning of small hand-built networks. */
class DependencyGraphTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    // ---------------------------------------------------------------- building blocks

    private static Conv2d conv(int filters) {
        return PruneNets.conv(filters, 3, 1);
    }

    private static Conv2d conv1x1(int filters) {
        return PruneNets.conv(filters, 1, 1);
    }

    private static Conv2d grouped(int filters, int groups) {
        return PruneNets.conv(filters, 3, groups);
    }

    private static BatchNorm bn() {
        return BatchNorm.builder().build();
    }

    private static Block relu() {
        return ActivationBlock.relu();
    }

    private static Function<List<NDList>, NDList> add() {
        return list ->
                new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow()));
    }

    private static Function<List<NDList>, NDList> concat() {
        return list ->
                new NDList(
                        NDArrays.concat(
                                new NDList(
                                        list.get(0).singletonOrThrow(),
                                        list.get(1).singletonOrThrow()),
                                1));
    }

    /** A container whose wiring the tracer cannot know: it runs its child twice. */
    private static final class Twice extends AbstractBlock {

        private final Block inner;

        Twice(Block inner) {
            this.inner = addChildBlock("inner", inner);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore parameterStore,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDList once = inner.forward(parameterStore, inputs, training, params);
            return inner.forward(parameterStore, once, training, params);
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            inner.initialize(manager, dataType, inputShapes);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }
    }

    // ---------------------------------------------------------------- helpers

    private DependencyGraph analyze(Block block, Shape input, long seed) {
        PruneNets.init(block, manager, input, seed);
        return DependencyGraph.of(block, input);
    }

    private static List<String> describe(DependencyGraph graph) {
        return graph.getGroups().stream().map(ChannelGroup::toString).collect(Collectors.toList());
    }

    private static LayerUse layer(DependencyGraph graph, String path) {
        return graph.layers().stream()
                .filter(l -> l.path.equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no layer " + path));
    }

    /**
     * Zeroes one coupled channel everywhere it is produced or carried: the producing layer's row
     * {@code channel} and every row (weights, biases, BatchNorm scale and shift) of its class.
     */
    private static void zeroChannel(DependencyGraph graph, String producer, int channel) {
        Atoms atoms = graph.atoms();
        int root = atoms.find(layer(graph, producer).outAtoms[channel]);
        int rows = 0;
        for (LayerUse use : graph.layers()) {
            for (Pair<String, Parameter> pair : use.block.getDirectParameters()) {
                String name = pair.getKey();
                if (name.equals("runningMean") || name.equals("runningVar")) {
                    continue;
                }
                NDArray array = pair.getValue().getArray();
                for (int j = 0; j < use.outAtoms.length; j++) {
                    if (atoms.find(use.outAtoms[j]) == root) {
                        array.set(new NDIndex(j), 0f);
                        rows++;
                    }
                }
            }
        }
        assertTrue(rows > 0, "zeroed no row of " + producer + " channel " + channel);
    }

    /** Prunes zero channels and checks the outputs did not change. */
    private PruneReport pruneZerosLossless(Block block, Shape input) {
        NDArray x = manager.randomNormal(input);
        float[] before = PruneNets.output(block, x);
        long macs = ModelStats.macs(block, input);
        PruneReport report =
                Pruner.builder().setModel(block).optInputShape(input).build().pruneZeroGroups();
        float[] after = PruneNets.output(block, x);
        PruneNets.assertClose(before, after, 1e-5);
        if (report.getRemoved() > 0) {
            assertTrue(ModelStats.macs(block, input) < macs, "MACs did not drop: " + report);
        }
        return report;
    }

    /** Finds a block by its path of child names. */
    private static Block at(Block root, String path) {
        Block block = root;
        for (String name : path.split("/")) {
            block = block.getChildren().get(name);
            assertNotNull(block, "no block " + name + " in " + path);
        }
        return block;
    }

    private static Shape shapeOf(Block root, String path, String parameter) {
        return at(root, path).getParameters().get(parameter).getArray().getShape();
    }

    // ---------------------------------------------------------------- plain chains

    @Test
    void plainChainHasOneGroupPerConvAndPinsTheClassifier() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(bn())
                        .add(relu())
                        .add(conv(6))
                        .add(relu())
                        .add(MaxPool2d.of(2))
                        .add(conv(5))
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(3).build());
        DependencyGraph graph = analyze(net, new Shape(2, 3, 8, 8), 1);

        assertEquals(
                List.of(
                        "4 channels of [01Conv2d]",
                        "6 channels of [04Conv2d]",
                        "5 channels of [07Conv2d]"),
                describe(graph));
        assertNull(graph.groupOf("09Linear"));
        assertEquals(6, graph.groupOf("04Conv2d").size());
        assertTrue(graph.getPinReasons().contains("the network's input channels"));
        assertTrue(graph.getPinReasons().contains("the network's output channels"));
        assertEquals(
                List.of(
                        LayerUse.Kind.CONV,
                        LayerUse.Kind.BATCH_NORM,
                        LayerUse.Kind.CONV,
                        LayerUse.Kind.CONV,
                        LayerUse.Kind.LINEAR),
                graph.layers().stream().map(l -> l.kind).collect(Collectors.toList()));
        // The BatchNorm carries exactly its conv's channels.
        int[] convOut = layer(graph, "01Conv2d").outAtoms;
        int[] normOut = layer(graph, "02BatchNorm").outAtoms;
        for (int c = 0; c < 4; c++) {
            assertEquals(graph.atoms().find(convOut[c]), graph.atoms().find(normOut[c]));
        }
        // 5 channels of 4x4 flattened into the Linear.
        assertEquals(5 * 4 * 4, layer(graph, "09Linear").inAtoms.length);
    }

    @Test
    void plainChainZeroPruningIsLossless() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(bn())
                        .add(relu())
                        .add(conv(6))
                        .add(relu())
                        .add(conv(3));
        Shape input = new Shape(2, 2, 6, 6);
        DependencyGraph graph = analyze(net, input, 2);
        zeroChannel(graph, "01Conv2d", 0);
        zeroChannel(graph, "01Conv2d", 3);
        zeroChannel(graph, "04Conv2d", 5);

        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(3, report.getRemoved());
        assertEquals(Map.of("01Conv2d", 2, "04Conv2d", 5), report.getChannels());
        assertEquals(new Shape(2, 2, 3, 3), shapeOf(net, "01Conv2d", "weight"));
        assertEquals(new Shape(2), shapeOf(net, "02BatchNorm", "gamma"));
        assertEquals(new Shape(5, 2, 3, 3), shapeOf(net, "04Conv2d", "weight"));
        assertEquals(new Shape(3, 5, 3, 3), shapeOf(net, "06Conv2d", "weight"));
    }

    // ---------------------------------------------------------------- residual adds

    private static Block mainBranch(int mid, int out) {
        return new SequentialBlock().add(conv(mid)).add(bn()).add(relu()).add(conv(out)).add(bn());
    }

    @Test
    void identityResidualCouplesStemAndBranchEnd() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(bn())
                        .add(relu())
                        .add(
                                Residual.builder()
                                        .setMain(mainBranch(4, 4))
                                        .optActivation(relu())
                                        .build())
                        .add(conv(3));
        Shape input = new Shape(2, 3, 6, 6);
        DependencyGraph graph = analyze(net, input, 3);

        assertEquals(
                List.of(
                        "4 channels of [01Conv2d, 04Residual/01main/04Conv2d]",
                        "4 channels of [04Residual/01main/01Conv2d]"),
                describe(graph));
        assertEquals(graph.groupOf("01Conv2d"), graph.groupOf("04Residual/01main/04Conv2d"));

        zeroChannel(graph, "01Conv2d", 2);
        zeroChannel(graph, "04Residual/01main/01Conv2d", 0);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(2, report.getRemoved());
        assertEquals(
                Map.of(
                        "01Conv2d,04Residual/01main/04Conv2d", 3,
                        "04Residual/01main/01Conv2d", 3),
                report.getChannels());
        assertEquals(new Shape(3, 3, 3, 3), shapeOf(net, "04Residual/01main/04Conv2d", "weight"));
        assertEquals(new Shape(3, 3, 3, 3), shapeOf(net, "05Conv2d", "weight"));
    }

    @Test
    void convShortcutCouplesBranchEndShortcutAndNextResidual() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(relu())
                        .add(
                                Residual.builder()
                                        .setMain(mainBranch(4, 6))
                                        .optShortcut(
                                                new SequentialBlock().add(conv1x1(6)).add(bn()))
                                        .optActivation(relu())
                                        .build())
                        .add(
                                Residual.builder()
                                        .setMain(mainBranch(6, 6))
                                        .optActivation(relu())
                                        .build())
                        .add(conv(3));
        Shape input = new Shape(2, 3, 6, 6);
        DependencyGraph graph = analyze(net, input, 4);

        assertEquals(
                List.of(
                        "4 channels of [01Conv2d]",
                        "4 channels of [03Residual/01main/01Conv2d]",
                        "6 channels of [03Residual/01main/04Conv2d,"
                                + " 03Residual/02shortcut/01Conv2d,"
                                + " 04Residual/01main/04Conv2d]",
                        "6 channels of [04Residual/01main/01Conv2d]"),
                describe(graph));

        zeroChannel(graph, "03Residual/02shortcut/01Conv2d", 1);
        zeroChannel(graph, "03Residual/02shortcut/01Conv2d", 4);
        zeroChannel(graph, "01Conv2d", 3);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(3, report.getRemoved());
        assertEquals(
                4,
                (int)
                        report.getChannels()
                                .get(
                                        "03Residual/01main/04Conv2d,03Residual/02shortcut/01Conv2d,"
                                                + "04Residual/01main/04Conv2d"));
        assertEquals(
                new Shape(4, 3, 1, 1), shapeOf(net, "03Residual/02shortcut/01Conv2d", "weight"));
        assertEquals(new Shape(6, 4, 3, 3), shapeOf(net, "04Residual/01main/01Conv2d", "weight"));
        assertEquals(new Shape(3, 4, 3, 3), shapeOf(net, "05Conv2d", "weight"));
    }

    @Test
    void djlParallelAddWithIdentityCouplesLikeResidual() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(bn())
                        .add(relu())
                        .add(
                                new ParallelBlock(
                                        add(), List.of(mainBranch(5, 4), Blocks.identityBlock())))
                        .add(relu())
                        .add(conv(3));
        Shape input = new Shape(2, 3, 6, 6);
        DependencyGraph graph = analyze(net, input, 5);

        assertEquals(
                List.of(
                        "4 channels of [01Conv2d, 04ParallelBlock/01SequentialBlock/04Conv2d]",
                        "5 channels of [04ParallelBlock/01SequentialBlock/01Conv2d]"),
                describe(graph));

        zeroChannel(graph, "04ParallelBlock/01SequentialBlock/04Conv2d", 1);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(1, report.getRemoved());
        assertEquals(new Shape(3, 3, 3, 3), shapeOf(net, "01Conv2d", "weight"));
        assertEquals(new Shape(3, 3, 3, 3), shapeOf(net, "06Conv2d", "weight"));
    }

    @Test
    void productJoinIsElementwiseAndCouplesItsBranches() {
        Function<List<NDList>, NDList> product =
                list ->
                        new NDList(
                                list.get(0).singletonOrThrow().mul(list.get(1).singletonOrThrow()));
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(relu())
                        .add(new ParallelBlock(product, List.of(conv(5), conv(5))))
                        .add(relu())
                        .add(conv(3));
        Shape input = new Shape(2, 2, 6, 6);
        DependencyGraph graph = analyze(net, input, 6);

        assertEquals(
                List.of(
                        "4 channels of [01Conv2d]",
                        "5 channels of [03ParallelBlock/01Conv2d, 03ParallelBlock/02Conv2d]"),
                describe(graph));

        zeroChannel(graph, "03ParallelBlock/02Conv2d", 3);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(1, report.getRemoved());
        assertEquals(new Shape(4, 4, 3, 3), shapeOf(net, "03ParallelBlock/01Conv2d", "weight"));
        assertEquals(new Shape(3, 4, 3, 3), shapeOf(net, "05Conv2d", "weight"));
    }

    @Test
    void channelMixingJoinIsRejectedWithItsPath() {
        Function<List<NDList>, NDList> mixing =
                list ->
                        new NDList(
                                list.get(0)
                                        .singletonOrThrow()
                                        .add(
                                                list.get(1)
                                                        .singletonOrThrow()
                                                        .mean(new int[] {1}, true)));
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(relu())
                        .add(new ParallelBlock(mixing, List.of(conv(4), conv(4))))
                        .add(conv(3));
        Shape input = new Shape(2, 2, 6, 6);
        PruneNets.init(net, manager, input, 7);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DependencyGraph.of(net, input));
        assertTrue(
                e.getMessage().contains("cannot analyze 03ParallelBlock (ParallelBlock)"),
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Pruner.builder().setModel(net).optInputShape(input).build());
    }

    // ---------------------------------------------------------------- concatenation

    @Test
    void concatKeepsBranchGroupsApartAndPrunesLosslessly() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(new ParallelBlock(concat(), List.of(conv(4), conv(6))))
                        .add(relu())
                        .add(conv(3));
        Shape input = new Shape(2, 3, 6, 6);
        DependencyGraph graph = analyze(net, input, 8);

        assertEquals(
                List.of(
                        "4 channels of [01ParallelBlock/01Conv2d]",
                        "6 channels of [01ParallelBlock/02Conv2d]"),
                describe(graph));
        // The consumer's input columns are the first branch's channels, then the second's.
        Atoms atoms = graph.atoms();
        int[] in = layer(graph, "03Conv2d").inAtoms;
        int[] first = layer(graph, "01ParallelBlock/01Conv2d").outAtoms;
        int[] second = layer(graph, "01ParallelBlock/02Conv2d").outAtoms;
        assertEquals(10, in.length);
        for (int c = 0; c < 10; c++) {
            int expected = c < 4 ? first[c] : second[c - 4];
            assertEquals(atoms.find(expected), atoms.find(in[c]), "column " + c);
        }

        zeroChannel(graph, "01ParallelBlock/01Conv2d", 1);
        zeroChannel(graph, "01ParallelBlock/02Conv2d", 0);
        zeroChannel(graph, "01ParallelBlock/02Conv2d", 5);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(3, report.getRemoved());
        assertEquals(
                Map.of("01ParallelBlock/01Conv2d", 3, "01ParallelBlock/02Conv2d", 4),
                report.getChannels());
        assertEquals(new Shape(3, 7, 3, 3), shapeOf(net, "03Conv2d", "weight"));
    }

    @Test
    void concatInsideAnAddSplitsTheOtherBranchIntoTwoGroups() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(5))
                        .add(relu())
                        .add(
                                new ParallelBlock(
                                        add(),
                                        List.of(
                                                conv(8),
                                                new ParallelBlock(
                                                        concat(), List.of(conv(4), conv(4))))))
                        .add(relu())
                        .add(conv(2));
        Shape input = new Shape(2, 3, 6, 6);
        DependencyGraph graph = analyze(net, input, 19);

        assertEquals(
                List.of(
                        "5 channels of [01Conv2d]",
                        "4 channels of [03ParallelBlock/01Conv2d,"
                                + " 03ParallelBlock/02ParallelBlock/01Conv2d]",
                        "4 channels of [03ParallelBlock/01Conv2d,"
                                + " 03ParallelBlock/02ParallelBlock/02Conv2d]"),
                describe(graph));

        zeroChannel(graph, "03ParallelBlock/02ParallelBlock/01Conv2d", 1);
        zeroChannel(graph, "03ParallelBlock/02ParallelBlock/02Conv2d", 2);
        PruneReport report = pruneZerosLossless(net, input);
        // Two groups share their first layer (the add's other summand): both are reported.
        assertEquals(3, report.getChannels().size(), report.getChannels().toString());
        assertEquals(2, report.getRemoved());

        assertEquals(new Shape(6, 5, 3, 3), shapeOf(net, "03ParallelBlock/01Conv2d", "weight"));
        assertEquals(
                new Shape(3, 5, 3, 3),
                shapeOf(net, "03ParallelBlock/02ParallelBlock/01Conv2d", "weight"));
        assertEquals(
                new Shape(3, 5, 3, 3),
                shapeOf(net, "03ParallelBlock/02ParallelBlock/02Conv2d", "weight"));
        assertEquals(new Shape(2, 6, 3, 3), shapeOf(net, "05Conv2d", "weight"));
    }

    // ---------------------------------------------------------------- depthwise and grouped

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void depthwiseFollowsItsProducerAndPrunesLosslessly(int multiplier) {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(bn())
                        .add(relu())
                        .add(grouped(4 * multiplier, 4))
                        .add(bn())
                        .add(relu())
                        .add(conv(6))
                        .add(relu())
                        .add(conv(3));
        Shape input = new Shape(2, 3, 6, 6);
        DependencyGraph graph = analyze(net, input, 9);

        assertEquals(
                List.of("4 channels of [01Conv2d]", "6 channels of [07Conv2d]"), describe(graph));
        assertNull(graph.groupOf("04Conv2d"));
        LayerUse depthwise = layer(graph, "04Conv2d");
        assertEquals(LayerUse.Kind.DEPTHWISE, depthwise.kind);
        int[] produced = layer(graph, "01Conv2d").outAtoms;
        assertEquals(4 * multiplier, depthwise.outAtoms.length);
        for (int j = 0; j < depthwise.outAtoms.length; j++) {
            assertEquals(
                    graph.atoms().find(produced[j / multiplier]),
                    graph.atoms().find(depthwise.outAtoms[j]),
                    "depthwise filter " + j);
        }

        zeroChannel(graph, "01Conv2d", 2);
        zeroChannel(graph, "07Conv2d", 1);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(2, report.getRemoved());
        assertEquals(Map.of("01Conv2d", 3, "07Conv2d", 5), report.getChannels());
        assertEquals(new Shape(3 * multiplier, 1, 3, 3), shapeOf(net, "04Conv2d", "weight"));
        assertEquals(3, ((Conv2d) at(net, "04Conv2d")).getGroups());
        assertEquals(new Shape(3 * multiplier), shapeOf(net, "05BatchNorm", "gamma"));
        assertEquals(new Shape(5, 3 * multiplier, 3, 3), shapeOf(net, "07Conv2d", "weight"));
    }

    @Test
    void groupedConvPinsItsInputAndOutputChannels() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(8))
                        .add(relu())
                        .add(grouped(8, 2))
                        .add(relu())
                        .add(conv(4))
                        .add(relu())
                        .add(conv(3));
        DependencyGraph graph = analyze(net, new Shape(2, 3, 6, 6), 10);

        assertEquals(List.of("4 channels of [05Conv2d]"), describe(graph));
        assertNull(graph.groupOf("01Conv2d"));
        assertNull(graph.groupOf("03Conv2d"));
        assertTrue(
                graph.getPinReasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("03Conv2d (Conv2d)")
                                                && r.contains("grouped convolution (groups=2)")),
                graph.getPinReasons().toString());
        assertTrue(graph.layers().stream().noneMatch(l -> l.path.equals("03Conv2d")));
    }

    // ---------------------------------------------------------------- flatten into Linear

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void flattenIntoLinearGivesEachChannelItsFeaturesAndPrunesLosslessly(boolean coreFlatten) {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(5))
                        .add(relu())
                        .add(MaxPool2d.of(2))
                        .add(coreFlatten ? new Flatten() : Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(6).build())
                        .add(relu())
                        .add(Linear.builder().setUnits(3).build());
        Shape input = new Shape(2, 2, 4, 4);
        DependencyGraph graph = analyze(net, input, 11);

        assertEquals(
                List.of("5 channels of [01Conv2d]", "6 channels of [05Linear]"), describe(graph));
        int[] features = layer(graph, "05Linear").inAtoms;
        int[] channels = layer(graph, "01Conv2d").outAtoms;
        assertEquals(20, features.length);
        for (int f = 0; f < features.length; f++) {
            assertEquals(
                    graph.atoms().find(channels[f / 4]),
                    graph.atoms().find(features[f]),
                    "feature " + f);
        }

        zeroChannel(graph, "01Conv2d", 1);
        zeroChannel(graph, "01Conv2d", 3);
        zeroChannel(graph, "05Linear", 2);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(3, report.getRemoved());
        assertEquals(new Shape(3, 2, 3, 3), shapeOf(net, "01Conv2d", "weight"));
        assertEquals(new Shape(5, 12), shapeOf(net, "05Linear", "weight"));
        assertEquals(new Shape(3, 5), shapeOf(net, "07Linear", "weight"));
    }

    // ---------------------------------------------------------------- probed lambdas

    @Test
    void anonymousReluLambdaActsPerChannel() {
        SequentialBlock net = new SequentialBlock().add(conv(4)).add(Activation::relu).add(conv(3));
        Shape input = new Shape(2, 2, 6, 6);
        DependencyGraph graph = analyze(net, input, 12);

        assertEquals(List.of("4 channels of [01Conv2d]"), describe(graph));
        assertTrue(
                graph.getPinReasons().stream().noneMatch(r -> r.contains("LambdaBlock")),
                graph.getPinReasons().toString());

        zeroChannel(graph, "01Conv2d", 3);
        PruneReport report = pruneZerosLossless(net, input);
        assertEquals(1, report.getRemoved());
        assertEquals(new Shape(3, 3, 3, 3), shapeOf(net, "03Conv2d", "weight"));
    }

    @Test
    void softmaxOverChannelsPinsAndSaysWhere() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .addSingleton(a -> a.softmax(1))
                        .add(conv(5))
                        .add(relu())
                        .add(conv(3));
        DependencyGraph graph = analyze(net, new Shape(2, 2, 6, 6), 13);

        assertEquals(List.of("5 channels of [03Conv2d]"), describe(graph));
        assertNull(graph.groupOf("01Conv2d"));
        assertTrue(
                graph.getPinReasons().contains("02LambdaBlock (LambdaBlock) mixes channels"),
                graph.getPinReasons().toString());
    }

    @Test
    void softmaxOverWidthStaysPerChannel() {
        SequentialBlock net =
                new SequentialBlock().add(conv(4)).addSingleton(a -> a.softmax(-1)).add(conv(3));
        DependencyGraph graph = analyze(net, new Shape(2, 2, 6, 6), 14);

        assertEquals(List.of("4 channels of [01Conv2d]"), describe(graph));
        assertTrue(graph.getPinReasons().stream().noneMatch(r -> r.contains("LambdaBlock")));
    }

    @Test
    void fixedReshapeLambdaPins() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(Pool.globalAvgPool2dBlock())
                        .addSingleton(a -> a.reshape(a.getShape().get(0), 4, 1, 1))
                        .add(conv1x1(5))
                        .add(relu())
                        .add(conv1x1(3));
        DependencyGraph graph = analyze(net, new Shape(2, 2, 6, 6), 15);

        assertEquals(List.of("5 channels of [04Conv2d]"), describe(graph));
        assertNull(graph.groupOf("01Conv2d"));
        assertTrue(
                graph.getPinReasons().contains("03LambdaBlock (LambdaBlock) mixes channels"),
                graph.getPinReasons().toString());
        assertTrue(graph.getPinReasons().stream().noneMatch(r -> r.startsWith("02LambdaBlock")));
    }

    @Test
    void sigmoidKeepsZeroedChannelsBehindIt() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(relu())
                        .add(conv(5))
                        .add(ActivationBlock.of(ActivationBlock.Kind.SIGMOID))
                        .add(conv(3));
        Shape input = new Shape(2, 2, 6, 6);
        DependencyGraph graph = analyze(net, input, 16);

        assertEquals(
                List.of("4 channels of [01Conv2d]", "5 channels of [03Conv2d]"), describe(graph));
        zeroChannel(graph, "01Conv2d", 1);
        zeroChannel(graph, "03Conv2d", 2);
        zeroChannel(graph, "03Conv2d", 4);
        PruneReport report = pruneZerosLossless(net, input);

        assertEquals(1, report.getRemoved());
        assertEquals(Map.of("01Conv2d", 3, "03Conv2d", 5), report.getChannels());
        assertEquals(new Shape(5, 3, 3, 3), shapeOf(net, "03Conv2d", "weight"));
        assertEquals(new Shape(3, 5, 3, 3), shapeOf(net, "05Conv2d", "weight"));
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void unknownContainerIsRejectedWithPathAndType() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4))
                        .add(new SequentialBlock().add(relu()).add(new Twice(conv(4))))
                        .add(conv(3));
        Shape input = new Shape(2, 2, 6, 6);
        PruneNets.init(net, manager, input, 17);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DependencyGraph.of(net, input));
        assertTrue(e.getMessage().contains("02SequentialBlock/02Twice"), e.getMessage());
        assertTrue(e.getMessage().contains("(Twice)"), e.getMessage());
    }

    @Test
    void uninitializedBlockIsRejected() {
        SequentialBlock net = new SequentialBlock().add(conv(4)).add(relu()).add(conv(3));
        Shape input = new Shape(2, 2, 6, 6);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DependencyGraph.of(net, input));
        assertTrue(e.getMessage().contains("initialized"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Pruner.builder().setModel(net).optInputShape(input).build());
    }

    // ---------------------------------------------------------------- DJL MobileNetV2

    @Test
    void djlMobileNetV2IsAnalyzedAndZeroPrunedLosslessly() {
        Block net =
                ai.djl.basicmodelzoo.cv.classification.MobileNetV2.builder()
                        .optFilters(new int[] {8, 4, 8, 8, 8, 16, 16, 16, 32})
                        .optRepeatTimes(new int[] {1, 1, 2, 2, 2, 1, 1, 1, 1})
                        .optMultiTimes(new int[] {1, 2, 2, 2, 2, 2, 2})
                        .setOutSize(10)
                        .build();
        Shape input = new Shape(2, 3, 32, 32);
        DependencyGraph graph = analyze(net, input, 18);

        assertFalse(graph.getGroups().isEmpty());
        assertTrue(
                graph.getGroups().stream().anyMatch(g -> g.getLayers().size() >= 2),
                "no residual add coupled layers: " + graph);
        assertTrue(
                graph.getPinReasons().stream().anyMatch(r -> r.contains("mixes channels")),
                "the reshape lambda before the last conv should pin: " + graph.getPinReasons());

        int zeroed = PruneNets.zeroRandomChannels(graph, 0.4, new Random(18));
        PruneReport report = pruneZerosLossless(net, input);

        assertTrue(report.getRemoved() > 0, report.toString());
        assertTrue(report.getRemoved() <= zeroed, report + " of " + zeroed);
    }
}
