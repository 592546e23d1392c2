/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** MACs and parameter counts equal the hand computation, layer by layer and in total. */
class MacsAndParametersTest {

    // 01Conv2d: output 1 x 8 x 8 x 8 = 512 elements, each 3 input channels x 3 x 3 kernel.
    private static final long CONV1_MACS = 512L * 3 * 3 * 3; // 13,824
    // 02BatchNorm: one multiply-add per output element.
    private static final long BN_MACS = 512L;
    // 03/01Conv2d: groups 2, so each output sees 8 / 2 = 4 input channels.
    private static final long GROUPED_MACS = 512L * (8 / 2) * 3 * 3; // 18,432
    // 03/02Conv2d: side (8 + 2 * 2 - 2 * (3 - 1) - 1) / 2 + 1 = 7 / 2 + 1 = 4, so 4 x 4 x 4 = 64.
    private static final long STRIDED_MACS = 64L * 8 * 3 * 3; // 4,608
    // 06Linear: 10 outputs, each a dot product over 4 * 4 * 4 = 64 inputs.
    private static final long LINEAR_MACS = 10L * 64; // 640
    private static final long TOTAL_MACS = 38_016L;

    private static final long CONV1_PARAMS = 8 * 3 * 3 * 3 + 8; // 224
    private static final long BN_PARAMS = 8 + 8; // gamma, beta; running statistics are buffers
    private static final long GROUPED_PARAMS = 8 * 4 * 3 * 3 + 8; // 296
    private static final long STRIDED_PARAMS = 4 * 8 * 3 * 3 + 4; // 292
    private static final long LINEAR_PARAMS = 10 * 64 + 10; // 650
    private static final long TOTAL_PARAMS = 1_478L;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void handComputationHoldsLayerByLayer() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        List<LayerStats> rows = ModelStats.layers(block, StatsNets.INPUT);

