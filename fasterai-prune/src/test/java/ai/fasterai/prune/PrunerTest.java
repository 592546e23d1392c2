/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static ai.fasterai.prune.PrunerFixtures.TWO_CONV_INPUT;
import static ai.fasterai.prune.PrunerFixtures.child;
import static ai.fasterai.prune.PrunerFixtures.param;
import static ai.fasterai.prune.PrunerFixtures.sizes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.stats.ModelStats;
import ai.fasterai.sparse.Context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Pruner: which channels go, how many, and what the smaller network measures and computes. */
class PrunerTest {

    private static final Shape RESNET_INPUT = new Shape(2, 1, 16, 16);

    /** Parameters of the two-conv net with c1 and c2 channels, written out layer by layer. */
    private static long twoConvParams(long c1, long c2) {
        long conv1 = c1 * 3 * 3 * 3 + c1; // weight + bias
        long bn1 = 2 * c1; // gamma + beta; running stats are buffers
        long conv2 = c2 * c1 * 3 * 3; // no bias
        long bn2 = 2 * c2;
        long linear = 10 * (c2 * 8 * 8) + 10;
        return conv1 + bn1 + conv2 + bn2 + linear;
    }

    /** MACs as MacCounters counts them: conv out * (in * k * k), BN out, Linear out * in. */
    private static long twoConvMacs(long c1, long c2) {
        long conv1 = (c1 * 8 * 8) * (3 * 3 * 3);
        long bn1 = c1 * 8 * 8;
        long conv2 = (c2 * 8 * 8) * (c1 * 3 * 3);
        long bn2 = c2 * 8 * 8;
        long linear = 10 * (c2 * 8 * 8);
        return conv1 + bn1 + conv2 + bn2 + linear; // ReLU and Flatten count 0
    }

    @Test
    void localPruneKeepsTheStrongestChannelsAndMeasuresAsComputedByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            assertEquals(4534, twoConvParams(8, 6));
            assertEquals(46208, twoConvMacs(8, 6));
            assertEquals(twoConvParams(8, 6), ModelStats.parameters(net).parameters());
            assertEquals(twoConvMacs(8, 6), ModelStats.macs(net, TWO_CONV_INPUT));

            PruneReport report = Pruner.builder().setModel(net).build().prune(50);

            // round(0.5 * 8) = 4 and round(0.5 * 6) = 3 channels go.
            assertEquals(7, report.getRemoved());
            assertEquals(Map.of("01Conv2d", 4, "04Conv2d", 3), report.getChannels());
            assertEquals(2164, twoConvParams(4, 3));
            assertEquals(twoConvParams(4, 3), ModelStats.parameters(net).parameters());
            assertEquals(twoConvParams(4, 3), ModelStats.parameters(net).trainable());
            assertEquals(twoConvMacs(4, 3), ModelStats.macs(net, TWO_CONV_INPUT));

