/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small networks with hand-set weights and parameter snapshots for the Pruner tests. */
final class PrunerFixtures {

    /** The input of {@link #twoConv()}. */
    static final Shape TWO_CONV_INPUT = new Shape(1, 3, 8, 8);

    private PrunerFixtures() {}

    /**
     * conv 3->8 3x3 pad 1 with bias, BN, ReLU, conv 8->6 3x3 pad 1 without bias, BN, ReLU, Flatten,
     * Linear 6*64->10; children 01Conv2d, 02BatchNorm, ..., 04Conv2d, ..., 08Linear.
     */
    static SequentialBlock twoConv() {
        return new SequentialBlock()
                .add(conv(8, true))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(conv(6, false))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(new Flatten())
                .add(Linear.builder().setUnits(10).build());
    }

    private static Conv2d conv(int filters, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(filters)
                .optPadding(new Shape(1, 1))
                .optBias(bias)
                .build();
    }

    /**
     * Initializes {@link #twoConv()} and sets recognizable weights: filter i of the first conv is
     * {@code a[i]} everywhere (bias i, BN gamma 1 + i/10, running mean i/100), filter j of the
     * second conv reads {@code b[j] * (1 + c/100)} from input channel c, and the Linear weight at
     * (o, f) is {@code o + f/1000}. Magnitude scores are thus {@code a[i]} and about {@code b[j]}.
     */
    static SequentialBlock twoConv(NDManager manager, float[] a, float[] b) {
        SequentialBlock net = twoConv();
        PruneNets.init(net, manager, TWO_CONV_INPUT, 7);
        Block conv1 = child(net, "01Conv2d");
        fill(param(conv1, "weight"), (i) -> a[i / 27]);
        fill(param(conv1, "bias"), (i) -> i);
        Block bn1 = child(net, "02BatchNorm");
        fill(param(bn1, "gamma"), (i) -> 1 + i / 10f);
        fill(param(bn1, "runningMean"), (i) -> i / 100f);
        fill(param(child(net, "04Conv2d"), "weight"), (i) -> b[i / 72] * (1 + (i / 9 % 8) / 100f));
        fill(param(child(net, "08Linear"), "weight"), (i) -> i / 384 + (i % 384) / 1000f);
        return net;
    }

    /** Magnitudes where channels 1, 3, 5, 7 (first conv) and 0, 2, 4 (second) are the weakest. */
    static SequentialBlock twoConvInterleaved(NDManager manager) {
        return twoConv(
                manager,
                new float[] {0.9f, 0.1f, 0.8f, 0.2f, 0.7f, 0.3f, 0.6f, 0.05f},
                new float[] {0.1f, 0.5f, 0.2f, 0.6f, 0.3f, 0.4f});
    }

    /** A CIFAR ResNet-8 (one residual unit per stage, shortcuts in stages 2 and 3), widths 8-32. */
    static SequentialBlock resnet8() {
        return ResNetCifar.builder()
                .setDepth(8)
                .optNumClasses(10)
                .optInChannels(1)
                .optWidthMultiplier(0.5)
                .build();
    }

    /** The block at a path such as {@code 05SequentialBlock/01Residual}. */
    static Block child(Block root, String path) {
        Block block = root;
        for (String name : path.split("/")) {
            block = block.getChildren().get(name);
            if (block == null) {
                throw new IllegalArgumentException("no child " + name + " in " + path);
            }
        }
        return block;
    }

    static NDArray param(Block block, String name) {
        return block.getParameters().get(name).getArray();
    }

    /** Overwrites an array in place with {@code value(flat index)}. */
    static void fill(NDArray array, java.util.function.IntToDoubleFunction value) {
        float[] values = new float[Math.toIntExact(array.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) value.applyAsDouble(i);
        }
        array.subi(array).addi(array.getManager().create(values, array.getShape()));
    }

    /** Every parameter's values (bit patterns) and shape, by name. */
    static Map<String, int[]> snapshot(Block block) {
        Map<String, int[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            float[] f = array.toFloatArray();
            int[] bits = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                bits[i] = Float.floatToRawIntBits(f[i]);
            }
            values.put(pair.getKey() + array.getShape(), bits);
        }
        return values;
    }

    static void assertUnchanged(Map<String, int[]> before, Block block) {
        Map<String, int[]> after = snapshot(block);
        assertEquals(before.keySet(), after.keySet(), "parameter names and shapes");
        for (Map.Entry<String, int[]> entry : before.entrySet()) {
            assertArrayEquals(entry.getValue(), after.get(entry.getKey()), entry.getKey());
        }
    }

    /** Channel count of each group, keyed as {@link PruneReport#getChannels()} keys it. */
    static Map<String, Integer> sizes(Block block, Shape input) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (ChannelGroup group : DependencyGraph.of(block, input).getGroups()) {
            sizes.put(String.join(",", group.getLayers()), group.size());
        }
        return sizes;
    }
}
