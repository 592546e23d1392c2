/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.fasterai.sparse.Criteria;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;
import java.util.function.Function;

/** Pruner refuses bad settings and ratios with a message naming them and leaves the model as is. */
class PrunerBadInputTest {

    private static final Shape RESNET_INPUT = new Shape(1, 1, 16, 16);

    /**
     * Runs {@code call} on a fresh two-conv net and checks the exception's type, that its message
     * contains every fragment, and that no parameter changed.
     */
    private static void assertRefused(
            Function<SequentialBlock, Executable> call, String... fragments) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            assertRefused(net, call.apply(net), fragments);
        }
    }

    private static void assertRefused(Block net, Executable call, String... fragments) {
        Map<String, int[]> before = PrunerFixtures.snapshot(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(
                    e.getMessage().contains(fragment),
                    "'" + fragment + "' not in: " + e.getMessage());
        }
        PrunerFixtures.assertUnchanged(before, net);
    }

    @Test
    void ratioOutsideZeroToHundredIsRefused() {
        for (double ratio : new double[] {-1, 100, 150, Double.NaN}) {
            assertRefused(
                    net -> () -> Pruner.builder().setModel(net).build().prune(ratio),
                    "ratio",
                    String.valueOf(ratio));
        }
    }

    @Test
    void ignoringEveryLayerIsRefused() {
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optIgnoredLayers("01Conv2d", "04Conv2d")
                                        .build()
                                        .prune(50),
                "ignoredLayers",
                "01Conv2d",
                "04Conv2d");
    }

    @Test
    void layerRatioLeavingNoChannelIsRefused() {
        // round(0.95 * 6) = 6 >= 6 channels.
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optLayerRatios(Map.of("04Conv2d", 95.0))
                                        .build(),
                "layerRatios",
                "95.0",
                "04Conv2d");
    }

    @Test
    void layerRatioForAnUnknownPathIsRefused() {
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optLayerRatios(Map.of("09Conv2d", 50.0))
                                        .build(),
                "layerRatios",
                "09Conv2d");
        // The classifier produces the network's output: pinned, so not prunable either.
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optLayerRatios(Map.of("08Linear", 50.0))
                                        .build(),
                "layerRatios",
                "08Linear");
    }

    @Test
    void layerRatioOutOfRangeIsRefused() {
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optLayerRatios(Map.of("04Conv2d", 100.0))
                                        .build(),
                "layerRatios[04Conv2d]",
                "100.0");
    }

    @Test
    void differentRatiosForCoupledLayersAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 21);
            ChannelGroup coupled =
                    DependencyGraph.of(net, RESNET_INPUT).getGroups().stream()
                            .filter(g -> g.getLayers().size() >= 2)
                            .findFirst()
                            .orElseThrow();
            String first = coupled.getLayers().get(0);
            String second = coupled.getLayers().get(1);
            assertRefused(
                    net,
                    () ->
                            Pruner.builder()
                                    .setModel(net)
                                    .optLayerRatios(Map.of(first, 30.0, second, 60.0))
                                    .build(),
                    "layerRatios",
                    "30.0",
                    "60.0",
                    first,
                    second);
        }
    }

    @Test
    void builderSettingsOutOfRangeAreRefused() {
        assertRefused(
                net -> () -> Pruner.builder().setModel(net).optRoundTo(0).build(), "roundTo", "0");
        assertRefused(
                net -> () -> Pruner.builder().setModel(net).optMaxRatio(0).build(),
                "maxRatio",
                "0.0");
        assertRefused(
                net -> () -> Pruner.builder().setModel(net).optMaxRatio(101).build(),
                "maxRatio",
                "101.0");
        assertRefused(
                net -> () -> Pruner.builder().setModel(net).optMaxRatio(Double.NaN).build(),
                "maxRatio",
                "NaN");
    }

    @Test
    void criteriaNeedingMoreThanTheWeightsAreRefused() {
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optCriteria(Criteria.movement())
                                        .build(),
                "criteria",
                "movement");
        assertRefused(
                net -> () -> Pruner.builder().setModel(net).optCriteria(Criteria.taylor()).build(),
                "criteria",
                "taylor");
    }

    @Test
    void uninitializedOrMissingModelIsRefused() {
        SequentialBlock fresh = PrunerFixtures.twoConv();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Pruner.builder().setModel(fresh).build());
        assertTrue(e.getMessage().contains("model must be initialized"), e.getMessage());

        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Pruner.builder().setModel((Block) null).build());
        assertTrue(e.getMessage().contains("model must not be null"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Pruner.builder().setModel((Model) null));
        assertTrue(e.getMessage().contains("model must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pruner.builder().build());
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }

    @Test
    void anInputShapeThatDoesNotFitTheModelIsRefused() {
        // Wrong spatial size: Flatten would hand the Linear fewer features than it has columns.
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optInputShape(new Shape(1, 3, 4, 4))
                                        .build()
                                        .prune(50),
                "inputShape",
                "(1, 3, 4, 4)");
        // Wrong channel count: the first conv's columns would be cut.
        assertRefused(
                net ->
                        () ->
                                Pruner.builder()
                                        .setModel(net)
                                        .optInputShape(new Shape(1, 1, 8, 8))
                                        .build()
                                        .prune(50),
                "inputShape",
                "(1, 1, 8, 8)");
        // Another batch size is fine.
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            Pruner.builder().setModel(net).optInputShape(new Shape(4, 3, 8, 8)).build().prune(50);
            PruneNets.output(net, manager.ones(new Shape(2, 3, 8, 8)));
        }
    }

    @Test
    void aNullLayerRatioIsRefused() {
        java.util.Map<String, Double> ratios = new java.util.HashMap<>();
        ratios.put("04Conv2d", null);
        assertRefused(
                net -> () -> Pruner.builder().setModel(net).optLayerRatios(ratios).build(),
                "layerRatios[04Conv2d]",
                "null");
    }

    @Test
    void anIgnoredPathThatIsNoBlockIsRefused() {
        assertRefused(
                net -> () -> Pruner.builder().setModel(net).optIgnoredLayers("nope").build(),
                "ignoredLayers",
                "nope");
    }

    @Test
    void aLayerUsedTwiceIsPinnedNotUntied() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.nn.convolutional.Conv2d shared =
                    ai.djl.nn.convolutional.Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .setFilters(4)
                            .optPadding(new Shape(1, 1))
                            .build();
            SequentialBlock net =
                    new SequentialBlock()
                            .add(
                                    ai.djl.nn.convolutional.Conv2d.builder()
                                            .setKernelShape(new Shape(3, 3))
                                            .setFilters(4)
                                            .optPadding(new Shape(1, 1))
                                            .build())
                            .add(shared)
                            .add(shared)
                            .add(new ai.fasterai.core.nn.Flatten())
                            .add(ai.djl.nn.core.Linear.builder().setUnits(3).build());
            Shape input = new Shape(1, 1, 6, 6);
            PruneNets.init(net, manager, input, 3);
            DependencyGraph graph = DependencyGraph.of(net, input);
            assertTrue(graph.getGroups().isEmpty(), graph.toString());
            assertTrue(
                    graph.getPinReasons().stream().anyMatch(r -> r.contains("shared weights")),
                    graph.getPinReasons().toString());
        }
    }
}
