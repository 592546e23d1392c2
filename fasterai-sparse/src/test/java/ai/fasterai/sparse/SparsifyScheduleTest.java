/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.schedule.Schedule;
import ai.fasterai.core.schedule.Schedules;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every sparsity schedule through {@link SparsifyCallback}: at each training batch the applied
 * sparsity is {@code target * schedule.progress(pctTrain)}, masks are recomputed exactly when that
 * value changes, and the fit ends at the schedule's end value with that many whole weights zeroed.
 */
class SparsifyScheduleTest {

    private static final double TARGET = 50;

    /** 160 samples in batches of 16: 10 batches an epoch, 20 in the fit. */
    private static final int SAMPLES = 160;

    private static final int EPOCHS = 2;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of(Schedules.oneShot()),
                Arguments.of(Schedules.iterative()),
                Arguments.of(Schedules.agp()),
                Arguments.of(Schedules.oneCycle()),
                Arguments.of(Schedules.cos()),
                Arguments.of(Schedules.lin()),
                Arguments.of(Schedules.dsd()),
                Arguments.of(Schedules.cos().window(0.1, 0.6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void sparsityFollowsTheScheduleAndEndsAtItsEndValue(Schedule schedule) {
        SequentialBlock net =
                SparsifyCallbackTest.convNet(manager, SparsifyCallbackTest.SAMPLE, 21);
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(TARGET)
                        .optSchedule(schedule)
                        .optLog(SparsifyCallbackTest.quiet())
                        .build();
        Recorder recorder = new Recorder(sparsify);
        try (Model model = SparsifyCallbackTest.model(net);
                Learner learn =
                        SparsifyCallbackTest.learner(
                                model,
                                SparsifyCallbackTest.data(
                                        manager, SparsifyCallbackTest.SAMPLE, SAMPLES, 16),
                                SparsifyCallbackTest.adam())) {
            learn.fit(EPOCHS, 1e-2, sparsify, recorder);
        }

        assertEquals(EPOCHS * SAMPLES / 16, recorder.batches.size());
        double previous = 0; // the model starts dense
        int changes = 0;
        for (Step step : recorder.batches) {
            double expected = TARGET * schedule.progress(step.pctTrain);
            assertEquals(expected, step.sparsity, 1e-9, "sparsity at pctTrain " + step.pctTrain);
            boolean changed = step.sparsity != previous;
            assertEquals(
                    changed,
                    step.maskRecomputed,
                    "masks recomputed at pctTrain "
                            + step.pctTrain
                            + ": "
                            + previous
                            + " -> "
                            + step.sparsity);
            changes += changed ? 1 : 0;
            previous = step.sparsity;
        }
        // After the last training batch the callback moves to the end value, if it differs.
        double end = TARGET * schedule.progress(1.0);
        assertEquals(end, recorder.end.sparsity, 0.0, "after the last training pass");
        assertEquals(end != previous, recorder.end.maskRecomputed, "final recomputation");
        assertEquals(end, sparsify.getCurrentSparsity(), 0.0);
        assertTrue(changes >= 1, "the schedule never pruned");

        // Measured: every selected layer has round(end% x n) zero weights. Masks only grow for a
        // rising schedule; dsd falls back to 0, and weights zeroed at its last step stay zero
        // (no training step follows) while its final mask is all ones.
        for (String path : SparsifyCallbackTest.CONV_PATHS) {
            NDArray weight = SparsifyCallbackTest.weightOf(net, path);
            long zeros = SparsifyCallbackTest.zeroCount(weight);
            if (schedule.toString().startsWith("dsd")) {
                assertEquals(0.0, end, 1e-12);
                assertEquals(0, recorder.end.maskZeros.get(path), path + " final mask");
                assertTrue(
                        zeros <= Math.round(previous / 100 * weight.size()),
                        path + ": " + zeros + " zeros after dsd's last step at " + previous + "%");
            } else {
                assertEquals(Math.round(end / 100 * weight.size()), zeros, path + " zero weights");
            }
        }
        if (schedule == Schedules.oneShot()) {
            assertEquals(1, changes, "one shot prunes once");
        } else if (schedule.toString().startsWith("iterative(3)")) {
            assertEquals(3, changes, "three steps");
        }
    }

    /** What the recorder saw at one point. */
    private static final class Step {
        double pctTrain;
        double sparsity;
        boolean maskRecomputed;
        final java.util.Map<String, Long> maskZeros = new java.util.LinkedHashMap<>();
    }

    /** Runs after the callback: records the sparsity and whether a new mask object appeared. */
    private static final class Recorder implements Callback {
        private final SparsifyCallback sparsify;
        final List<Step> batches = new ArrayList<>();
        Step end;
        private NDArray lastMask;

        Recorder(SparsifyCallback sparsify) {
            this.sparsify = sparsify;
        }

        @Override
        public int getOrder() {
            return 1;
        }

        @Override
        public void beforeBatch(Learner learn) {
            if (learn.isTraining()) {
                Step step = observe();
                step.pctTrain = learn.getPctTrain();
                batches.add(step);
            }
        }

        @Override
        public void afterTrain(Learner learn) {
            if (learn.getEpoch() == learn.getNumEpochs() - 1) {
                end = observe();
                for (String path : SparsifyCallbackTest.CONV_PATHS) {
                    NDArray mask = sparsify.getSparsifier().getMask(path);
                    long zeros = mask == null ? 0 : SparsifyCallbackTest.zeroCount(mask);
                    end.maskZeros.put(path, zeros);
                }
            }
        }

        private Step observe() {
            Step step = new Step();
            step.sparsity = sparsify.getCurrentSparsity();
            NDArray mask = sparsify.getSparsifier().getMask(SparsifyCallbackTest.CONV_PATHS.get(0));
            step.maskRecomputed = mask != lastMask;
            lastMask = mask;
            return step;
        }
    }
}
