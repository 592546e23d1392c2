/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Helpers for pruning tests: initialize with non-trivial statistics, zero groups, compare. */
final class PruneNets {

    private PruneNets() {}

    /**
     * Initializes a block and gives every parameter (BatchNorm statistics included) random values,
     * so a lossless check would catch a wrongly sliced running mean or beta.
     */
    static Block init(Block block, NDManager manager, Shape input, long seed) {
        manager.getEngine().setRandomSeed((int) seed);
        block.initialize(manager, DataType.FLOAT32, input);
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray a = pair.getValue().getArray();
            if (pair.getKey().endsWith("runningVar")) {
                a.subi(a).addi(manager.randomUniform(0.5f, 1.5f, a.getShape()));
            } else if (pair.getKey().endsWith("runningMean")
                    || pair.getKey().endsWith("beta")
                    || pair.getKey().endsWith("bias")) {
                a.subi(a).addi(manager.randomUniform(-0.2f, 0.2f, a.getShape()));
            } else if (pair.getKey().endsWith("gamma")) {
                a.subi(a).addi(manager.randomUniform(0.5f, 1.5f, a.getShape()));
            }
        }
        return block;
    }

    /** A Conv2d with padding that keeps the spatial size (odd kernels). */
    static Conv2d conv(int filters, int kernel, int groups) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .build();
    }

    /** Eval-mode output for one input. */
    static float[] output(Block block, NDArray x) {
        ParameterStore store = new ParameterStore(x.getManager(), false);
        return block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    /**
     * Zeroes a random fraction of every group's coupled channels (all their producing rows, biases
     * and BatchNorm scale/shift), as filter sparsity over the coupled group would.
     *
     * @return how many channels were zeroed in total
     */
    static int zeroRandomChannels(DependencyGraph graph, double fraction, Random random) {
        Atoms atoms = graph.atoms();
        Set<Integer> zeroed = new HashSet<>();
        for (ChannelGroup group : graph.getGroups()) {
            for (int root : group.roots) {
                if (random.nextDouble() < fraction) {
                    zeroed.add(root);
                }
            }
        }
        for (LayerUse layer : graph.layers()) {
            for (Pair<String, Parameter> pair : layer.block.getDirectParameters()) {
                String name = pair.getKey();
                if (name.equals("runningMean") || name.equals("runningVar")) {
                    continue;
                }
                NDArray array = pair.getValue().getArray();
                for (int j = 0; j < layer.outAtoms.length; j++) {
                    if (zeroed.contains(atoms.find(layer.outAtoms[j]))) {
                        array.set(new ai.djl.ndarray.index.NDIndex(j), 0f);
                    }
                }
            }
        }
        return zeroed.size();
    }

    /**
     * Asserts equal outputs within {@code tol} times the output's scale (its largest magnitude, at
     * least 1): float32 sums over fewer channels round differently, so deep nets whose outputs
     * reach the hundreds differ by more than an absolute 1e-5 while being the same function.
     */
    static void assertClose(float[] expected, float[] actual, double tol) {
        assertArrayEquals(new int[] {expected.length}, new int[] {actual.length}, "output size");
        double worst = 0;
        double scale = 1;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertTrue(
                worst <= tol * scale,
                "max difference " + worst + " > " + tol + " x output scale " + scale);
    }

    static List<String> groupsOf(Block block, Shape input) {
        return DependencyGraph.of(block, input).getGroups().stream()
                .map(ChannelGroup::toString)
                .collect(java.util.stream.Collectors.toList());
    }
}
