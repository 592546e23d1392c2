/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.model.Vgg;

import org.junit.jupiter.api.Test;

/** Parameters and MACs of the shipped architectures against published or hand-computed figures. */
class ZooModelStatsTest {

    @Test
    void vgg16BnHasTorchvisionsParametersAndAbout15Point5GigaMacs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block vgg = Vgg.vgg16Bn(10);
            Shape input = new Shape(1, 3, 224, 224);
            vgg.initialize(manager, DataType.FLOAT32, input);
            assertEquals(134_309_962L, ModelStats.parameters(vgg).trainable());
            long macs = ModelStats.macs(vgg, input);
            assertEquals(15.5e9, macs, 0.01 * 15.5e9, "MACs " + macs);
        }
    }

    @Test
    void resnet20MacsEqualTheHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block resnet = ResNetCifar.resnet20(10, 3);
            Shape input = new Shape(1, 3, 32, 32);
            resnet.initialize(manager, DataType.FLOAT32, input);
            // conv 3x3: H*W*Cout*Cin*9; BatchNorm: H*W*C; pooling: every input element once;
            // Linear: in*out. Stage s has 3 blocks of two 3x3 convs; stages 2 and 3 open with a
            // strided conv and a 1x1 projection shortcut (conv + BN).
            long stem = 32L * 32 * 16 * 3 * 9 + 32L * 32 * 16;
            long stage1 = 6 * (32L * 32 * 16 * 16 * 9 + 32L * 32 * 16);
            long stage2 =
                    (16L * 16 * 32 * 16 * 9 + 16L * 16 * 32) // first conv, stride 2
                            + 5 * (16L * 16 * 32 * 32 * 9 + 16L * 16 * 32)
                            + (16L * 16 * 32 * 16 + 16L * 16 * 32); // projection
            long stage3 =
                    (8L * 8 * 64 * 32 * 9 + 8L * 8 * 64)
                            + 5 * (8L * 8 * 64 * 64 * 9 + 8L * 8 * 64)
                            + (8L * 8 * 64 * 32 + 8L * 8 * 64);
            long head = 8L * 8 * 64 + 64L * 10;
            assertEquals(stem + stage1 + stage2 + stage3 + head, ModelStats.macs(resnet, input));
            String summary = ModelStats.summary(resnet, input);
            assertTrue(summary.contains("Residual") || summary.contains("main"), summary);
        }
    }

    @Test
    void inputShapesThatDoNotFitTheModelAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block resnet = ResNetCifar.resnet20(10, 3);
            resnet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            String m =
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> ModelStats.macs(resnet, new Shape(1, 1, 32, 32)))
                            .getMessage();
            assertTrue(m.contains("does not fit") && m.contains("3 input channels"), m);
            assertTrue(m.contains("Conv2d"), m);

            Block vgg =
                    Vgg.builder()
                            .setDepth(11)
                            .optNumClasses(10)
                            .optWidthMultiplier(0.125)
                            .optClassifierWidth(16)
                            .optPooledSize(1)
                            .build();
            vgg.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            m =
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> ModelStats.macs(vgg, new Shape(1, 3, 8, 8)))
                            .getMessage();
            assertTrue(m.contains("MaxPool2d") && m.contains("smaller than the kernel"), m);
            // A larger image fits: the adaptive pooling makes the classifier size-independent.
            assertTrue(
                    ModelStats.macs(vgg, new Shape(1, 3, 64, 64))
                            > ModelStats.macs(vgg, new Shape(1, 3, 32, 32)));
        }
    }
}