        assertEquals(
                List.of(
                        "01Conv2d",
                        "02BatchNorm",
                        "03SequentialBlock/01Conv2d",
                        "03SequentialBlock/02Conv2d",
                        "04LambdaBlock",
                        "05LambdaBlock",
                        "06Linear"),
                rows.stream().map(LayerStats::path).collect(Collectors.toList()));
        assertEquals(
                List.of(
                        "Conv2d",
                        "BatchNorm",
                        "Conv2d",
                        "Conv2d",
                        "LambdaBlock",
                        "LambdaBlock",
                        "Linear"),
                rows.stream().map(LayerStats::type).collect(Collectors.toList()));
        assertEquals(
                List.of(
                        new Shape(1, 8, 8, 8),
                        new Shape(1, 8, 8, 8),
                        new Shape(1, 8, 8, 8),
                        new Shape(1, 4, 4, 4),
                        new Shape(1, 4, 4, 4),
                        new Shape(1, 64),
                        new Shape(1, 10)),
                rows.stream().map(LayerStats::outputShape).collect(Collectors.toList()));
        assertEquals(
                List.of(CONV1_MACS, BN_MACS, GROUPED_MACS, STRIDED_MACS, 0L, 0L, LINEAR_MACS),
                rows.stream().map(LayerStats::macs).collect(Collectors.toList()));
        assertEquals(
                List.of(
                        CONV1_PARAMS,
                        BN_PARAMS,
                        GROUPED_PARAMS,
                        STRIDED_PARAMS,
                        0L,
                        0L,
                        LINEAR_PARAMS),
                rows.stream().map(LayerStats::parameters).collect(Collectors.toList()));
    }

    @Test
    void handComputationHoldsInTotal() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        assertEquals(13_824L + 512 + 18_432 + 4_608 + 640, TOTAL_MACS);
        assertEquals(TOTAL_MACS, ModelStats.macs(block, StatsNets.INPUT));
        // The batch counts: two samples, twice the work.
        assertEquals(2 * TOTAL_MACS, ModelStats.macs(block, new Shape(2, 3, 8, 8)));

        assertEquals(224L + 16 + 296 + 292 + 650, TOTAL_PARAMS);
        StatsNets.fillOnes(block);
        assertEquals(
                new ParameterCounts(TOTAL_PARAMS, TOTAL_PARAMS, TOTAL_PARAMS),
                ModelStats.parameters(block));
        // DJL does hold the 8 + 8 running statistics: leaving them out is a choice, not luck.
        long allValues = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            allValues += pair.getValue().getArray().size();
        }
        assertEquals(TOTAL_PARAMS + 16, allValues);
    }

    @Test
    void frozenParametersAreNotTrainable() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        StatsNets.fillOnes(block);
        block.getChildren().get(5).getValue().freezeParameters(true);
        ParameterCounts counts = ModelStats.parameters(block);
        assertEquals(TOTAL_PARAMS, counts.parameters());
        assertEquals(TOTAL_PARAMS - LINEAR_PARAMS, counts.trainable());
    }

    @Test
    void parallelBlockFansOutAndSumsMacs() {
        ParallelBlock parallel =
                new ParallelBlock(
                        list ->
                                new NDList(
                                        NDArrays.concat(
                                                new NDList(
                                                        list.get(0).singletonOrThrow(),
                                                        list.get(1).singletonOrThrow()),
                                                1)),
                        Arrays.asList(linear(4), linear(3)));
        SequentialBlock block = new SequentialBlock().add(parallel).add(linear(2));
        Shape input = new Shape(1, 6);
        block.initialize(manager, DataType.FLOAT32, input);

        List<BlockNode> nodes = BlockWalker.walk(block, input);
        assertEquals(List.of(input), node(nodes, "01ParallelBlock/01Linear").getInputShapes());
        assertEquals(List.of(input), node(nodes, "01ParallelBlock/02Linear").getInputShapes());
        assertEquals(List.of(new Shape(1, 7)), node(nodes, "01ParallelBlock").getOutputShapes());
        assertEquals(List.of(new Shape(1, 7)), node(nodes, "02Linear").getInputShapes());
        // 4 x 6 + 3 x 6 for the branches, 2 x (4 + 3) after the concatenation.
        assertEquals(24L + 18 + 14, ModelStats.macs(block, input));
    }

    @Test
    void registeredCounterServesItsClassAndSubclasses() {
        MacCounters.register(StatsNets.Doubler.class, (b, in, out) -> out[0].size());
        SequentialBlock block =
                new SequentialBlock()
                        .add(linear(5))
                        .add(new StatsNets.Doubler())
                        .add(new StatsNets.LoudDoubler())
                        .add(new StatsNets.Halver());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        List<LayerStats> rows = ModelStats.layers(block, new Shape(1, 4));
        // Linear 5 x 4, then 5 per element-wise layer with a counter, 0 for the unknown Halver.
        assertEquals(
                List.of(20L, 5L, 5L, 0L),
                rows.stream().map(LayerStats::macs).collect(Collectors.toList()));
    }

    @Test
    void walksResNetV1AndCountsItsMacs() {
        Block resnet =
                ResNetV1.builder()
                        .setImageShape(new Shape(1, 28, 28))
                        .setNumLayers(20)
                        .setOutSize(10)
                        .build();
        Shape input = new Shape(1, 1, 28, 28);
        resnet.initialize(manager, DataType.FLOAT32, input);

        List<BlockNode> nodes = BlockWalker.walk(resnet, input);
        long parallel = nodes.stream().filter(n -> n.getBlock() instanceof ParallelBlock).count();
        long convs = nodes.stream().filter(n -> n.getBlock() instanceof Conv2d).count();
        // 6n + 2 = 20 layers: n = 3 residual units per stage, 3 stages, 9 units in all.
        assertEquals(9, parallel);
        // The stem, 2 per unit, and a 1x1 projection in each stage's first unit (DJL projects
        // the first unit even where the shape does not change).
        assertEquals(1 + 2 * 9 + 3, convs);

        long stem = 16L * 28 * 28 * 1 * 9;
        long conv3x3 =
                16L * 28 * 28 * 16 * 9; // 16 -> 16 at 28 x 28; 32 at 14, 64 at 7 cost the same
        long downsample =
                32L * 14 * 14 * 16 * 9; // first conv of stages 2 and 3 (64 x 7 x 7 x 32 x 9)
        long projection1 = 16L * 28 * 28 * 16;
        long projection23 = 32L * 14 * 14 * 16; // stage 3: 64 x 7 x 7 x 32, the same
        long batchNorms = 7 * (16L * 28 * 28 + 32L * 14 * 14 + 64L * 7 * 7); // 6 + 1 per stage
        long linear = 10L * 64;
        long expected =
                stem
                        + 16 * conv3x3
                        + 2 * downsample
                        + projection1
                        + 2 * projection23
                        + batchNorms
                        + linear;
        assertEquals(expected, ModelStats.macs(resnet, input));
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static BlockNode node(List<BlockNode> nodes, String path) {
        return nodes.stream()
                .filter(n -> n.getPath().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node " + path + " in " + nodes));
    }
}
