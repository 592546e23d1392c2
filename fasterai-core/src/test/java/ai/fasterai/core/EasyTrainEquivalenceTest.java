/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.optim.OptimizerConfig;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One epoch of {@link Learner#fit} and of DJL's {@link EasyTrain#fit} from the same weights, data
 * order and optimizer give the same batch losses and final weights.
 */
class EasyTrainEquivalenceTest {

    private static final int SAMPLES = 256;
    private static final int BATCH = 32;
    private static final float LR = 0.01f;

    static Stream<Arguments> optimizers() {
        Tracker lr = Tracker.fixed(LR);
        return Stream.of(
                Arguments.of(
                        "adam",
                        OptimizerConfig.adam().build(),
                        Optimizer.adam().optLearningRateTracker(lr).build()),
                Arguments.of(
                        "adamW",
                        OptimizerConfig.adamW().optWeightDecay(0.05f).build(),
                        Optimizer.adamW()
                                .optLearningRateTracker(lr)
                                .optWeightDecays(0.05f)
                                .build()),
                Arguments.of(
                        "sgd",
                        OptimizerConfig.sgd().optMomentum(0.9f).optWeightDecay(1e-3f).build(),
                        Optimizer.sgd()
                                .setLearningRateTracker(lr)
                                .optMomentum(0.9f)
                                .optWeightDecays(1e-3f)
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void sameLossesAndWeightsAsEasyTrain(String name, OptimizerConfig ours, Optimizer djl)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Model mine = Fixtures.model(21);
                Model theirs = Fixtures.model(21)) {
            assertEquals(
                    0f,
                    Fixtures.maxAbsDiff(
                            Fixtures.snapshot(mine.getBlock()),
                            Fixtures.snapshot(theirs.getBlock())),
                    "same seed must give the same initial weights");
            NDArray x = features(manager);
            NDArray y = labels(manager);

            DataLoaders data =
                    DataLoaders.builder()
                            .setTrain(dataset(x, y, 1))
                            .setValid(dataset(x, y, 1))
                            .optBatchSize(BATCH)
                            .optShuffle(false)
                            .build();
            List<Double> ourLosses;
            try (Learner learn = Fixtures.learner(mine, data, ours)) {
                learn.fit(1, LR);
                ourLosses = learn.getRecorder().getLosses();
            }

            List<Double> theirLosses = new ArrayList<>();
            Loss loss = Loss.softmaxCrossEntropyLoss();
            TrainingListener spy =
                    new TrainingListenerAdapter() {
                        @Override
                        public void onTrainingBatch(Trainer trainer, BatchData batch) {
                            var labels = batch.getLabels().values().iterator().next();
                            var preds = batch.getPredictions().values().iterator().next();
                            theirLosses.add((double) loss.evaluate(labels, preds).getFloat());
                        }
                    };
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(loss)
                            .optOptimizer(djl)
                            .optDevices(new ai.djl.Device[] {ai.djl.Device.cpu()})
                            .addTrainingListeners(spy);
            try (Trainer trainer = theirs.newTrainer(config)) {
                EasyTrain.fit(trainer, 1, dataset(x, y, BATCH), null);
            }

            assertEquals(SAMPLES / BATCH, ourLosses.size());
            assertEquals(theirLosses.size(), ourLosses.size());
            for (int i = 0; i < ourLosses.size(); i++) {
                assertEquals(theirLosses.get(i), ourLosses.get(i), 1e-4, "loss of batch " + i);
            }
            Map<String, float[]> a = Fixtures.snapshot(mine.getBlock());
            Map<String, float[]> b = Fixtures.snapshot(theirs.getBlock());
            float diff = Fixtures.maxAbsDiff(a, b);
            assertTrue(diff <= 1e-4, name + ": final weights differ by " + diff);
            // And training did move them, so the comparison means something.
            try (Model fresh = Fixtures.model(21)) {
                assertTrue(Fixtures.maxAbsDiff(a, Fixtures.snapshot(fresh.getBlock())) > 1e-3);
            }
        }
    }

    private static ArrayDataset dataset(NDArray x, NDArray y, int batch) {
        return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(batch, false).build();
    }

    private static NDArray features(NDManager manager) {
        Random random = new Random(5);
        float[] values = new float[SAMPLES * Fixtures.FEATURES];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(SAMPLES, Fixtures.FEATURES));
    }

    private static NDArray labels(NDManager manager) {
        float[] values = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            values[i] = i % Fixtures.CLASSES;
        }
        return manager.create(values);
    }
}
