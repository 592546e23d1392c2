/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.optim.OptimizerConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny learner on synthetic separable data, the fixture of the loop's tests. */
final class Fixtures {

    static final int FEATURES = 16;
    static final int CLASSES = 4;

    private Fixtures() {}

    /** Two linear layers with a ReLU between them. */
    static SequentialBlock mlp(int hidden) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(CLASSES).build());
    }

    /** A model holding the MLP, initialized with a fixed seed. */
    static Model model(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        Model model = Model.newInstance("mlp");
        SequentialBlock block = mlp(32);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, FEATURES));
        model.setBlock(block);
        return model;
    }

    static ArrayDataset dataset(NDManager manager, int samples, long seed) {
        return SyntheticData.builder()
                .setNumSamples(samples)
                .setNumClasses(CLASSES)
                .setShape(new Shape(FEATURES))
                .optSeed(seed)
                .optNoise(0.5f)
                .build()
                .generate(manager);
    }

    /** Training and validation data drawn from the same classes (32 validation samples). */
    static DataLoaders data(NDManager manager, int trainSamples, int batchSize, boolean shuffle) {
        ArrayDataset all = dataset(manager, trainSamples + 32, 1);
        return DataLoaders.builder()
                .setTrain(all.subDataset(0, trainSamples))
                .setValid(all.subDataset(trainSamples, trainSamples + 32))
                .optBatchSize(batchSize)
                .optShuffle(shuffle)
                .optSeed(7)
                .build();
    }

    static Learner learner(Model model, DataLoaders data, OptimizerConfig opt, Callback... cbs) {
        Learner.Builder builder =
                Learner.builder()
                        .setData(data)
                        .setModel(model)
                        .setLoss(Loss.softmaxCrossEntropyLoss())
                        .optMetrics(Metrics.accuracy())
                        .optOptimizer(opt)
                        .optShowProgress(false);
        for (Callback cb : cbs) {
            builder.addCallback(cb);
        }
        return builder.build();
    }

    /** Copies every parameter's values into Java arrays, by parameter name. */
    static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return values;
    }

    static float maxAbsDiff(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new AssertionError("parameter names differ: " + a.keySet() + " vs " + b.keySet());
        }
        float max = 0;
        for (String key : a.keySet()) {
            float[] x = a.get(key);
            float[] y = b.get(key);
            if (x.length != y.length) {
                throw new AssertionError(key + " sizes differ");
            }
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    static float[] values(NDArray array) {
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
