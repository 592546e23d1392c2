/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import static ai.fasterai.core.model.Fixtures.assertMessage;
import static ai.fasterai.core.model.Fixtures.assertVisible;
import static ai.fasterai.core.model.Fixtures.countAt;
import static ai.fasterai.core.model.Fixtures.outputShape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Residual;

import org.junit.jupiter.api.Test;

import java.util.List;

/** MobileNetV2 against torchvision's published count and layout. */
class MobileNetV2Test {

    /** torchvision {@code mobilenet_v2()} (1000 classes), from its model card. */
    private static final long TORCHVISION_1000 = 3_504_872L;

    /** The last linear layer 1280 -> k. */
    private static long lastLayer(int classes) {
        return 1280L * classes + classes;
    }

    @Test
    void defaultHasTorchvisionsCount() {
        assertEquals(
                TORCHVISION_1000,
                countAt(MobileNetV2.mobilenetV2(1000), new Shape(1, 3, 224, 224)));
    }

    @Test
    void smallInputKeepsTheParametersAndMapsCifarToTenLogits() {
        SequentialBlock net = MobileNetV2.builder().optNumClasses(10).optSmallInput(true).build();
        long expected = TORCHVISION_1000 - lastLayer(1000) + lastLayer(10);
        assertEquals(expected, countAt(net, new Shape(1, 3, 32, 32)));
        SequentialBlock again = MobileNetV2.builder().optNumClasses(10).optSmallInput(true).build();
        assertEquals(new Shape(2, 10), outputShape(again, new Shape(2, 3, 32, 32)));
    }

    @Test
    void smallInputChangesOnlyTwoStrides() {
        List<Block> normal = features(MobileNetV2.builder().build());
        List<Block> small = features(MobileNetV2.builder().optSmallInput(true).build());
        assertEquals(new Shape(2, 2), ((Conv2d) normal.get(0)).getStride());
        assertEquals(new Shape(1, 1), ((Conv2d) small.get(0)).getStride());
        // Children 0-2 are the stem; 3 is the t=1 block; 4 opens the 24-channel stage.
        assertEquals(new Shape(2, 2), depthwise(normal.get(4)).getStride());
        assertEquals(new Shape(1, 1), depthwise(small.get(4)).getStride());
        // The 32-channel stage still halves the resolution.
        assertEquals(new Shape(2, 2), depthwise(small.get(6)).getStride());
    }

    @Test
    void layoutFollowsTorchvision() {
        SequentialBlock net = MobileNetV2.mobilenetV2(1000);
        assertVisible(net);
        assertEquals(3, net.getChildren().size());
        List<Block> features = features(net);
        // Stem (3 layers), 17 inverted residual blocks, last conv (3 layers).
        assertEquals(3 + 17 + 3, features.size());
        // Residual connections where stride 1 and in == out: repeats 2..n of each row,
        // 1 + 2 + 3 + 2 + 2 + 0 = 10 units.
        int residuals = 0;
        for (Block b : features) {
            if (b instanceof Residual r) {
                residuals++;
                assertFalse(r.getShortcut().isPresent());
                assertFalse(r.getActivation().isPresent());
            }
        }
        assertEquals(10, residuals);
        // The t = 1 block has no expansion: depthwise, BN, ReLU6, project, BN.
        List<Block> first = features.get(3).getChildren().values();
        assertEquals(5, first.size());
        Conv2d dw = (Conv2d) first.get(0);
        assertEquals(32, dw.getGroups());
        assertEquals(32, dw.getFilters());
        assertEquals(ActivationBlock.Kind.RELU6, ((ActivationBlock) first.get(2)).getKind());
        Conv2d last = (Conv2d) features.get(features.size() - 3);
        assertEquals(1280, last.getFilters());
    }

    @Test
    void makeDivisibleMatchesTorchvision() {
        // _make_divisible(v, 8) values worked out by hand from torchvision's definition.
        assertEquals(32, MobileNetV2.makeDivisible(32 * 1.0, 8));
        assertEquals(16, MobileNetV2.makeDivisible(32 * 0.5, 8));
        assertEquals(8, MobileNetV2.makeDivisible(16 * 0.35, 8)); // 5.6 -> at least 8
        assertEquals(16, MobileNetV2.makeDivisible(24 * 0.5, 8)); // 12 -> int(16) // 8 * 8 = 16
        assertEquals(24, MobileNetV2.makeDivisible(24 * 0.75, 8)); // 18 -> int(22) // 8 * 8 = 16
        // ... and 16 < 0.9 * 18 = 16.2, so one step up: 24.
        assertEquals(1600, MobileNetV2.makeDivisible(1280 * 1.25, 8));
    }

    @Test
    void wideNetworkScalesTheLastConvolution() {
        List<Block> features = features(MobileNetV2.builder().optWidthMultiplier(1.4).build());
        Conv2d stem = (Conv2d) features.get(0);
        Conv2d last = (Conv2d) features.get(features.size() - 3);
        assertEquals(48, stem.getFilters()); // 44.8 -> int(48.8) // 8 * 8 = 48
        assertEquals(1792, last.getFilters()); // 1280 * 1.4
        assertTrue(features.get(3) instanceof SequentialBlock);
    }

    @Test
    void badSettingsNameTheParameter() {
        assertMessage(() -> MobileNetV2.mobilenetV2(0), "numClasses", "0");
        assertMessage(() -> MobileNetV2.builder().optInChannels(-3).build(), "inChannels", "-3");
        assertMessage(() -> MobileNetV2.builder().optWidthMultiplier(0).build(), "widthMultiplier");
        assertMessage(() -> MobileNetV2.builder().optDropout(-0.1f).build(), "dropout", "-0.1");
    }

    private static List<Block> features(SequentialBlock net) {
        return net.getChildren().values().get(0).getChildren().values();
    }

    /** The depthwise convolution of an inverted residual block (after the expansion, if any). */
    private static Conv2d depthwise(Block block) {
        Block seq = block instanceof Residual r ? r.getMain() : block;
        for (Block layer : seq.getChildren().values()) {
            if (layer instanceof Conv2d conv && conv.getGroups() > 1) {
                return conv;
            }
        }
        throw new AssertionError("no depthwise convolution in " + block);
    }
}
