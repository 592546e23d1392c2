/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.optim.OptimizerConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;

/** Bad input gets a message naming the parameter and what is allowed; the model stays as it was. */
class LearnerBadInputTest {

    private NDManager manager;
    private Model model;
    private DataLoaders data;
    private Learner learn;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        model = Fixtures.model(31);
        data = Fixtures.data(manager, 32, 16, false);
        learn = Fixtures.learner(model, data, OptimizerConfig.adam().build());
    }

    @AfterEach
    void tearDown() {
        learn.close();
        model.close();
        manager.close();
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void epochsMustBePositive() {
        assertMessage(() -> learn.fit(0, 1e-3), "epochs", "0", ">= 1");
        assertMessage(() -> learn.fit(-2, 1e-3), "epochs", "-2");
        assertMessage(() -> learn.fitOneCycle(0, 1e-3), "epochs", "0");
    }

    @Test
    void learningRateMustBeFiniteAndPositive() {
        assertMessage(() -> learn.fit(1, 0), "lr", "0.0", "> 0");
        assertMessage(() -> learn.fit(1, -1e-3), "lr", "-0.001");
        assertMessage(() -> learn.fit(1, Double.NaN), "lr", "NaN");
        assertMessage(() -> learn.fit(1, Double.POSITIVE_INFINITY), "lr", "Infinity");
        assertMessage(() -> learn.fitOneCycle(1, -1), "lrMax", "-1.0");
        assertMessage(() -> learn.setMom(1.0), "mom", "1.0", "[0, 1)");
    }

    @Test
    void emptyOrMissingDataIsRejected() {
        ArrayDataset empty =
                new ArrayDataset.Builder()
                        .setData(manager.zeros(new Shape(0, Fixtures.FEATURES)))
                        .optLabels(manager.zeros(new Shape(0)))
                        .setSampling(1, false)
                        .build();
        assertMessage(
                () -> DataLoaders.builder().setTrain(empty).setValid(data.getValid()).build(),
                "train",
                "empty");
        assertMessage(
                () -> DataLoaders.builder().setTrain(data.getTrain()).build(), "valid", "null");
        assertMessage(
                () ->
                        DataLoaders.builder()
                                .setTrain(data.getTrain())
                                .setValid(data.getValid())
                                .optBatchSize(0)
                                .build(),
                "batchSize",
                "0");
    }

    @Test
    void builderNamesMissingParts() {
        assertMessage(
                () -> Learner.builder().setModel(model).setLoss(Loss.l2Loss()).build(), "data");
        assertMessage(
                () -> Learner.builder().setData(data).setLoss(Loss.l2Loss()).build(), "model");
        assertMessage(() -> Learner.builder().setData(data).setModel(model).build(), "loss");
        assertMessage(() -> learn.fit(1, 1e-3, (Callback) null), "extraCallbacks[0]");
    }

    @Test
    void labelsThatDisagreeWithPredictionsAreRejectedBeforeAnyStep() {
        Map<String, float[]> before = Fixtures.snapshot(model.getBlock());
        Callback truncateLabels =
                new Callback() {
                    @Override
                    public void beforeBatch(Learner l) {
                        l.setYb(new NDList(l.getYb().head().get("0:3")));
                    }
                };
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> learn.fit(1, 1e-3, truncateLabels));
        assertTrue(e.getMessage().contains("labels and predictions disagree"), e.getMessage());
        assertTrue(e.getMessage().contains("(3)"), e.getMessage());
        assertTrue(e.getMessage().contains("(16, 4)"), e.getMessage());
        assertEquals(0f, Fixtures.maxAbsDiff(before, Fixtures.snapshot(model.getBlock())));
    }

    @Test
    void inputsTheModelCannotTakeAreNamed() {
        ArrayDataset wide =
                new ArrayDataset.Builder()
                        .setData(manager.ones(new Shape(8, Fixtures.FEATURES + 3)))
                        .optLabels(manager.zeros(new Shape(8)))
                        .setSampling(1, false)
                        .build();
        DataLoaders wrong = DataLoaders.builder().setTrain(wide).setValid(wide).build();
        Map<String, float[]> before = Fixtures.snapshot(model.getBlock());
        try (Learner bad = Fixtures.learner(model, wrong, OptimizerConfig.adam().build())) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> bad.fit(1, 1e-3));
            assertTrue(e.getMessage().contains("(8, 19)"), e.getMessage());
        }
        assertEquals(0f, Fixtures.maxAbsDiff(before, Fixtures.snapshot(model.getBlock())));
    }

    @Test
    void learningRateSetToNaNByACallbackStopsBeforeTheStep() {
        Map<String, float[]> before = Fixtures.snapshot(model.getBlock());
        Callback bad =
                new Callback() {
                    @Override
                    public void beforeStep(Learner l) {
                        l.setLr(Double.NaN);
                    }
                };
        CallbackException e = assertThrows(CallbackException.class, () -> learn.fit(1, 1e-3, bad));
        assertTrue(e.getMessage().contains("beforeStep"), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("lr must be finite and > 0, got NaN"));
        assertEquals(0f, Fixtures.maxAbsDiff(before, Fixtures.snapshot(model.getBlock())));
    }

    @Test
    void predictNeedsAnInitializedModel() {
        try (Model blank = Model.newInstance("blank")) {
            blank.setBlock(Fixtures.mlp(8));
            try (Learner fresh = Fixtures.learner(blank, data, OptimizerConfig.adam().build())) {
                IllegalStateException e =
                        assertThrows(
                                IllegalStateException.class,
                                () -> fresh.predict(new NDList(manager.ones(new Shape(1, 16)))));
                assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
                // fit initializes it from the first batch's shapes
                fresh.fit(1, 1e-3);
                assertEquals(
                        new Shape(1, Fixtures.CLASSES),
                        fresh.predict(new NDList(manager.ones(new Shape(1, 16))))
                                .head()
                                .getShape());
            }
        }
    }

    @Test
    void noReentrantFit() {
        Callback nested =
                new Callback() {
                    @Override
                    public void beforeFit(Learner l) {
                        l.fit(1, 1e-3);
                    }
                };
        CallbackException e =
                assertThrows(CallbackException.class, () -> learn.fit(1, 1e-3, nested));
        assertTrue(e.getCause().getMessage().contains("fit cannot be called during a fit"));
    }
}
