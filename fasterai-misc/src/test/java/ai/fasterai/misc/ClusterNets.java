/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
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
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.optim.OptimizerConfig;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Tiny networks and helpers shared by the clustering tests. */
final class ClusterNets {

    /** One sample: 1 channel, 8x8. */
    static final Shape SAMPLE = new Shape(1, 8, 8);

    private ClusterNets() {}

    /**
     * Conv(4, 3x3, pad 1), ReLU, Conv(4, 3x3, pad 1, no bias), ReLU, Flatten, Linear(16), ReLU,
     * Linear(4): paths 01Conv2d, 03Conv2d, 06Linear, 08Linear.
     */
    static SequentialBlock convNet(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4, true))
                        .add(ActivationBlock.relu())
                        .add(conv(4, false))
                        .add(ActivationBlock.relu())
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(16).build())
                        .add(ActivationBlock.relu())
                        .add(Linear.builder().setUnits(4).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(SAMPLE));
        return net;
    }

    static Conv2d conv(int filters, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .optBias(bias)
                .build();
    }

    static Model model(Block net) {
        Model model = Model.newInstance("net");
        model.setBlock(net);
        return model;
    }

    static DataLoaders data(NDManager manager, int n, int batchSize) {
        return DataLoaders.builder()
                .setTrain(dataset(manager, n, 1))
                .setValid(dataset(manager, 32, 2))
                .optBatchSize(batchSize)
                .build();
    }

    static ArrayDataset dataset(NDManager manager, int n, long seed) {
        return SyntheticData.builder()
                .setNumSamples(n)
                .setNumClasses(4)
                .setShape(SAMPLE)
                .optSeed(seed)
                .optNoise(0.5f)
                .build()
                .generate(manager);
    }

    static Learner learner(Model model, DataLoaders data, OptimizerConfig optimizer) {
        return Learner.builder()
                .setData(data)
                .setModel(model)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .optShowProgress(false)
                .build();
    }

    static NDArray forward(Block block, NDArray x) {
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .head();
    }

    /** The weight of the Linear or Conv2d at a path, looking inside a ClusteredLayer. */
    static NDArray weight(Block root, String path) {
        Block block = root;
        for (String name : path.isEmpty() ? new String[0] : path.split("/")) {
            block = block.getChildren().get(name);
        }
        if (block instanceof ClusteredLayer) {
            block = ((ClusteredLayer) block).getLayer();
        }
        return block.getDirectParameters().get("weight").getArray();
    }

    static int distinct(NDArray array) {
        Set<Integer> values = new HashSet<>();
        for (float v : array.toFloatArray()) {
            values.add(Float.floatToIntBits(v));
        }
        return values.size();
    }

    static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** The bytes {@code block.saveParameters} writes. */
    static long savedBytes(Block block) {
        long[] count = {0};
        OutputStream counter =
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        count[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        count[0] += len;
                    }
                };
        try (DataOutputStream out = new DataOutputStream(counter)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }
}
