/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import static ai.fasterai.core.model.Fixtures.assertMessage;
import static ai.fasterai.core.model.Fixtures.assertVisible;
import static ai.fasterai.core.model.Fixtures.countAt;
import static ai.fasterai.core.model.Fixtures.outputShape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Residual;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;

/** CIFAR ResNets (He et al. 2016, section 4.2) with projection shortcuts. */
class ResNetCifarTest {

    private static final Shape CIFAR = new Shape(1, 3, 32, 32);

    /**
     * Trainable parameters of a 6n+2 CIFAR ResNet with option B shortcuts: convs without bias, a BN
     * (gamma, beta) after each, widths 16/32/64.
     */
    private static long formula(int n, int inChannels, int classes) {
        long total = 9L * inChannels * 16 + 2 * 16; // stem conv + BN
        int in = 16;
        for (int out : new int[] {16, 32, 64}) {
            for (int i = 0; i < n; i++) {
                total += 9L * in * out + 2 * out; // conv1 + BN
                total += 9L * out * out + 2 * out; // conv2 + BN
                if (in != out) {
                    total += (long) in * out + 2 * out; // 1x1 projection + BN
                }
                in = out;
            }
        }
        return total + 64L * classes + classes; // final linear layer
    }

    @Test
    void resnet20CountMatchesTheFormula() {
        assertEquals(272_474L, formula(3, 3, 10));
        assertEquals(formula(3, 3, 10), countAt(ResNetCifar.resnet20(10, 3), CIFAR));
    }

    @Test
    void resnet56CountMatchesTheFormula() {
        assertEquals(formula(9, 3, 100), countAt(ResNetCifar.resnet56(100, 3), CIFAR));
    }

    @Test
    void grayscaleInputChangesOnlyTheStem() {
        SequentialBlock net = ResNetCifar.builder().setDepth(8).optInChannels(1).build();
        assertEquals(formula(1, 1, 10), countAt(net, new Shape(1, 1, 28, 28)));
    }

    @Test
    void widthMultiplierScalesEveryStage() {
        // Doubling the widths: 32/64/128 channels.
        SequentialBlock net = ResNetCifar.builder().setDepth(8).optWidthMultiplier(2).build();
        long expected = 9L * 3 * 32 + 64;
        expected += 9L * 32 * 32 + 64 + 9L * 32 * 32 + 64; // stage 1, identity shortcut
        expected += 9L * 32 * 64 + 128 + 9L * 64 * 64 + 128 + 32L * 64 + 128; // stage 2
        expected += 9L * 64 * 128 + 256 + 9L * 128 * 128 + 256 + 64L * 128 + 256; // stage 3
        expected += 128L * 10 + 10;
        assertEquals(expected, countAt(net, CIFAR));
    }

    @Test
    void resnet20MapsTwoImagesToTenLogits() {
        assertEquals(
                new Shape(2, 10),
                outputShape(ResNetCifar.resnet20(10, 3), new Shape(2, 3, 32, 32)));
    }

    @Test
    void layoutHasThreeStagesOfResidualUnits() {
        SequentialBlock net = ResNetCifar.resnet20(10, 3);
        assertVisible(net);
        List<Block> top = net.getChildren().values();
        // conv, BN, ReLU, 3 stages, pool, flatten, linear
        assertEquals(9, top.size());
        for (int s = 3; s < 6; s++) {
            List<Block> units = top.get(s).getChildren().values();
            assertEquals(3, units.size());
            for (int i = 0; i < 3; i++) {
                Residual unit = (Residual) units.get(i);
                boolean projects = s > 3 && i == 0;
                assertEquals(projects, unit.getShortcut().isPresent(), "stage " + s + " unit " + i);
                assertEquals(
                        ActivationBlock.Kind.RELU,
                        ((ActivationBlock) unit.getActivation().orElseThrow()).getKind());
                Conv2d conv1 = (Conv2d) unit.getMain().getChildren().values().get(0);
                assertEquals(projects ? new Shape(2, 2) : new Shape(1, 1), conv1.getStride());
                assertFalse(conv1.isIncludeBias());
            }
        }
    }

    @Test
    void gradientsReachTheStemAndTheProjections() {
        Engine.getInstance().setRandomSeed(3);
        SequentialBlock net = ResNetCifar.builder().setDepth(8).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(2, 3, 16, 16);
            net.initialize(manager, DataType.FLOAT32, input);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y =
                        net.forward(
                                        new ParameterStore(manager, false),
                                        new NDList(manager.randomNormal(input)),
                                        true)
                                .singletonOrThrow();
                collector.backward(y.square().sum());
            }
            int withGradient = 0;
            int weights = 0;
            for (var pair : net.getParameters()) {
                Parameter p = pair.getValue();
                if (p.getType() == Parameter.Type.WEIGHT) {
                    weights++;
                    if (p.getArray().getGradient().abs().sum().getFloat() > 0) {
                        withGradient++;
                    }
                }
            }
            // Stem + 3 units x 2 convs + 2 projections + linear.
            assertEquals(10, weights);
            assertEquals(weights, withGradient);
        }
    }

    @Test
    void savedParametersLoadIntoAFreshNetwork() throws Exception {
        // DJL saves every block's version and input shapes: the visible blocks must round-trip.
        Engine.getInstance().setRandomSeed(5);
        Shape input = new Shape(2, 3, 16, 16);
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(input);
            SequentialBlock saved = ResNetCifar.builder().setDepth(8).build();
            saved.initialize(manager, DataType.FLOAT32, input);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            saved.saveParameters(new DataOutputStream(bytes));

            SequentialBlock loaded = ResNetCifar.builder().setDepth(8).build();
            loaded.initialize(manager, DataType.FLOAT32, input);
            loaded.loadParameters(
                    manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray expected = saved.forward(store, new NDList(x), false).singletonOrThrow();
            NDArray actual = loaded.forward(store, new NDList(x), false).singletonOrThrow();
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void badSettingsNameTheParameter() {
        assertMessage(() -> ResNetCifar.builder().build(), "depth", "setDepth");
        assertMessage(() -> ResNetCifar.builder().setDepth(21).build(), "depth", "6n + 2", "21");
        assertMessage(() -> ResNetCifar.builder().setDepth(2).build(), "depth", "2");
        assertMessage(() -> ResNetCifar.resnet20(0, 3), "numClasses", "0");
        assertMessage(() -> ResNetCifar.resnet56(10, 0), "inChannels", "0");
        assertMessage(
                () -> ResNetCifar.builder().setDepth(20).optWidthMultiplier(-1).build(),
                "widthMultiplier",
                "-1");
    }
}
