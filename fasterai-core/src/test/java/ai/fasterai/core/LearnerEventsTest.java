/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.optim.OptimizerConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The loop fires fastai's events in fastai's order, on normal and cancelled paths. */
class LearnerEventsTest {

    private static final List<String> TRAIN_BATCH =
            List.of(
                    "beforeBatch",
                    "afterPred",
                    "afterLoss",
                    "beforeBackward",
                    "afterBackward",
                    "beforeStep",
                    "afterStep",
                    "afterBatch");
    private static final List<String> VALID_BATCH =
            List.of("beforeBatch", "afterPred", "afterLoss", "afterBatch");

    private NDManager manager;
    private Model model;
    private DataLoaders data;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        model = Fixtures.model(1);
        data = Fixtures.data(manager, 32, 16, false); // 2 training and 2 validation batches
    }

    @AfterEach
    void tearDown() {
        model.close();
        manager.close();
    }

    private List<String> run(int epochs, EventProbe probe) {
        try (Learner learn = Fixtures.learner(model, data, OptimizerConfig.sgd().build(), probe)) {
            learn.fit(epochs, 0.01);
        }
        return probe.events;
    }

    private static List<String> epoch(List<List<String>> train, List<List<String>> valid) {
        List<String> out = new ArrayList<>(List.of("beforeEpoch", "beforeTrain"));
        train.forEach(out::addAll);
        out.addAll(List.of("afterTrain", "beforeValidate"));
        valid.forEach(out::addAll);
        out.addAll(List.of("afterValidate", "afterEpoch"));
        return out;
    }

    private static List<String> fit(List<List<String>> epochs) {
        List<String> out = new ArrayList<>(List.of("beforeFit"));
        epochs.forEach(out::addAll);
        out.add("afterFit");
        return out;
    }

    private static final List<String> NORMAL_EPOCH =
            epoch(List.of(TRAIN_BATCH, TRAIN_BATCH), List.of(VALID_BATCH, VALID_BATCH));

    /** Throws the cancel the first time the event fires, then lets the loop go on. */
    private static EventProbe cancelOnce(CallbackEvent event, Supplier<CancelException> cancel) {
        boolean[] fired = {false};
        return new EventProbe(
                event,
                (learn, e) -> {
                    if (!fired[0]) {
                        fired[0] = true;
                        throw cancel.get();
                    }
                });
    }

    @Test
    void normalFitFiresEveryEventInOrder() {
        assertEquals(fit(List.of(NORMAL_EPOCH, NORMAL_EPOCH)), run(2, new EventProbe()));
    }

    @Test
    void cancelBatchSkipsTheRestOfThatBatchOnly() {
        List<String> cancelled =
                List.of("beforeBatch", "afterPred", "afterLoss", "afterCancelBatch", "afterBatch");
        List<String> expected =
                fit(
                        List.of(
                                epoch(
                                        List.of(cancelled, TRAIN_BATCH),
                                        List.of(VALID_BATCH, VALID_BATCH))));
        assertEquals(
                expected, run(1, cancelOnce(CallbackEvent.AFTER_LOSS, CancelBatchException::new)));
    }

    @Test
    void cancelBackwardSkipsBackwardButNotTheStep() {
        List<String> cancelled =
                List.of(
                        "beforeBatch",
                        "afterPred",
                        "afterLoss",
                        "beforeBackward",
                        "afterCancelBackward",
                        "afterBackward",
                        "beforeStep",
                        "afterStep",
                        "afterBatch");
        List<String> expected =
                fit(
                        List.of(
                                epoch(
                                        List.of(cancelled, TRAIN_BATCH),
                                        List.of(VALID_BATCH, VALID_BATCH))));
        assertEquals(
                expected,
                run(1, cancelOnce(CallbackEvent.BEFORE_BACKWARD, CancelBackwardException::new)));
    }

    @Test
    void cancelStepSkipsTheStep() {
        List<String> cancelled =
                List.of(
                        "beforeBatch",
                        "afterPred",
                        "afterLoss",
                        "beforeBackward",
                        "afterBackward",
                        "beforeStep",
                        "afterCancelStep",
                        "afterStep",
                        "afterBatch");
        List<String> expected =
                fit(
                        List.of(
                                epoch(
                                        List.of(cancelled, TRAIN_BATCH),
                                        List.of(VALID_BATCH, VALID_BATCH))));
        assertEquals(
                expected, run(1, cancelOnce(CallbackEvent.BEFORE_STEP, CancelStepException::new)));
    }

    @Test
    void cancelTrainStillValidates() {
        List<String> expected =
                fit(
                        List.of(
                                Arrays.asList(
                                        "beforeEpoch",
                                        "beforeTrain",
                                        "beforeBatch",
                                        "afterCancelTrain",
                                        "afterTrain",
                                        "beforeValidate",
                                        "beforeBatch",
                                        "afterPred",
                                        "afterLoss",
                                        "afterBatch",
                                        "beforeBatch",
                                        "afterPred",
                                        "afterLoss",
                                        "afterBatch",
                                        "afterValidate",
                                        "afterEpoch")));
        assertEquals(
                expected,
                run(1, cancelOnce(CallbackEvent.BEFORE_BATCH, CancelTrainException::new)));
    }

    @Test
    void cancelValidateEndsTheValidationPass() {
        List<String> expected = new ArrayList<>(List.of("beforeFit", "beforeEpoch", "beforeTrain"));
        expected.addAll(TRAIN_BATCH);
        expected.addAll(TRAIN_BATCH);
        expected.addAll(
                List.of("afterTrain", "beforeValidate", "afterCancelValidate", "afterValidate"));
        expected.addAll(List.of("afterEpoch", "afterFit"));
        assertEquals(
                expected,
                run(1, cancelOnce(CallbackEvent.BEFORE_VALIDATE, CancelValidateException::new)));
    }

    @Test
    void cancelEpochGoesOnWithTheNextEpoch() {
        List<String> first = new ArrayList<>(List.of("beforeEpoch", "beforeTrain"));
        first.addAll(TRAIN_BATCH);
        first.addAll(TRAIN_BATCH);
        first.addAll(List.of("afterTrain", "afterCancelEpoch", "afterEpoch"));
        assertEquals(
                fit(List.of(first, NORMAL_EPOCH)),
                run(2, cancelOnce(CallbackEvent.AFTER_TRAIN, CancelEpochException::new)));
    }

    @Test
    void cancelFitStopsEverything() {
        List<String> expected = new ArrayList<>(List.of("beforeFit"));
        expected.addAll(NORMAL_EPOCH);
        expected.addAll(List.of("beforeEpoch", "afterCancelFit", "afterFit"));
        EventProbe probe =
                new EventProbe(
                        CallbackEvent.BEFORE_EPOCH,
                        (learn, e) -> {
                            if (learn.getEpoch() == 1) {
                                throw new CancelFitException("enough");
                            }
                        });
        assertEquals(expected, run(3, probe));
    }

    @Test
    void failingCallbackIsNamedAndAfterFitStillRuns() {
        Map<String, float[]> before = Fixtures.snapshot(model.getBlock());
        EventProbe probe = new EventProbe();
        Callback failing =
                new Callback() {
                    @Override
                    public void afterBackward(Learner learn) {
                        throw new IllegalStateException("boom");
                    }

                    @Override
                    public String getName() {
                        return "Exploder";
                    }
                };
        try (Learner learn =
                Fixtures.learner(model, data, OptimizerConfig.sgd().build(), probe, failing)) {
            CallbackException e = assertThrows(CallbackException.class, () -> learn.fit(1, 0.1));
            assertTrue(e.getMessage().contains("Exploder"), e.getMessage());
            assertTrue(e.getMessage().contains("afterBackward"), e.getMessage());
            assertEquals(CallbackEvent.AFTER_BACKWARD, e.getEvent());
            assertEquals("afterFit", probe.events.get(probe.events.size() - 1));
            // The failure came before the first step: the weights are untouched...
            assertEquals(0f, Fixtures.maxAbsDiff(before, Fixtures.snapshot(model.getBlock())));
            // ...and the failed batch's gradients were discarded, so the next fit starts clean.
            for (var pair : model.getBlock().getParameters()) {
                float[] grad = pair.getValue().getArray().getGradient().toFloatArray();
                for (float g : grad) {
                    assertEquals(0f, g, pair.getKey() + " kept a gradient");
                }
            }
        }
    }

    @Test
    void callbacksRunByOrderThenInsertionOrder() {
        List<String> seen = new ArrayList<>();
        Callback late = named("late", 10, seen);
        Callback early = named("early", -5, seen);
        Callback plainA = named("a", 0, seen);
        Callback plainB = named("b", 0, seen);
        try (Learner learn =
                Fixtures.learner(model, data, OptimizerConfig.sgd().build(), late, plainA)) {
            learn.fit(1, 0.01, early, plainB);
        }
        assertEquals(List.of("early", "a", "b", "late"), seen);
    }

    private static Callback named(String name, int order, List<String> seen) {
        return new Callback() {
            @Override
            public int getOrder() {
                return order;
            }

            @Override
            public void beforeFit(Learner learn) {
                seen.add(name);
            }
        };
    }
}
