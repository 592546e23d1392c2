/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import static ai.fasterai.core.model.Fixtures.assertMessage;
import static ai.fasterai.core.model.Fixtures.assertVisible;
import static ai.fasterai.core.model.Fixtures.countAt;
import static ai.fasterai.core.model.Fixtures.outputShape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;

import org.junit.jupiter.api.Test;

import java.util.List;

/** VGG against torchvision's published parameter counts and layout. */
class VggTest {

    private static final Shape IMAGENET = new Shape(1, 3, 224, 224);

    /** torchvision {@code vgg16_bn()} (1000 classes), from its model card. */
    private static final long VGG16_BN_1000 = 138_365_992L;

    /** torchvision {@code vgg19_bn()} (1000 classes), from its model card. */
    private static final long VGG19_BN_1000 = 143_678_248L;

    /** The last linear layer 4096 -> k has 4096 * k weights and k biases. */
    private static long lastLayer(int classes) {
        return 4096L * classes + classes;
    }

    @Test
    void vgg16BnWithTenClassesHasTorchvisionsCount() {
        long expected = VGG16_BN_1000 - lastLayer(1000) + lastLayer(10);
        assertEquals(134_309_962L, expected);
        assertEquals(expected, countAt(Vgg.vgg16Bn(10), IMAGENET));
    }

    @Test
    void vgg19BnWithTenClassesHasTorchvisionsCount() {
        long expected = VGG19_BN_1000 - lastLayer(1000) + lastLayer(10);
        assertEquals(expected, countAt(Vgg.vgg19Bn(10), IMAGENET));
    }

    @Test
    void smallVariantCountMatchesTheLayerFormula() {
        // Widths 16 16 M 32 32 M 64 64 64 M 128 128 128 M 128 128 128 M on 1 input channel;
        // a conv c_in -> c_out has 9 c_in c_out weights + c_out biases, its BN 2 c_out.
        int[] widths = {16, 16, 32, 32, 64, 64, 64, 128, 128, 128, 128, 128, 128};
        long expected = 0;
        int in = 1;
        for (int out : widths) {
            expected += 9L * in * out + out + 2L * out;
            in = out;
        }
        // Classifier: 128 -> 512 -> 512 -> 10, each with biases.
        expected += 128L * 512 + 512 + 512L * 512 + 512 + 512L * 10 + 10;
        assertEquals(expected, countAt(small(), new Shape(1, 1, 32, 32)));
    }

    @Test
    void smallVariantMapsTwoImagesToTenLogits() {
        assertEquals(new Shape(2, 10), outputShape(small(), new Shape(2, 1, 32, 32)));
    }

    @Test
    void plainVgg11WithoutBatchNormAtHalfWidth() {
        // Widths 32 M 64 M 128 128 M 256 256 M 256 256 M, convs with bias, no BN; 3x3 pooling of
        // 256 channels into a 64-wide classifier with 5 classes.
        Vgg.Builder builder =
                Vgg.builder()
                        .setDepth(11)
                        .optBatchNorm(false)
                        .optWidthMultiplier(0.5)
                        .optClassifierWidth(64)
                        .optPooledSize(3)
                        .optNumClasses(5);
        int[] widths = {32, 64, 128, 128, 256, 256, 256, 256};
        long expected = 0;
        int in = 3;
        for (int out : widths) {
            expected += 9L * in * out + out;
            in = out;
        }
        expected += 256L * 9 * 64 + 64 + 64L * 64 + 64 + 64L * 5 + 5;
        assertEquals(expected, countAt(builder.build(), new Shape(1, 3, 64, 64)));
        // 40 -> 20 -> 10 -> 5 -> 2 -> 1, then pooled up to 3x3.
        assertEquals(new Shape(2, 5), outputShape(builder.build(), new Shape(2, 3, 40, 40)));
    }

    @Test
    void layoutFollowsTorchvision() {
        SequentialBlock net = Vgg.vgg16Bn(10);
        assertVisible(net);
        List<Block> top = net.getChildren().values();
        assertEquals(3, top.size());
        SequentialBlock features = (SequentialBlock) top.get(0);
        AdaptiveAvgPool2d pool = (AdaptiveAvgPool2d) top.get(1);
        SequentialBlock classifier = (SequentialBlock) top.get(2);
        assertEquals(7, pool.getOutHeight());
        assertEquals(7, pool.getOutWidth());

        // 13 x (conv, BN, ReLU) + 5 max pools.
        List<Block> layers = features.getChildren().values();
        assertEquals(13 * 3 + 5, layers.size());
        assertTrue(layers.get(0) instanceof Conv2d);
        assertTrue(layers.get(1) instanceof BatchNorm);
        assertEquals(ActivationBlock.Kind.RELU, ((ActivationBlock) layers.get(2)).getKind());
        Conv2d first = (Conv2d) layers.get(0);
        assertEquals(64, first.getFilters());
        assertEquals(new Shape(3, 3), first.getKernelShape());
        assertEquals(new Shape(1, 1), first.getPadding());
        assertTrue(first.isIncludeBias());
        MaxPool2d firstPool = (MaxPool2d) layers.get(6);
        assertEquals(2, firstPool.getKernel());
        assertTrue(layers.get(layers.size() - 1) instanceof MaxPool2d);

        List<Block> head = classifier.getChildren().values();
        assertEquals(8, head.size());
        assertTrue(head.get(0) instanceof Flatten);
        assertTrue(head.get(1) instanceof Linear);
        assertTrue(head.get(7) instanceof Linear);
    }

    @Test
    void badSettingsNameTheParameter() {
        assertMessage(() -> Vgg.builder().build(), "depth", "setDepth");
        assertMessage(() -> Vgg.builder().setDepth(15).build(), "depth", "11, 13, 16, 19", "15");
        assertMessage(() -> Vgg.builder().setDepth(16).optNumClasses(0).build(), "numClasses");
        assertMessage(() -> Vgg.builder().setDepth(16).optInChannels(0).build(), "inChannels");
        assertMessage(
                () -> Vgg.builder().setDepth(16).optWidthMultiplier(0).build(),
                "widthMultiplier",
                "> 0");
        assertMessage(
                () -> Vgg.builder().setDepth(16).optWidthMultiplier(Double.NaN).build(),
                "widthMultiplier",
                "NaN");
        assertMessage(
                () -> Vgg.builder().setDepth(16).optClassifierWidth(-4).build(),
                "classifierWidth",
                "-4");
        assertMessage(() -> Vgg.builder().setDepth(16).optPooledSize(0).build(), "pooledSize");
        assertMessage(() -> Vgg.builder().setDepth(16).optDropout(1f).build(), "dropout", "[0, 1)");
        assertMessage(() -> Vgg.vgg19Bn(-1), "numClasses", "-1");
    }

    private static SequentialBlock small() {
        return Vgg.builder()
                .setDepth(16)
                .optNumClasses(10)
                .optInChannels(1)
                .optWidthMultiplier(0.25)
                .optClassifierWidth(512)
                .optPooledSize(1)
                .build();
    }
}
