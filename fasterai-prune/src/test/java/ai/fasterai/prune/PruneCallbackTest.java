/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.Residual;
import ai.fasterai.core.optim.OptimizerConfig;
import ai.fasterai.core.schedule.Schedules;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link PruneCallback} in a {@link Learner}: schedule, window, end ratio, training goes on. */
class PruneCallbackTest {

    private static final Shape SAMPLE = new Shape(1, 8, 8);
    private static final Shape INPUT = new Shape(1, 1, 8, 8);

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Conv(8)+BN+ReLU, Conv(8)+BN+ReLU, Flatten, Linear(4): groups 01Conv2d and 04Conv2d. */
    private static SequentialBlock convNet() {
        return new SequentialBlock()
                .add(conv(8))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(conv(8))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(new Flatten())
                .add(Linear.builder().setUnits(4).build());
    }

    private static Conv2d conv(int filters) {
        return PruneNets.conv(filters, 3, 1);
    }

    private Learner learner(Block net) {
        Engine.getInstance().setRandomSeed(7);
        Model model = Model.newInstance("net");
        model.setBlock(net);
        DataLoaders data =
                DataLoaders.builder()
                        .setTrain(dataset(160, 1))
                        .setValid(dataset(32, 2))
                        .optBatchSize(16)
                        .build();
        return Learner.builder()
                .setData(data)
                .setModel(model)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(OptimizerConfig.adam().build())
                .optShowProgress(false)
                .build();
    }

