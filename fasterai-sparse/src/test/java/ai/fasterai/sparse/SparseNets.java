/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.Flatten;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small networks and helpers shared by the sparse tests. */
final class SparseNets {

    /** Input shape of {@link #convNet}. */
    static final Shape INPUT = new Shape(2, 4, 6, 6);

    private SparseNets() {}

    /**
     * Conv(4->8, 3x3)+BN+ReLU, Conv(8->6, 3x3)+BN+ReLU, Flatten, Linear(16 -> 12), ReLU, Linear(4),
     * initialized with a fixed seed.
     */
    static SequentialBlock convNet(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(8))
                        .add(BatchNorm.builder().build())
                        .add(Activation.reluBlock())
                        .add(conv(8))
                        .add(BatchNorm.builder().build())
                        .add(Activation.reluBlock())
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(12).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(4).build());
        net.initialize(manager, DataType.FLOAT32, INPUT);
        // Non-trivial BatchNorm parameters, so that zeroing them is visible.
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getKey().endsWith("gamma") || p.getKey().endsWith("beta")) {
                NDArray a = p.getValue().getArray();
                a.addi(manager.randomUniform(0.5f, 1.5f, a.getShape()));
            }
        }
        return net;
    }

    static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .build();
    }

    /** The weight array of a child of a SequentialBlock by position. */
    static NDArray weight(Block net, int child) {
        return param(net, child, "weight");
    }

    static NDArray param(Block net, int child, String name) {
        Block block = net.getChildren().get(child).getValue();
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + name + " in child " + child);
    }

    /** Counts groups (over {@code axes}) whose weights are all exactly zero. */
    static long zeroGroups(NDArray weight, int[] axes) {
        NDArray norms = axes.length == 0 ? weight.abs() : weight.abs().sum(axes, true);
        return norms.size() - norms.countNonzero().getLong();
    }

    /**
     * Asserts that a conv child followed by a BatchNorm child has exactly {@code expectedDead}
     * all-zero filters, each with bias, gamma and beta exactly 0, and that every kept filter has a
     * non-zero gamma.
     */
    static void assertDeadFilters(Block net, int conv, int expectedDead) {
        float[] filterNorms = weight(net, conv).abs().sum(new int[] {1, 2, 3}).toFloatArray();
        float[] bias = param(net, conv, "bias").toFloatArray();
        float[] gamma = param(net, conv + 1, "gamma").toFloatArray();
        float[] beta = param(net, conv + 1, "beta").toFloatArray();
        int dead = 0;
        for (int f = 0; f < filterNorms.length; f++) {
            if (filterNorms[f] == 0f) {
                dead++;
                assertTrue(bias[f] == 0f, "bias of zeroed filter " + f + ": " + bias[f]);
                assertTrue(gamma[f] == 0f, "gamma of zeroed filter " + f + ": " + gamma[f]);
                assertTrue(beta[f] == 0f, "beta of zeroed filter " + f + ": " + beta[f]);
            } else {
                assertTrue(gamma[f] != 0f, "gamma of kept filter " + f);
            }
        }
        assertEquals(expectedDead, dead, "zeroed filters of child " + conv);
    }

    static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return values;
    }

    static boolean sameValues(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String key : a.keySet()) {
            if (!java.util.Arrays.equals(a.get(key), b.get(key))) {
                return false;
            }
        }
        return true;
    }
}
