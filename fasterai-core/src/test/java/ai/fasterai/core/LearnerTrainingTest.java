/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.fasterai.core.callback.ParamScheduler;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.optim.OptimizerConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The loop trains: accuracy, schedules reaching the optimizer, loss replacement, layer swaps. */
class LearnerTrainingTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void fitReachesHighAccuracyOnSeparableData() {
        try (Model model = Fixtures.model(11);
                Learner learn =
                        Fixtures.learner(
                                model,
                                Fixtures.data(manager, 512, 32, true),
                                OptimizerConfig.adam().build())) {
            learn.fit(3, 1e-2);
            double accuracy = learn.validate().get("accuracy");
            assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
            assertEquals(3, learn.getRecorder().getEpochs().size());
        }
    }

    @Test
    void initializeModelUsesTheFirstTrainingBatchShapes() {
        try (Model model = Model.newInstance("fresh")) {
            model.setBlock(Fixtures.mlp(8));
            checkInitializeModel(model);
        }
    }

    private void checkInitializeModel(Model model) {
        try (Learner learn =
                Fixtures.learner(
                        model,
                        Fixtures.data(manager, 64, 16, false),
                        OptimizerConfig.adam().build())) {
            assertFalse(model.getBlock().isInitialized());
            learn.initializeModel();
            assertTrue(model.getBlock().isInitialized());
            Shape input = model.getBlock().describeInput().get(0).getValue();
            assertEquals(16, input.get(0));
            Map<String, float[]> before = Fixtures.snapshot(model.getBlock());
            learn.initializeModel(); // a second call changes nothing
            assertEquals(0f, Fixtures.maxAbsDiff(before, Fixtures.snapshot(model.getBlock())));
        }
    }

    @Test
    void fitOneCycleReachesHighAccuracyOnSeparableData() {
        try (Model model = Fixtures.model(12);
                Learner learn =
                        Fixtures.learner(
                                model,
                                Fixtures.data(manager, 512, 32, true),
                                OptimizerConfig.adam().build())) {
            learn.fitOneCycle(3, 1e-2);
            double accuracy = learn.validate().get("accuracy");
            assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
        }
    }

    /** fastai's combined_cos written out: cosine up over pct, cosine down over the rest. */
    private static double combinedCos(double p, double pct, double a, double b, double c) {
        if (p < pct) {
            double x = p / pct;
            return a + (1 + Math.cos(Math.PI * (1 - x))) * (b - a) / 2;
        }
        double x = (p - pct) / (1 - pct);
        return b + (1 + Math.cos(Math.PI * (1 - x))) * (c - b) / 2;
    }

    @Test
    void fitOneCycleTracesEqualTheClosedForm() {
        double lrMax = 3e-3;
        try (Model model = Fixtures.model(13);
                Learner learn =
                        Fixtures.learner(
                                model,
                                Fixtures.data(manager, 64, 16, true), // 4 batches
                                OptimizerConfig.adam().build())) {
            learn.fitOneCycle(3, lrMax);
            List<Double> lrs = learn.getRecorder().getLrs();
            List<Double> moms = learn.getRecorder().getMoms();
            assertEquals(12, lrs.size());
            assertEquals(12, moms.size());
            for (int i = 0; i < 12; i++) {
                double p = i / 12.0;
                assertEquals(
                        combinedCos(p, 0.25, lrMax / 25, lrMax, lrMax / 1e5), lrs.get(i), 1e-15);
                assertEquals(combinedCos(p, 0.25, 0.95, 0.85, 0.95), moms.get(i), 1e-15);
            }
        }
    }

    @Test
    void scheduledLearningRateIsTheOneTheOptimizerApplies() {
        // Plain SGD: w_after = w_before - lr * grad, so lr = (w_before - w_after) / grad.
        List<Double> applied = new ArrayList<>();
        Callback spy =
                new Callback() {
                    private float[] weight;
                    private float[] grad;

                    @Override
                    public void afterBackward(Learner learn) {
                        NDArray w = firstWeight(learn);
                        weight = w.toFloatArray();
                        grad = w.getGradient().toFloatArray();
                    }

                    @Override
                    public void afterStep(Learner learn) {
                        float[] after = firstWeight(learn).toFloatArray();
                        int best = 0;
                        for (int i = 1; i < grad.length; i++) {
                            best = Math.abs(grad[i]) > Math.abs(grad[best]) ? i : best;
                        }
                        applied.add((double) (weight[best] - after[best]) / grad[best]);
                    }
                };
        try (Model model = Fixtures.model(14);
                Learner learn =
                        Fixtures.learner(
                                model,
                                Fixtures.data(manager, 64, 16, false),
                                OptimizerConfig.sgd().optMomentum(0f).build(),
                                spy)) {
            learn.fit(2, 0.5, ParamScheduler.lr(p -> 0.5 - 0.4 * p));
            List<Double> lrs = learn.getRecorder().getLrs();
            assertEquals(8, applied.size());
            for (int i = 0; i < 8; i++) {
                assertEquals(0.5 - 0.4 * i / 8.0, lrs.get(i), 1e-12);
                assertEquals(lrs.get(i), applied.get(i), 2e-3 * lrs.get(i));
            }
        }
    }

    private static NDArray firstWeight(Learner learn) {
        return learn.getModel().getBlock().getParameters().get(0).getValue().getArray();
    }

    @Test
    void replacedLossDrivesTheGradient() {
        // One bias-free Linear: with the loss replaced by sum(pred), dL/dW[j][k] = sum_i x[i][k].
        float[][] seen = new float[2][];
        Callback replace =
                new Callback() {
                    @Override
                    public void afterLoss(Learner learn) {
                        if (learn.isTraining()) {
                            learn.setLoss(learn.getPred().head().sum());
                        }
                    }

                    @Override
                    public void afterBackward(Learner learn) {
                        seen[0] = learn.getXb().head().toFloatArray();
                        seen[1] = firstWeight(learn).getGradient().toFloatArray();
                        throw new CancelFitException();
                    }
                };
        float[] hand;
        float[] replaced;
        try (Model model = Model.newInstance("linear")) {
            Block linear = Linear.builder().setUnits(Fixtures.CLASSES).optBias(false).build();
            linear.initialize(
                    model.getNDManager(), DataType.FLOAT32, new Shape(1, Fixtures.FEATURES));
            model.setBlock(linear);
            try (Learner learn =
                    Fixtures.learner(
                            model,
                            Fixtures.data(manager, 64, 16, false),
                            OptimizerConfig.sgd().build(),
                            replace)) {
                learn.fit(1, 0.1);
            }
            float[] x = seen[0];
            replaced = seen[1];
            int rows = x.length / Fixtures.FEATURES;
            hand = new float[Fixtures.CLASSES * Fixtures.FEATURES];
            for (int j = 0; j < Fixtures.CLASSES; j++) {
                for (int k = 0; k < Fixtures.FEATURES; k++) {
                    float sum = 0;
                    for (int i = 0; i < rows; i++) {
                        sum += x[i * Fixtures.FEATURES + k];
                    }
                    hand[j * Fixtures.FEATURES + k] = sum;
                }
            }
        }
        assertEquals(hand.length, replaced.length);
        for (int i = 0; i < hand.length; i++) {
            assertEquals(hand[i], replaced[i], 1e-4, "gradient element " + i);
        }
    }

    @Test
    void swappedLayerTrainsAfterModelChanged() {
        Linear[] fresh = new Linear[1];
        float[][] initial = new float[1][];
        Callback swap =
                new Callback() {
                    @Override
                    public void afterEpoch(Learner learn) {
                        if (learn.getEpoch() != 0) {
                            return;
                        }
                        Model model = learn.getModel();
                        List<Block> children =
                                new ArrayList<>(model.getBlock().getChildren().values());
                        Linear head = Linear.builder().setUnits(Fixtures.CLASSES).build();
                        head.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 32));
                        SequentialBlock rebuilt = new SequentialBlock();
                        rebuilt.add(children.get(0)).add(children.get(1)).add(head);
                        model.setBlock(rebuilt);
                        learn.modelChanged();
                        fresh[0] = head;
                        initial[0] =
                                head.getParameters().get(0).getValue().getArray().toFloatArray();
                    }
                };
        try (Model model = Fixtures.model(15);
                Learner learn =
                        Fixtures.learner(
                                model,
                                Fixtures.data(manager, 64, 16, true),
                                OptimizerConfig.adam().build(),
                                swap)) {
            learn.fit(2, 1e-2);
            float[] after = fresh[0].getParameters().get(0).getValue().getArray().toFloatArray();
            float moved = 0;
            for (int i = 0; i < after.length; i++) {
                moved = Math.max(moved, Math.abs(after[i] - initial[0][i]));
            }
            assertTrue(moved > 1e-4, "the new layer did not train: max change " + moved);
            assertEquals(8, learn.getRecorder().getLosses().size());
            NDList out = learn.predict(new NDList(manager.ones(new Shape(2, Fixtures.FEATURES))));
            assertEquals(new Shape(2, Fixtures.CLASSES), out.head().getShape());
        }
    }

    @Test
    void trainingDoesNotGrowNativeMemory() {
        try (Model model = Fixtures.model(16);
                Learner learn =
                        Fixtures.learner(
                                model,
                                Fixtures.data(manager, 256, 16, true),
                                OptimizerConfig.adam().build())) {
            learn.fit(1, 1e-3);
            int afterOne = model.getNDManager().getManagedArrays().size();
            learn.fit(5, 1e-3); // 80 more steps and 10 more validation passes' batches
            int afterSix = model.getNDManager().getManagedArrays().size();
            assertEquals(afterOne, afterSix, "arrays left behind by the loop");
        }
    }

    @Test
    void getPredsReturnsProbabilitiesAndTargetsInOrder() {
        DataLoaders data = Fixtures.data(manager, 64, 16, true);
        try (Model model = Fixtures.model(17);
                Learner learn = Fixtures.learner(model, data, OptimizerConfig.adam().build());
                NDManager results = NDManager.newBaseManager()) {
            learn.fit(1, 1e-2);
            Predictions preds = learn.getPreds(results);
            assertEquals(new Shape(32, Fixtures.CLASSES), preds.preds().getShape());
            assertEquals(32, preds.targets().size());
            float[] rowSums = preds.preds().sum(new int[] {1}).toFloatArray();
            for (float s : rowSums) {
                assertEquals(1f, s, 1e-5);
            }
            // Accuracy from getPreds equals the recorder's.
            float[] argmax = preds.preds().argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
            float[] targets = preds.targets().toFloatArray();
            int correct = 0;
            for (int i = 0; i < argmax.length; i++) {
                correct += argmax[i] == targets[i] ? 1 : 0;
            }
            Map<String, Double> valid = learn.validate();
            assertEquals(valid.get("accuracy"), correct / 32.0, 1e-6);
            // The results belong to the caller's manager, not to a batch that is gone.
            assertSame(results, preds.preds().getManager());
            assertSame(results, preds.targets().getManager());
        }
    }
}