    private ArrayDataset dataset(int n, long seed) {
        return SyntheticData.builder()
                .setNumSamples(n)
                .setNumClasses(4)
                .setShape(SAMPLE)
                .optSeed(seed)
                .optNoise(0.5f)
                .build()
                .generate(manager);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Records the callback's ratio at every training batch, after it acted. */
    private static Callback ratioRecorder(PruneCallback prune, List<double[]> seen) {
        return new Callback() {
            @Override
            public int getOrder() {
                return 1;
            }

            @Override
            public void beforeBatch(Learner learn) {
                if (learn.isTraining()) {
                    seen.add(new double[] {learn.getPctTrain(), prune.getCurrentRatio()});
                }
            }
        };
    }

    @Test
    void endsAtTheRequestedRatioAndKeepsTraining() {
        Block net = convNet();
        try (Learner learn = learner(net)) {
            PruneCallback prune =
                    PruneCallback.builder()
                            .setPruningRatio(50)
                            .optSchedule(Schedules.cos())
                            .optLog(quiet())
                            .build();
            List<Float> lossesAfterPruning = new ArrayList<>();
            Callback lossWatcher =
                    new Callback() {
                        @Override
                        public void afterBatch(Learner learn) {
                            if (learn.isTraining() && prune.getSteps() > 0) {
                                lossesAfterPruning.add(learn.getLoss().getFloat());
                            }
                        }
                    };
            learn.fit(2, 1e-3, prune, lossWatcher);
            assertEquals(50, prune.getCurrentRatio(), 1e-9);
            DependencyGraph graph = DependencyGraph.of(net, INPUT);
            assertEquals(2, graph.getGroups().size());
            for (ChannelGroup group : graph.getGroups()) {
                assertEquals(4, group.size(), group.toString());
            }
            assertEquals(expectedSteps(Schedules.cos(), 50, 5, 20), prune.getSteps());
            assertFalse(lossesAfterPruning.isEmpty());
            assertTrue(lossesAfterPruning.stream().allMatch(l -> Float.isFinite(l)));
            // The learner trained and validated the pruned model: its predictions have 4 classes.
            assertEquals(
                    4,
                    learn.predict(new ai.djl.ndarray.NDList(manager.ones(INPUT)))
                            .singletonOrThrow()
                            .getShape()
                            .get(1));
        }
    }

    @Test
    void prunedWeightsStillTrainAfterEachStep() {
        Block net = convNet();
        try (Learner learn = learner(net)) {
            PruneCallback prune =
                    new PruneCallback(
                            50, Context.GLOBAL, Criteria.largeFinal(), Schedules.iterative(2));
            List<float[]> snapshots = new ArrayList<>();
            Callback watcher =
                    new Callback() {
                        private int stepsSeen;

                        @Override
                        public int getOrder() {
                            return 1;
                        }

                        @Override
                        public void beforeBatch(Learner learn) {
                            if (learn.isTraining() && prune.getSteps() != stepsSeen) {
                                stepsSeen = prune.getSteps();
                                snapshots.add(firstWeight(net));
                            }
                        }

                        @Override
                        public void afterTrain(Learner learn) {
                            snapshots.add(firstWeight(net));
                        }
                    };
            learn.fit(1, 1e-2, prune, watcher);
            assertEquals(2, prune.getSteps());
            // After each step the (new, smaller) first conv still changes under training.
            assertTrue(snapshots.size() >= 3);
            float[] afterFirst = snapshots.get(0);
            float[] beforeSecond = snapshots.get(snapshots.size() - 2);
            assertFalse(
                    afterFirst.length == beforeSecond.length
                            && java.util.Arrays.equals(afterFirst, beforeSecond),
                    "the pruned conv did not train between pruning steps");
        }
    }

    /**
     * The callback's documented rule, replayed: before each of {@code batches} training batches it
     * prunes when {@code ratio * progress} grew by {@code minStep} since the last step (or reached
     * its end), and once more after training if the end value was not reached.
     */
    private static int expectedSteps(
            ai.fasterai.core.schedule.Schedule schedule,
            double ratio,
            double minStep,
            int batches) {
        double applied = 0;
        int steps = 0;
        for (int i = 0; i < batches; i++) {
            double progress = schedule.progress((double) i / batches);
            double target = ratio * progress;
            if (target - applied >= minStep || (progress >= 1 && target > applied)) {
                applied = target;
                steps++;
            }
        }
        return ratio * schedule.progress(1.0) > applied ? steps + 1 : steps;
    }

    private static float[] firstWeight(Block net) {
        return net.getChildren()
                .get(0)
                .getValue()
                .getParameters()
                .get("weight")
                .getArray()
                .toFloatArray();
    }

    @Test
    void theScheduleWindowIsHonoured() {
        Block net = convNet();
        try (Learner learn = learner(net)) {
            PruneCallback prune =
                    PruneCallback.builder()
                            .setPruningRatio(50)
                            .optSchedule(Schedules.lin().window(0.25, 0.5))
                            .optMinStep(0)
                            .optLog(quiet())
                            .build();
            List<double[]> seen = new ArrayList<>();
            learn.fit(2, 1e-3, prune, ratioRecorder(prune, seen));
            for (double[] s : seen) {
                if (s[0] <= 0.25) {
                    assertEquals(0, s[1], 1e-9, "pruned before startPct at pct " + s[0]);
                }
                if (s[0] >= 0.5) {
                    assertEquals(50, s[1], 1e-9, "not at the end value after endPct " + s[0]);
                }
            }
            assertTrue(seen.stream().anyMatch(s -> s[1] > 0 && s[1] < 50), "no gradual step");
        }
    }

    @Test
    void globalPruningOfAResidualNetEndsAtTheRatio() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(8))
                        .add(BatchNorm.builder().build())
                        .add(ActivationBlock.relu())
                        .add(
                                Residual.builder()
                                        .setMain(
                                                new SequentialBlock()
                                                        .add(conv(8))
                                                        .add(BatchNorm.builder().build())
                                                        .add(ActivationBlock.relu())
                                                        .add(conv(8))
                                                        .add(BatchNorm.builder().build()))
                                        .optActivation(ActivationBlock.relu())
                                        .build())
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(4).build());
        try (Learner learn = learner(net)) {
            PruneCallback prune =
                    new PruneCallback(50, Context.GLOBAL, Criteria.largeFinal(), Schedules.agp());
            learn.fit(1, 1e-3, prune);
            DependencyGraph graph = DependencyGraph.of(net, INPUT);
            int total = graph.getGroups().stream().mapToInt(ChannelGroup::size).sum();
            assertEquals(8, total, graph.toString()); // 16 coupled channels, half removed
        }
    }

    @Test
    void badSettingsAreRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new PruneCallback(
                                        100,
                                        Context.LOCAL,
                                        Criteria.largeFinal(),
                                        Schedules.cos()));
        assertTrue(e.getMessage().contains("pruningRatio") && e.getMessage().contains("100"));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PruneCallback.builder().setPruningRatio(20).optMinStep(-1).build());
        assertTrue(e.getMessage().contains("minStep"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new PruneCallback(20, Context.LOCAL, Criteria.largeFinal(), null));
        assertThrows(IllegalArgumentException.class, () -> PruneCallback.builder().build());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PruneCallback.builder().setPruningRatio(20).optRoundTo(0).build());
        assertTrue(e.getMessage().contains("roundTo"), e.getMessage());
    }

    @Test
    void aModelTheCallbackCannotUseFailsTheFitUntouched() {
        Block net = convNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(16, 1, 8, 8));
        float[] before = firstWeight(net);
        try (Learner learn = learner(net)) {
            PruneCallback prune =
                    PruneCallback.builder()
                            .setPruningRatio(50)
                            .optIgnoredLayers("01Conv2d", "04Conv2d")
                            .optLog(quiet())
                            .build();
            RuntimeException e =
                    assertThrows(RuntimeException.class, () -> learn.fit(1, 1e-3, prune));
            assertTrue(String.valueOf(e.getCause()).contains("ignored"), String.valueOf(e));
        }
        assertTrue(java.util.Arrays.equals(before, firstWeight(net)));
    }
}