            int[] keep1 = {0, 2, 4, 6};
            int[] keep2 = {1, 3, 5};
            float[] a = {0.9f, 0.1f, 0.8f, 0.2f, 0.7f, 0.3f, 0.6f, 0.05f};
            float[] b = {0.1f, 0.5f, 0.2f, 0.6f, 0.3f, 0.4f};
            NDArray w1 = param(child(net, "01Conv2d"), "weight");
            assertEquals(new Shape(4, 3, 3, 3), w1.getShape());
            float[] w1v = w1.toFloatArray();
            float[] bias1 = param(child(net, "01Conv2d"), "bias").toFloatArray();
            float[] gamma1 = param(child(net, "02BatchNorm"), "gamma").toFloatArray();
            float[] mean1 = param(child(net, "02BatchNorm"), "runningMean").toFloatArray();
            for (int k = 0; k < 4; k++) {
                assertEquals(a[keep1[k]], w1v[k * 27 + 26], "conv1 filter " + k);
                assertEquals(keep1[k], bias1[k], "conv1 bias " + k);
                assertEquals(1 + keep1[k] / 10f, gamma1[k], "bn1 gamma " + k);
                assertEquals(keep1[k] / 100f, mean1[k], "bn1 running mean " + k);
            }
            NDArray w2 = param(child(net, "04Conv2d"), "weight");
            assertEquals(new Shape(3, 4, 3, 3), w2.getShape());
            float[] w2v = w2.toFloatArray();
            for (int r = 0; r < 3; r++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(b[keep2[r]] * (1 + keep1[k] / 100f), w2v[(r * 4 + k) * 9 + 4]);
                }
            }
            assertEquals(new Shape(3), param(child(net, "05BatchNorm"), "beta").getShape());
            NDArray w3 = param(child(net, "08Linear"), "weight");
            assertEquals(new Shape(10, 3 * 64), w3.getShape());
            float[] w3v = w3.toFloatArray();
            for (int o = 0; o < 10; o += 3) {
                for (int k = 0; k < 3; k++) {
                    for (int s = 0; s < 64; s += 7) {
                        int f = keep2[k] * 64 + s;
                        assertEquals(o + f / 1000f, w3v[o * 192 + k * 64 + s], "linear " + f);
                    }
                }
            }
            NDArray x = manager.randomNormal(TWO_CONV_INPUT);
            assertEquals(10, PruneNets.output(net, x).length);
        }
    }

    @Test
    void localContextRemovesTheRoundedRatioOfEveryGroup() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 11);
            Map<String, Integer> before = sizes(net, RESNET_INPUT);
            assertEquals(6, before.size(), before.toString());
            PruneReport report = Pruner.builder().setModel(net).build().prune(30);
            Map<String, Integer> expected = new LinkedHashMap<>();
            int removed = 0;
            for (Map.Entry<String, Integer> e : before.entrySet()) {
                int n = e.getValue();
                expected.put(e.getKey(), n - (int) Math.round(0.3 * n));
                removed += (int) Math.round(0.3 * n);
            }
            assertEquals(expected, report.getChannels());
            assertEquals(expected, sizes(net, RESNET_INPUT));
            assertEquals(removed, report.getRemoved());
        }
    }

    @Test
    void globalContextRemovesTheRatioOfAllChannelsLowestFirst() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Sorted scores: .1 .15 .2 .25 .3 .4 .5 | .6 ...: the first conv is weaker overall.
            SequentialBlock net =
                    PrunerFixtures.twoConv(
                            manager,
                            new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f},
                            new float[] {0.15f, 0.25f, 0.9f, 1.0f, 1.1f, 1.2f});
            PruneReport report =
                    Pruner.builder().setModel(net).optContext(Context.GLOBAL).build().prune(50);
            assertEquals(7, report.getRemoved()); // round(0.5 * (8 + 6))
            assertEquals(Map.of("01Conv2d", 3, "04Conv2d", 4), report.getChannels());
            float[] w1 = param(child(net, "01Conv2d"), "weight").toFloatArray();
            assertArrayEquals(new float[] {0.6f, 0.7f, 0.8f}, new float[] {w1[0], w1[27], w1[54]});
            float[] w2 = param(child(net, "04Conv2d"), "weight").toFloatArray();
            assertEquals(0.9f * (1 + 5 / 100f), w2[0]); // filter 2, input channel 5 (first kept)
            assertEquals(twoConvParams(3, 4), ModelStats.parameters(net).parameters());
        }
    }

    @Test
    void globalContextOnResNetRemovesTheRoundedRatioOfAllChannels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 12);
            int total = sizes(net, RESNET_INPUT).values().stream().mapToInt(i -> i).sum();
            Pruner pruner = Pruner.builder().setModel(net).optContext(Context.GLOBAL).build();
            assertEquals(Math.round(0.3 * total), pruner.prune(30).getRemoved());
            int left = sizes(net, RESNET_INPUT).values().stream().mapToInt(i -> i).sum();
            assertEquals(total - Math.round(0.3 * total), left);
        }
    }

    @Test
    void layerRatiosOverrideTheRatioInBothContexts() {
        for (Context context : Context.values()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
                PruneReport report =
                        Pruner.builder()
                                .setModel(net)
                                .optContext(context)
                                .optLayerRatios(Map.of("04Conv2d", 50.0))
                                .build()
                                .prune(25);
                // 01Conv2d: round(0.25 * 8) = 2 go; 04Conv2d: round(0.5 * 6) = 3 go.
                assertEquals(
                        Map.of("01Conv2d", 6, "04Conv2d", 3), report.getChannels(), "" + context);
            }
        }
    }

    @Test
    void maxRatioCapsEveryGroup() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            PruneReport report = Pruner.builder().setModel(net).optMaxRatio(25).build().prune(75);
            // floor(0.25 * 8) = 2 and floor(0.25 * 6) = 1 at most.
            assertEquals(Map.of("01Conv2d", 6, "04Conv2d", 5), report.getChannels());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            PruneReport report =
                    Pruner.builder()
                            .setModel(net)
                            .optContext(Context.GLOBAL)
                            .optMaxRatio(50)
                            .build()
                            .prune(90);
            assertEquals(Map.of("01Conv2d", 4, "04Conv2d", 3), report.getChannels());
        }
    }

    @Test
    void roundToRoundsKeptCountsUpToMultiples() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            PruneReport report = Pruner.builder().setModel(net).optRoundTo(3).build().prune(50);
            // 8 - 4 = 4 kept, rounded up to 6; 6 - 3 = 3 kept, already a multiple.
            assertEquals(Map.of("01Conv2d", 6, "04Conv2d", 3), report.getChannels());
            // Rounding up keeps the strongest of the candidates: filters 7 (0.05) and 1 go.
            float[] w1 = param(child(net, "01Conv2d"), "weight").toFloatArray();
            float[] firsts = new float[6];
            for (int k = 0; k < 6; k++) {
                firsts[k] = w1[k * 27];
            }
            assertArrayEquals(new float[] {0.9f, 0.8f, 0.2f, 0.7f, 0.3f, 0.6f}, firsts);
        }
        for (Context context : Context.values()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 13);
                Pruner pruner =
                        Pruner.builder().setModel(net).optContext(context).optRoundTo(4).build();
                PruneReport report = pruner.prune(60);
                assertTrue(report.getRemoved() > 0, report.toString());
                for (int kept : sizes(net, RESNET_INPUT).values()) {
                    assertEquals(0, kept % 4, context + ": " + report);
                }
            }
        }
    }

    @Test
    void ignoredLayersKeepTheirChannelsByPathAndByPrefix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            PruneReport report =
                    Pruner.builder().setModel(net).optIgnoredLayers("01Conv2d").build().prune(50);
            assertEquals(Map.of("04Conv2d", 3), report.getChannels());
            assertEquals(Map.of("01Conv2d", 8, "04Conv2d", 3), sizes(net, TWO_CONV_INPUT));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 14);
            String prefix = "05SequentialBlock";
            List<ChannelGroup> groups = DependencyGraph.of(net, RESNET_INPUT).getGroups();
            Map<String, Integer> expected = new LinkedHashMap<>();
            int ignored = 0;
            for (ChannelGroup group : groups) {
                boolean inside =
                        group.getLayers().stream().anyMatch(p -> p.startsWith(prefix + "/"));
                ignored += inside ? 1 : 0;
                int n = group.size();
                expected.put(String.join(",", group.getLayers()), inside ? n : n - n / 2);
            }
            assertEquals(2, ignored, groups.toString());
            Pruner.builder().setModel(net).optIgnoredLayers(prefix).build().prune(50);
            assertEquals(expected, sizes(net, RESNET_INPUT));
        }
    }

    @Test
    void frozenLayersStayFrozenAndTheRestTrainable() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = PrunerFixtures.twoConvInterleaved(manager);
            child(net, "01Conv2d").freezeParameters(true);
            assertEquals(
                    twoConvParams(8, 6) - (8 * 27 + 8), ModelStats.parameters(net).trainable());
            Pruner.builder().setModel(net).build().prune(50);
            assertEquals(twoConvParams(4, 3), ModelStats.parameters(net).parameters());
            assertEquals(
                    twoConvParams(4, 3) - (4 * 27 + 4), ModelStats.parameters(net).trainable());
            for (Pair<String, Parameter> pair : net.getParameters()) {
                String name = pair.getKey();
                boolean trainable =
                        !name.startsWith("01Conv2d")
                                && !name.endsWith("runningMean")
                                && !name.endsWith("runningVar");
                assertEquals(trainable, pair.getValue().requiresGradient(), name);
                assertEquals(trainable, pair.getValue().getArray().hasGradient(), name);
            }
        }
    }

    @Test
    void successiveRatiosCountFromTheOriginalSizes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock stepped = PrunerFixtures.twoConvInterleaved(manager);
            Pruner pruner = Pruner.builder().setModel(stepped).build();
            assertEquals(Map.of("01Conv2d", 6, "04Conv2d", 4), pruner.prune(30).getChannels());
            PruneReport second = pruner.prune(50);
            assertEquals(Map.of("01Conv2d", 4, "04Conv2d", 3), second.getChannels());
            assertEquals(3, second.getRemoved());
            assertEquals(0, pruner.prune(40).getRemoved(), "a smaller ratio adds nothing");

            SequentialBlock once = PrunerFixtures.twoConvInterleaved(manager);
            Pruner.builder().setModel(once).build().prune(50);
            Map<String, int[]> expected = PrunerFixtures.snapshot(once);
            PrunerFixtures.assertUnchanged(expected, stepped);
        }
    }

    @Test
    void classifierOutputSizeNeverChanges() {
        for (Context context : Context.values()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 15);
                String classifier = "09Linear";
                assertEquals(new Shape(10, 32), param(child(net, classifier), "weight").getShape());
                DependencyGraph graph = DependencyGraph.of(net, RESNET_INPUT);
                assertNull(graph.groupOf(classifier));
                PruneReport report =
                        Pruner.builder().setModel(net).optContext(context).build().prune(99);
                assertTrue(report.getRemoved() > 0);
                for (int kept : sizes(net, RESNET_INPUT).values()) {
                    assertEquals(1, kept, context + ": " + report);
                }
                assertEquals(new Shape(10, 1), param(child(net, classifier), "weight").getShape());
                assertEquals(new Shape(10), param(child(net, classifier), "bias").getShape());
                float[] out = PruneNets.output(net, manager.randomNormal(RESNET_INPUT));
                assertEquals(2 * 10, out.length);
            }
        }
    }

    @Test
    void secondPruneZeroGroupsRemovesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 16);
            PruneNets.zeroRandomChannels(
                    DependencyGraph.of(net, RESNET_INPUT), 0.5, new Random(16));
            Pruner pruner = Pruner.builder().setModel(net).build();
            assertTrue(pruner.pruneZeroGroups().getRemoved() > 0);
            Map<String, int[]> pruned = PrunerFixtures.snapshot(net);
            PruneReport again = pruner.pruneZeroGroups();
            assertEquals(0, again.getRemoved(), again.toString());
            PrunerFixtures.assertUnchanged(pruned, net);
        }
    }

    @Test
    void zeroPrunedResNetIsLosslessAndTrainable() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = PruneNets.init(PrunerFixtures.resnet8(), manager, RESNET_INPUT, 17);
            int zeroed =
                    PruneNets.zeroRandomChannels(
                            DependencyGraph.of(net, RESNET_INPUT), 0.4, new Random(17));
            NDArray x = manager.randomNormal(RESNET_INPUT);
            float[] masked = PruneNets.output(net, x);
            Map<String, Shape> shapes = new HashMap<>();
            for (Pair<String, Parameter> pair : net.getParameters()) {
                shapes.put(pair.getKey(), pair.getValue().getArray().getShape());
            }
            long paramsBefore = ModelStats.parameters(net).parameters();

            PruneReport report = Pruner.builder().setModel(net).build().pruneZeroGroups();

            assertTrue(report.getRemoved() > 0 && report.getRemoved() <= zeroed, report + "");
            PruneNets.assertClose(masked, PruneNets.output(net, x), 1e-5);
            assertTrue(ModelStats.parameters(net).parameters() < paramsBefore);

            NDArray loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                ParameterStore store = new ParameterStore(manager, false);
                NDArray out = net.forward(store, new NDList(x), true).singletonOrThrow();
                assertEquals(new Shape(2, 10), out.getShape());
                loss = out.square().sum();
                collector.backward(loss);
            }
            assertTrue(Float.isFinite(loss.getFloat()));
            int changed = 0;
            for (Pair<String, Parameter> pair : net.getParameters()) {
                Parameter p = pair.getValue();
                if (p.getArray().getShape().equals(shapes.get(pair.getKey()))) {
                    continue;
                }
                changed++;
                if (pair.getKey().endsWith("runningMean") || pair.getKey().endsWith("runningVar")) {
                    continue;
                }
                assertTrue(p.requiresGradient(), pair.getKey());
                assertTrue(p.getArray().hasGradient(), pair.getKey());
                NDArray grad = p.getArray().getGradient();
                assertNotNull(grad, pair.getKey());
                assertEquals(p.getArray().getShape(), grad.getShape(), pair.getKey());
                assertTrue(grad.abs().sum().getFloat() > 0, "zero gradient: " + pair.getKey());
            }
            assertTrue(changed > 0);
        }
    }

    @Test
    void prunedVggSavesAndLoadsWithItsNewShapes(@TempDir Path dir) throws IOException {
        Shape input = new Shape(2, 1, 32, 32);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block vgg =
                    Vgg.builder()
                            .setDepth(11)
                            .optInChannels(1)
                            .optWidthMultiplier(0.125)
                            .optClassifierWidth(32)
                            .optPooledSize(1)
                            .build();
            PruneNets.init(vgg, manager, input, 18);
            long unpruned = ModelStats.parameters(vgg).parameters();
            Path unprunedFile = dir.resolve("unpruned.fai");
            ModelFile.save(vgg, unprunedFile);
            Pruner.builder().setModel(vgg).build().prune(50);
            long pruned = ModelStats.parameters(vgg).parameters();
            assertTrue(pruned < unpruned, pruned + " vs " + unpruned);

            Path file = dir.resolve("vgg.fai");
            ModelFile.save(vgg, file);
            Block loaded = ModelFile.load(file, manager);

            assertEquals(pruned, ModelStats.parameters(loaded).parameters());
            // The file shrinks with the parameters: 4 bytes each, plus a small spec.
            long saved = ModelStats.fileSize(unprunedFile) - ModelStats.fileSize(file);
            assertTrue(saved >= 4 * (unpruned - pruned) * 9 / 10, saved + " bytes saved");
            assertEquals(ModelStats.fileSize(file), ModelStats.sizeOnDisk(loaded));
            assertEquals(ModelStats.macs(vgg, input), ModelStats.macs(loaded, input));
            assertEquals(sizes(vgg, input), sizes(loaded, input));
            assertFalse(sizes(loaded, input).isEmpty());
            NDArray x = manager.randomNormal(input);
            PruneNets.assertClose(PruneNets.output(vgg, x), PruneNets.output(loaded, x), 1e-6);
        }
    }
}
