/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicmodelzoo.cv.classification.MobileNetV1;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.model.MobileNetV2;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.stats.ModelStats;

import org.junit.jupiter.api.Test;

import java.util.Random;

/** Zeroed coupled channels removed physically give the masked model's outputs. */
class PrunerLosslessTest {

    private static void checkLossless(Block block, Shape input, long seed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            PruneNets.init(block, manager, input, seed);
            DependencyGraph graph = DependencyGraph.of(block, input);
            int zeroed = PruneNets.zeroRandomChannels(graph, 0.4, new Random(seed));
            NDArray x = manager.randomNormal(input);
            float[] masked = PruneNets.output(block, x);
            long macsBefore = ModelStats.macs(block, input);
            Pruner pruner = Pruner.builder().setModel(block).optInputShape(input).build();
            PruneReport report = pruner.pruneZeroGroups();
            float[] pruned = PruneNets.output(block, x);
            PruneNets.assertClose(masked, pruned, 1e-5);
            assertTrue(report.getRemoved() > 0, "removed " + report);
            assertTrue(report.getRemoved() <= zeroed, report + " of " + zeroed);
            assertTrue(ModelStats.macs(block, input) < macsBefore);
            System.out.println(graph);
            System.out.println(report);
        }
    }

    @Test
    void vgg16BnIsLossless() {
        Block vgg =
                Vgg.builder()
                        .setDepth(16)
                        .optInChannels(1)
                        .optWidthMultiplier(0.125)
                        .optClassifierWidth(32)
                        .optPooledSize(1)
                        .build();
        checkLossless(vgg, new Shape(2, 1, 32, 32), 1);
    }

    @Test
    void resnet20IsLossless() {
        checkLossless(ResNetCifar.resnet20(10, 1), new Shape(2, 1, 28, 28), 2);
    }

    @Test
    void mobileNetV2IsLossless() {
        Block net =
                MobileNetV2.builder()
                        .optInChannels(1)
                        .optWidthMultiplier(0.25)
                        .optSmallInput(true)
                        .build();
        checkLossless(net, new Shape(2, 1, 32, 32), 3);
    }

    @Test
    void djlResNetV1IsLossless() {
        Block net =
                ResNetV1.builder()
                        .setImageShape(new Shape(1, 28, 28))
                        .setNumLayers(20)
                        .setOutSize(10)
                        .build();
        checkLossless(net, new Shape(2, 1, 28, 28), 4);
    }

    @Test
    void djlResNetV1With56LayersIsLossless() {
        Block net =
                ResNetV1.builder()
                        .setImageShape(new Shape(1, 28, 28))
                        .setNumLayers(56)
                        .setOutSize(10)
                        .build();
        checkLossless(net, new Shape(1, 1, 28, 28), 6);
    }

    @Test
    void djlResNetV1With18LayersIsLossless() {
        Block net =
                ResNetV1.builder()
                        .setImageShape(new Shape(3, 64, 64))
                        .setNumLayers(18)
                        .setOutSize(10)
                        .build();
        checkLossless(net, new Shape(1, 3, 64, 64), 7);
    }

    @Test
    void djlResNetV1With50LayersBottlenecksIsLossless() {
        Block net =
                ResNetV1.builder()
                        .setImageShape(new Shape(3, 64, 64))
                        .setNumLayers(50)
                        .setOutSize(10)
                        .build();
        checkLossless(net, new Shape(1, 3, 64, 64), 8);
    }

    @Test
    void djlMobileNetV1IsLossless() {
        Block net = MobileNetV1.builder().optWidthMultiplier(0.25f).setOutSize(10).build();
        checkLossless(net, new Shape(2, 3, 64, 64), 5);
    }
}
