/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.metric.Metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Recorder, ProgressCallback, SaveModel, EarlyStopping and TerminateOnNaN do what they say. */
class BuiltInCallbacksTest {

    private NDManager manager;
    private Model model;
    private DataLoaders data;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(3);
        model = Model.newInstance("mlp");
        SequentialBlock block =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(16).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(3).build());
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 8));
        model.setBlock(block);
        ai.djl.training.dataset.ArrayDataset all = synthetic(144, 1);
        data =
                DataLoaders.builder()
                        .setTrain(all.subDataset(0, 96))
                        .setValid(all.subDataset(96, 144))
                        .optBatchSize(16)
                        .build();
    }

    private ai.djl.training.dataset.ArrayDataset synthetic(int n, long seed) {
        return SyntheticData.builder()
                .setNumSamples(n)
                .setNumClasses(3)
                .setShape(new Shape(8))
                .optSeed(seed)
                .optNoise(0.8f)
                .build()
                .generate(manager);
    }

    @AfterEach
    void tearDown() {
        model.close();
        manager.close();
    }

    private Learner learner(Callback... callbacks) {
        Learner.Builder builder =
                Learner.builder()
                        .setData(data)
                        .setModel(model)
                        .setLoss(Loss.softmaxCrossEntropyLoss())
                        .optMetrics(Metrics.accuracy(), Metrics.errorRate())
                        .optShowProgress(false);
        for (Callback callback : callbacks) {
            builder.addCallback(callback);
        }
        return builder.build();
    }

    @Test
    void recorderKeepsOneRowPerEpochAndOneLossPerStep() {
        try (Learner learn = learner()) {
            learn.fit(2, 1e-2);
            Recorder recorder = learn.getRecorder();
            assertEquals(12, recorder.getLosses().size()); // 96 / 16 = 6 steps per epoch
            List<Map<String, Double>> rows = recorder.getEpochs();
            assertEquals(2, rows.size());
            assertEquals(
                    List.of("epoch", "train_loss", "valid_loss", "accuracy", "error_rate", "time"),
                    new ArrayList<>(rows.get(0).keySet()));
            double meanSecondEpoch =
                    recorder.getLosses().subList(6, 12).stream()
                            .mapToDouble(d -> d)
                            .average()
                            .orElseThrow();
            assertEquals(meanSecondEpoch, rows.get(1).get("train_loss"), 1e-9); // equal batches
            assertEquals(1.0, rows.get(1).get("accuracy") + rows.get(1).get("error_rate"), 1e-6);
            Map<String, Double> again = learn.validate();
            assertEquals(rows.get(1).get("valid_loss"), again.get("valid_loss"), 1e-6);
        }
    }

    @Test
    void progressPrintsTheFastaiTable() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Learner learn = learner(new ProgressCallback(out, false))) {
            learn.fit(2, 1e-2);
            String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(3, lines.length, String.join("\n", lines));
            assertTrue(
                    lines[0].matches(
                            "epoch\\s+train_loss\\s+valid_loss\\s+accuracy\\s+error_rate\\s+time"),
                    lines[0]);
            for (int epoch = 0; epoch < 2; epoch++) {
                String[] cells = lines[epoch + 1].trim().split("\\s+");
                Map<String, Double> row = learn.getRecorder().getEpochs().get(epoch);
                assertEquals(Integer.toString(epoch), cells[0]);
                assertEquals(row.get("train_loss"), Double.parseDouble(cells[1]), 1e-6);
                assertEquals(row.get("valid_loss"), Double.parseDouble(cells[2]), 1e-6);
                assertEquals(row.get("accuracy"), Double.parseDouble(cells[3]), 1e-6);
                assertTrue(cells[5].matches("\\d\\d:\\d\\d"), cells[5]);
            }
        }
    }

    @Test
    void progressBarShowsCountsAndEtaWhenAskedFor() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Learner learn = learner(new ProgressCallback(out, true))) {
            learn.fit(1, 1e-2);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        // The last redraw of each pass shows it complete: 6 training and 3 validation batches.
        assertTrue(text.contains("\rtrain |" + "#".repeat(30) + "| 6/6 "), text);
        assertTrue(text.contains("\rvalid |" + "#".repeat(30) + "| 3/3 "), text);
        assertTrue(text.matches("(?s).*\\d\\d:\\d\\d<\\d\\d:\\d\\d loss \\d+\\.\\d{4}.*"), text);
        assertTrue(text.contains(" \r0 "), "the epoch row replaces the cleared bar: " + text);
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        // A minDelta no change can beat: only the first epoch "improves".
        EarlyStoppingCallback stop = new EarlyStoppingCallback("valid_loss", 1e9, 2);
        try (Learner learn = learner(stop)) {
            learn.fit(10, 1e-2);
            assertEquals(2, stop.getStoppedEpoch());
            assertEquals(3, learn.getRecorder().getEpochs().size());
        }
    }

    @Test
    void earlyStoppingNamesAnUnknownMonitor() {
        EarlyStoppingCallback stop = new EarlyStoppingCallback("f1", 0, 1);
        try (Learner learn = learner(stop)) {
            Exception e = assertThrows(RuntimeException.class, () -> learn.fit(1, 1e-2));
            assertTrue(e.getMessage().contains("'f1'"), e.getMessage());
            assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
        }
    }

    @Test
    void saveModelKeepsTheBestEpochAndLoadsItBack(@TempDir Path dir) throws Exception {
        SaveModelCallback save = new SaveModelCallback(dir, "best", "accuracy", false);
        List<Map<String, float[]>> weightsPerEpoch = new ArrayList<>();
        Callback capture =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return ORDER_SAVE_MODEL + 1;
                    }

                    @Override
                    public void afterEpoch(Learner learn) {
                        weightsPerEpoch.add(snapshot(learn));
                    }
                };
        try (Learner learn = learner(save, capture)) {
            learn.fit(4, 5e-2);
            int best = save.getBestEpoch();
            assertTrue(best >= 0);
            List<Map<String, Double>> rows = learn.getRecorder().getEpochs();
            double bestAccuracy =
                    rows.stream().mapToDouble(r -> r.get("accuracy")).max().orElseThrow();
            assertEquals(bestAccuracy, rows.get(best).get("accuracy"), 0.0);
            for (int e = 0; e < best; e++) {
                assertTrue(rows.get(e).get("accuracy") < bestAccuracy, "first best wins");
            }
            assertEquals(dir.resolve("best.params"), save.getLastSaved());
            assertTrue(Files.size(save.getLastSaved()) > 0);
            Map<String, float[]> loaded = snapshot(learn);
            for (String key : loaded.keySet()) {
                assertTrue(
                        java.util.Arrays.equals(
                                weightsPerEpoch.get(best).get(key), loaded.get(key)),
                        key + " is not the best epoch's");
            }
            // Training goes on with the loaded weights.
            learn.fit(1, 5e-2);
            assertTrue(
                    !java.util.Arrays.equals(
                            loaded.values().iterator().next(),
                            snapshot(learn).values().iterator().next()));
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "no temporary files left");
            }
        }
    }

    @Test
    void saveModelLeavesAFailedFitAtItsLastStep(@TempDir Path dir) {
        SaveModelCallback save = new SaveModelCallback(dir);
        List<Map<String, float[]>> afterSteps = new ArrayList<>();
        Callback failLater =
                new Callback() {
                    @Override
                    public void afterStep(Learner learn) {
                        afterSteps.add(snapshot(learn));
                        if (learn.getEpoch() == 1 && learn.getIteration() == 2) {
                            throw new IllegalStateException("disk on fire");
                        }
                    }
                };
        try (Learner learn = learner(save, failLater)) {
            assertThrows(RuntimeException.class, () -> learn.fit(3, 5e-2));
            assertTrue(learn.hasFitFailed());
            assertEquals(0, save.getBestEpoch()); // epoch 0 was saved...
            Map<String, float[]> now = snapshot(learn);
            Map<String, float[]> last = afterSteps.get(afterSteps.size() - 1);
            for (String key : now.keySet()) {
                // ...but the model keeps its last step (3 steps past the saved weights).
                assertTrue(java.util.Arrays.equals(last.get(key), now.get(key)), key);
            }
            assertTrue(
                    !java.util.Arrays.equals(
                            afterSteps.get(5).values().iterator().next(),
                            now.values().iterator().next()),
                    "the last step differs from the saved epoch-0 weights");
        }
    }

    @Test
    void terminateOnNaNStopsBeforeTheBadStep() {
        TerminateOnNaNCallback nan = new TerminateOnNaNCallback();
        List<Map<String, float[]>> afterSteps = new ArrayList<>();
        Callback poison =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return ORDER_TERMINATE_ON_NAN - 1;
                    }

                    @Override
                    public void afterLoss(Learner learn) {
                        if (learn.isTraining()
                                && learn.getEpoch() == 1
                                && learn.getIteration() == 2) {
                            learn.setLoss(learn.getLoss().mul(Float.NaN));
                        }
                    }

                    @Override
                    public void afterStep(Learner learn) {
                        afterSteps.add(snapshot(learn));
                    }
                };
        try (Learner learn = learner(nan, poison)) {
            learn.fit(3, 1e-2);
            assertNotNull(nan.getStopReason());
            assertTrue(nan.getStopReason().contains("epoch 1, batch 2"), nan.getStopReason());
            assertEquals(6 + 2, afterSteps.size());
            Map<String, float[]> now = snapshot(learn);
            Map<String, float[]> last = afterSteps.get(afterSteps.size() - 1);
            for (String key : now.keySet()) {
                assertTrue(java.util.Arrays.equals(last.get(key), now.get(key)), key);
            }
            assertEquals(1, learn.getRecorder().getEpochs().size());
            learn.fit(1, 1e-2);
            assertNull(nan.getStopReason());
        }
    }

    private static Map<String, float[]> snapshot(Learner learn) {
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        for (var pair : learn.getModel().getBlock().getParameters()) {
            values.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
