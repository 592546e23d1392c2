/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fasterai.core.Callback;
import ai.fasterai.core.CallbackEvent;
import ai.fasterai.core.CallbackException;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.optim.OptimizerConfig;
import ai.fasterai.core.schedule.Schedules;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link SparsifyCallback} in a {@link Learner}: masks that survive the optimizers, structured
 * groups that take their bias and BatchNorm with them, gradient and data criteria, N:M, per-layer
 * targets, and bad input refused before the model is touched.
 */
class SparsifyCallbackTest {

    /** One sample of {@link #convNet}: 1 channel, 8x8. */
    static final Shape SAMPLE = new Shape(1, 8, 8);

    /** Paths of {@link #convNet}'s convolutions. */
    static final List<String> CONV_PATHS = List.of("01Conv2d", "04Conv2d");

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    // ---- masks survive training ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam"})
    void zeroedWeightsStayExactlyZeroThroughOneHundredSteps(String optimizer) {
        SequentialBlock net = convNet(manager, SAMPLE, 1);
        Map<String, float[]> initial = snapshot(net);
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(50)
                        .optSchedule(Schedules.oneShot().window(0, 0)) // 50 % from the first batch
                        .optLog(quiet())
                        .build();
        int[] stepsChecked = {0};
        int[] movedByOptimizer = {0};
        // Runs before the callback's afterStep: the optimizer moves zeroed weights (their
        // gradients are not zero), so it is the callback that keeps them at zero.
        Callback before =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return -1;
                    }

                    @Override
                    public void afterStep(Learner learn) {
                        for (String path : CONV_PATHS) {
                            movedByOptimizer[0] +=
                                    maskedNonZeros(
                                            sparsify.getSparsifier().getMask(path),
                                            weightOf(net, path));
                        }
                    }
                };
        Map<String, float[]> finalMasks = new LinkedHashMap<>();
        Callback after =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return 1;
                    }

                    @Override
                    public void afterStep(Learner learn) {
                        for (String path : CONV_PATHS) {
                            assertEquals(
                                    0,
                                    maskedNonZeros(
                                            sparsify.getSparsifier().getMask(path),
                                            weightOf(net, path)),
                                    "masked weights of " + path + " at step " + stepsChecked[0]);
                        }
                        stepsChecked[0]++;
                    }

                    @Override
                    public void afterTrain(Learner learn) {
                        for (String path : CONV_PATHS) {
                            finalMasks.put(
                                    path, sparsify.getSparsifier().getMask(path).toFloatArray());
                        }
                    }
                };
        OptimizerConfig config =
                optimizer.equals("sgd")
                        ? OptimizerConfig.sgd().optMomentum(0.9f).build()
                        : OptimizerConfig.adam().build();
        double lr = optimizer.equals("sgd") ? 0.05 : 1e-2;
        // 160 samples in batches of 16: 10 steps an epoch, 100 in 10 epochs.
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 160, 16), config)) {
            learn.fit(10, lr, sparsify, before, after);
        }
        assertEquals(100, stepsChecked[0]);
        assertTrue(movedByOptimizer[0] > 0, optimizer + " never moved a zeroed weight");
        for (String path : CONV_PATHS) {
            float[] w = weightOf(net, path).toFloatArray();
            float[] mask = finalMasks.get(path);
            float[] w0 = initial.get(path + "_weight");
            int zeros = 0;
            int moved = 0;
            for (int i = 0; i < w.length; i++) {
                if (mask[i] == 0f) {
                    assertTrue(w[i] == 0f, path + " weight " + i + " is " + w[i]);
                }
                zeros += w[i] == 0f ? 1 : 0;
                moved += mask[i] == 1f && w[i] != w0[i] ? 1 : 0;
            }
            assertEquals(Math.round(0.5 * w.length), zeros, path + " zeros");
            assertTrue(moved > w.length / 4, path + ": kept weights were trained, " + moved);
        }
    }

    @Test
    void filterGranularityKeepsBiasAndBatchNormOfZeroedFiltersAtZero() {
        SequentialBlock net = convNet(manager, SAMPLE, 2);
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(50)
                        .optGranularity(Granularities.FILTER)
                        .optSchedule(Schedules.lin())
                        .optLog(quiet())
                        .build();
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 160, 16), adam())) {
            learn.fit(3, 1e-2, sparsify);
        }
        for (int conv : new int[] {0, 3}) {
            SparseNets.assertDeadFilters(net, conv, 4);
        }
    }

    @Test
    void globalFilterSparsityIsExactOverAllLayers() {
        SequentialBlock net = convNet(manager, SAMPLE, 3);
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(30)
                        .optGranularity(Granularities.FILTER)
                        .optContext(Context.GLOBAL)
                        .optSchedule(Schedules.agp())
                        .optLog(quiet())
                        .build();
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 96, 16), adam())) {
            learn.fit(2, 1e-2, sparsify);
        }
        long zeroFilters = 0;
        for (String path : CONV_PATHS) {
            zeroFilters += zeroGroups(weightOf(net, path), new int[] {1, 2, 3});
        }
        assertEquals(Math.round(0.3 * 16), zeroFilters); // 5 of the 16 filters
        assertEquals(30, sparsify.getCurrentSparsity(), 0.0);
    }

    @Test
    void perLayerSparsitiesFollowTheScheduleLayerByLayer() {
        SequentialBlock net = convNet(manager, SAMPLE, 4);
        Map<String, Double> targets = new LinkedHashMap<>();
        targets.put("01Conv2d", 25.0);
        targets.put("04Conv2d", 75.0);
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsities(targets)
                        .optSchedule(Schedules.lin())
                        .optLog(quiet())
                        .build();
        List<double[]> seen = new ArrayList<>(); // pctTrain, current, measured first layer
        Callback probe =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return 1;
                    }

                    @Override
                    public void beforeBatch(Learner learn) {
                        if (learn.isTraining()) {
                            seen.add(
                                    new double[] {
                                        learn.getPctTrain(),
                                        sparsify.getCurrentSparsity(),
                                        sparsify.getSparsifier().getSparsities().get("01Conv2d")
                                    });
                        }
                    }
                };
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 96, 16), adam())) {
            learn.fit(2, 1e-2, sparsify, probe);
        }
        for (double[] s : seen) {
            double progress = Schedules.lin().progress(s[0]);
            assertEquals(50 * progress, s[1], 1e-9, "mean of the scheduled targets at " + s[0]);
            // 72 weights in the first convolution: round(25 % x progress x 72) of them are zero
            // (computed as the sparsifier does, so that halves round the same way).
            assertEquals(100.0 * Math.round(25.0 * progress / 100.0 * 72) / 72, s[2], 1e-9);
        }
        assertEquals(Math.round(0.25 * 72), zeroCount(weightOf(net, "01Conv2d")));
        assertEquals(Math.round(0.75 * 576), zeroCount(weightOf(net, "04Conv2d")));
        assertEquals(50, sparsify.getCurrentSparsity(), 0.0);
    }

    @Test
    void twoFourPatternIsComputedOnceWhenTheScheduleTurnsPositive() {
        Shape sample = new Shape(4, 8, 8);
        SequentialBlock net = convNet(manager, sample, 5);
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(50)
                        .optSemiStructured()
                        .optSchedule(Schedules.cos())
                        .optLog(quiet())
                        .build();
        int[] recomputed = {0};
        Callback probe = maskChangeCounter(sparsify, "01Conv2d", recomputed);
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, sample, 96, 16), adam())) {
            learn.fit(2, 1e-2, sparsify, probe);
        }
        assertEquals(1, recomputed[0], "the 2:4 pattern is the same for every positive value");
        for (String path : CONV_PATHS) {
            float[] w = weightOf(net, path).toFloatArray();
            // (out, in, 3, 3): runs of 4 along the input axis.
            long[] shape = weightOf(net, path).getShape().getShape();
            for (int o = 0; o < shape[0]; o++) {
                for (int i0 = 0; i0 < shape[1]; i0 += 4) {
                    for (int k = 0; k < 9; k++) {
                        int zeros = 0;
                        for (int i = i0; i < i0 + 4; i++) {
                            zeros += w[(int) ((o * shape[1] + i) * 9 + k)] == 0f ? 1 : 0;
                        }
                        assertEquals(2, zeros, path + " run at out " + o + ", in " + i0);
                    }
                }
            }
        }
    }

    // ---- criteria that need gradients or data ----

    @Test
    void taylorGetsGradientsFromTheCallbackAndWaitsForTheFirstBackward() {
        SequentialBlock net = convNet(manager, SAMPLE, 6);
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(50)
                        .optGranularity(Granularities.FILTER)
                        .optCriteria(Criteria.taylor())
                        // positive from the first batch, before any gradient exists
                        .optSchedule(Schedules.oneCycle())
                        .optLog(quiet())
                        .build();
        List<Double> currents = new ArrayList<>();
        Callback probe =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return 1;
                    }

                    @Override
                    public void beforeBatch(Learner learn) {
                        if (learn.isTraining()) {
                            currents.add(sparsify.getCurrentSparsity());
                        }
                    }
                };
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 96, 16), adam())) {
            learn.fit(2, 1e-2, sparsify, probe);
        }
        assertEquals(0.0, currents.get(0), 0.0, "no gradient yet at the first batch");
        assertEquals(
                50 * Schedules.oneCycle().progress(1.0 / 12), currents.get(1), 1e-9, "batch 1");
        for (String path : CONV_PATHS) {
            assertEquals(4, zeroGroups(weightOf(net, path), new int[] {1, 2, 3}), path);
        }
    }

    @Test
    void taylorOnABareSparsifierWithoutGradientsIsRefused() {
        SequentialBlock net = convNet(manager, SAMPLE, 7);
        Map<String, float[]> before = snapshot(net);
        try (Sparsifier sparsifier =
                Sparsifier.builder().setModel(net).optCriteria(Criteria.taylor()).build()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> sparsifier.sparsifyModel(50));
            assertTrue(e.getMessage().contains("taylor"), e.getMessage());
            assertTrue(e.getMessage().contains("captureGradients"), e.getMessage());
        }
        assertSameValues(before, snapshot(net));
    }

    @Test
    void wandaCalibratesOnTheFirstTransformedTrainingBatches() {
        // The callback's first mask (at the first batch, before any step) must equal the mask of
        // a sparsifier calibrated by hand on the same first two training batches.
        SequentialBlock net = convNet(manager, SAMPLE, 8);
        DataLoaders data =
                DataLoaders.builder()
                        .setTrain(dataset(manager, SAMPLE, 96, 11))
                        .setValid(dataset(manager, SAMPLE, 32, 12))
                        .optBatchSize(16)
                        .addTransform(x -> x.mul(2).add(1)) // visible in the statistics
                        .build();
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(50)
                        .optCriteria(Criteria.wanda())
                        .optCalibrationBatches(2)
                        .optSchedule(Schedules.oneShot().window(0, 0))
                        .optLog(quiet())
                        .build();
        Map<String, float[]> firstMasks = new LinkedHashMap<>();
        Callback probe =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return 1;
                    }

                    @Override
                    public void beforeBatch(Learner learn) {
                        if (learn.isTraining() && firstMasks.isEmpty()) {
                            for (String path : CONV_PATHS) {
                                firstMasks.put(
                                        path,
                                        sparsify.getSparsifier().getMask(path).toFloatArray());
                            }
                        }
                    }
                };
        SequentialBlock twin = convNet(manager, SAMPLE, 8);
        Map<String, float[]> expected = new LinkedHashMap<>();
        Map<String, float[]> unscaled = new LinkedHashMap<>();
        SequentialBlock twin2 = convNet(manager, SAMPLE, 8);
        try (Sparsifier byHand =
                        Sparsifier.builder().setModel(twin).optCriteria(Criteria.wanda()).build();
                Sparsifier magnitude = Sparsifier.builder().setModel(twin2).build();
                NDManager scope = manager.newSubManager()) {
            List<NDList> batches = new ArrayList<>();
            for (Batch batch : data.trainBatches(scope, 0)) {
                batches.add(data.transform(batch.getData()));
                if (batches.size() == 2) {
                    break;
                }
            }
            byHand.calibrate(batches);
            byHand.sparsifyModel(50);
            magnitude.sparsifyModel(50);
            for (String path : CONV_PATHS) {
                expected.put(path, byHand.getMask(path).toFloatArray());
                unscaled.put(path, magnitude.getMask(path).toFloatArray());
            }
        }
        try (Model model = model(net);
                Learner learn = learner(model, data, adam())) {
            learn.fit(1, 1e-2, sparsify, probe);
        }
        for (String path : CONV_PATHS) {
            assertArrayEquals(expected.get(path), firstMasks.get(path), path);
        }
        // The statistics matter: plain magnitude would have chosen other weights somewhere.
        assertFalse(
                Arrays.equals(expected.get("04Conv2d"), unscaled.get("04Conv2d"))
                        && Arrays.equals(expected.get("01Conv2d"), unscaled.get("01Conv2d")),
                "wanda chose the same weights as large_final");
        assertEquals(Math.round(0.5 * 576), zeroCount(weightOf(net, "04Conv2d")));
    }

    // ---- bad input ----

    @Test
    void badOptionsAreRefusedByBuildNamingTheOptionAndValue() {
        assertAll(
                refused(() -> builder().setSparsity(-1), "sparsity", "-1.0"),
                refused(() -> builder().setSparsity(101), "sparsity", "101.0"),
                refused(() -> builder().setSparsity(Double.NaN), "sparsity", "NaN"),
                refused(SparsifyCallback::builder, "setSparsity"),
                refused(
                        () -> builder().setSparsities(Map.of("01Conv2d", 50.0)),
                        "sparsity",
                        "not both"),
                refused(
                        () -> SparsifyCallback.builder().setSparsities(Map.of("01Conv2d", 150.0)),
                        "sparsities[01Conv2d]",
                        "150.0"),
                refused(
                        () -> SparsifyCallback.builder().setSparsities(Map.of()),
                        "sparsities",
                        "empty"),
                refused(
                        () ->
                                SparsifyCallback.builder()
                                        .setSparsities(Map.of("01Conv2d", 50.0))
                                        .optContext(Context.GLOBAL),
                        "LOCAL",
                        "GLOBAL"),
                refused(() -> builder().optGranularity(null), "granularity"),
                refused(() -> builder().optContext(null), "context"),
                refused(() -> builder().optCriteria(null), "criteria"),
                refused(() -> builder().optSchedule(null), "schedule"),
                refused(() -> builder().optSchedule(Schedules.exp()), "schedule", "exp"),
                refused(() -> builder().optLayerTypes(), "layerTypes"),
                refused(() -> builder().optRoundTo(-1), "roundTo", "-1"),
                refused(() -> builder().optNM(4, 4), "n must be", "4"),
                refused(
                        () -> builder().optSemiStructured().optGranularity("filter"),
                        "N:M",
                        "filter"),
                refused(() -> builder().optLotteryTicket(-1), "rewindEpoch", "-1"),
                refused(() -> builder().optResetEnd(true), "resetEnd", "optLotteryTicket"),
                refused(
                        () -> builder().optSaveTickets(Path.of("tickets")),
                        "saveTickets",
                        "optLotteryTicket"),
                refused(() -> builder().optModel(null), "model"),
                refused(() -> builder().optCalibrationBatches(0), "calibrationBatches", "0"),
                refused(() -> builder().optLog(null), "log"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new SparsifyCallback(
                                        120,
                                        Granularities.FILTER,
                                        Context.LOCAL,
                                        Criteria.largeFinal(),
                                        Schedules.agp()));
        assertTrue(e.getMessage().contains("sparsity") && e.getMessage().contains("120.0"));
    }

    @Test
    void filterOnLinearLayersFailsBeforeFitListingTheAllowedGranularities() {
        SequentialBlock net = mlp(manager, 9);
        IllegalArgumentException e =
                failedFit(
                        net,
                        builder().optGranularity(Granularities.FILTER).optLayerTypes(Linear.class));
        assertTrue(e.getMessage().contains("'filter'"), e.getMessage());
        assertTrue(e.getMessage().contains("Linear"), e.getMessage());
        assertTrue(e.getMessage().contains("[weight, column, row, layer]"), e.getMessage());
    }

    @Test
    void layerTypesMatchingNothingFailBeforeFit() {
        IllegalArgumentException e = failedFit(mlp(manager, 10), builder());
        assertTrue(e.getMessage().contains("[Conv2d]"), e.getMessage());
        assertTrue(e.getMessage().contains("match no layer"), e.getMessage());
    }

    @Test
    void unknownPerLayerPathFailsBeforeFitListingTheLayers() {
        IllegalArgumentException e =
                failedFit(
                        convNet(manager, SAMPLE, 11),
                        SparsifyCallback.builder()
                                .setSparsities(Map.of("02Conv2d", 50.0))
                                .optLog(quiet()));
        assertTrue(e.getMessage().contains("'02Conv2d'"), e.getMessage());
        assertTrue(e.getMessage().contains("[01Conv2d, 04Conv2d]"), e.getMessage());
    }

    @Test
    void nmThatDoesNotFitALayerFailsBeforeFit() {
        // The first convolution has 1 input channel: no runs of 4.
        IllegalArgumentException e =
                failedFit(convNet(manager, SAMPLE, 12), builder().optSemiStructured());
        assertTrue(e.getMessage().contains("M=4"), e.getMessage());
        assertTrue(e.getMessage().contains("01Conv2d"), e.getMessage());
    }

    @Test
    void wandaOnAnotherBlockThanTheLearnersModelFailsBeforeFit() {
        SequentialBlock net = convNet(manager, SAMPLE, 13);
        Block first = net.getChildren().get(0).getValue();
        IllegalArgumentException e =
                failedFit(net, builder().optCriteria(Criteria.wanda()).optModel(first));
        assertTrue(e.getMessage().contains("wanda"), e.getMessage());
        assertTrue(e.getMessage().contains("optModel"), e.getMessage());
    }

    // ---- lifecycle and log ----

    @Test
    void logsTheTargetEachEpochAndTheFinalReport() {
        SequentialBlock net = convNet(manager, SAMPLE, 14);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SparsifyCallback sparsify =
                SparsifyCallback.builder()
                        .setSparsity(50)
                        .optSchedule(Schedules.lin())
                        .optLog(new PrintStream(out, true, StandardCharsets.UTF_8))
                        .build();
        assertNull(sparsify.getSparsifier(), "before the fit");
        Sparsifier[] during = new Sparsifier[1];
        Callback probe =
                new Callback() {
                    @Override
                    public void afterEpoch(Learner learn) {
                        during[0] = sparsify.getSparsifier();
                    }
                };
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 96, 16), adam())) {
            learn.fit(2, 1e-2, sparsify, probe);
        }
        assertNotNull(during[0], "during the fit");
        assertNull(sparsify.getSparsifier(), "after the fit (closed)");
        assertEquals(50, sparsify.getCurrentSparsity(), 0.0);
        String log = out.toString(StandardCharsets.UTF_8);
        double afterFirstEpoch = 50 * Schedules.lin().progress(5.0 / 12);
        assertTrue(log.startsWith("Pruning of weight until a sparsity of 50%"), log);
        assertTrue(
                log.contains(
                        String.format(
                                java.util.Locale.ROOT,
                                "Sparsity at the end of epoch 0: %.2f%%",
                                afterFirstEpoch)),
                log);
        assertTrue(log.contains("Sparsity at the end of epoch 1: 50.00%"), log);
        assertTrue(log.contains("Sparsity in Conv2d 1 (01Conv2d): 50.00%"), log);
        assertTrue(log.contains("Overall sparsity: 50.00%"), log);
    }

    @Test
    void anUninitializedModelIsInitializedFromTheFirstBatch() {
        SequentialBlock initialized = convNet(manager, SAMPLE, 15);
        Map<String, float[]> expected = snapshot(initialized);
        Engine.getInstance().setRandomSeed(15);
        SequentialBlock net = convNetLayers();
        assertFalse(net.isInitialized());
        Map<String, float[]> seenAtStart = new LinkedHashMap<>();
        Callback probe =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return 1;
                    }

                    @Override
                    public void beforeFit(Learner learn) {
                        seenAtStart.putAll(snapshot(net));
                    }
                };
        SparsifyCallback sparsify =
                builder().optGranularity(Granularities.KERNEL).optSchedule(Schedules.lin()).build();
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 96, 16), adam())) {
            learn.fit(1, 1e-2, sparsify, probe);
            // kernels of 3x3: 8 x 8 of them in the second convolution, half zeroed (read before
            // the model, whose manager now holds the weights, is closed)
            assertEquals(32, zeroGroups(weightOf(net, "04Conv2d"), new int[] {2, 3}));
        }
        assertSameValues(expected, seenAtStart);
    }

    @Test
    void aFailedFitClosesTheSparsifierAndKeepsTheError() {
        SequentialBlock net = convNet(manager, SAMPLE, 16);
        SparsifyCallback sparsify = builder().optSchedule(Schedules.lin()).build();
        RuntimeException boom = new IllegalStateException("boom");
        Callback failing =
                new Callback() {
                    @Override
                    public String getName() {
                        return "Failing";
                    }

                    @Override
                    public void afterStep(Learner learn) {
                        if (learn.getTrainIteration() == 3) {
                            throw boom;
                        }
                    }
                };
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 96, 16), adam())) {
            CallbackException e =
                    assertThrows(
                            CallbackException.class, () -> learn.fit(2, 1e-2, sparsify, failing));
            assertEquals("Failing", e.getCallbackName());
            assertSame(boom, e.getCause());
            assertEquals(0, e.getSuppressed().length, "afterFit threw during the clean-up");
            assertNull(sparsify.getSparsifier());
            // the same callback serves a new fit
            learn.fit(1, 1e-2, sparsify);
        }
        assertEquals(50, sparsify.getCurrentSparsity(), 0.0);
        assertEquals(Math.round(0.5 * 576), zeroCount(weightOf(net, "04Conv2d")));
    }

    // ---- helpers shared with the other callback tests ----

    /** A builder at 50 % with a quiet log. */
    static SparsifyCallback.Builder builder() {
        return SparsifyCallback.builder().setSparsity(50).optLog(quiet());
    }

    /** A stream that drops everything. */
    static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    static OptimizerConfig adam() {
        return OptimizerConfig.adam().build();
    }

    /**
     * Conv(8, 3x3, pad 1)+BN+ReLU, Conv(8)+BN+ReLU, Flatten, Linear(4): paths {@code 01Conv2d},
     * {@code 04Conv2d}; initialized for {@code sample} with a fixed seed.
     */
    static SequentialBlock convNet(NDManager manager, Shape sample, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        SequentialBlock net = convNetLayers();
        net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(sample));
        return net;
    }

    static SequentialBlock convNetLayers() {
        return new SequentialBlock()
                .add(SparseNets.conv(8))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(SparseNets.conv(8))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(new Flatten())
                .add(Linear.builder().setUnits(4).build());
    }

    /** Flatten, Linear(16), ReLU, Linear(4), for 1x8x8 samples. */
    static SequentialBlock mlp(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        SequentialBlock net =
                new SequentialBlock()
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(16).build())
                        .add(ActivationBlock.relu())
                        .add(Linear.builder().setUnits(4).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(SAMPLE));
        return net;
    }

    static ArrayDataset dataset(NDManager manager, Shape sample, int n, long seed) {
        return SyntheticData.builder()
                .setNumSamples(n)
                .setNumClasses(4)
                .setShape(sample)
                .optSeed(seed)
                .optNoise(0.5f)
                .build()
                .generate(manager);
    }

    /** {@code n} training samples in batches of {@code batchSize}, 32 validation samples. */
    static DataLoaders data(NDManager manager, Shape sample, int n, int batchSize) {
        return DataLoaders.builder()
                .setTrain(dataset(manager, sample, n, 1))
                .setValid(dataset(manager, sample, 32, 2))
                .optBatchSize(batchSize)
                .build();
    }

    static Model model(Block net) {
        Model model = Model.newInstance("net");
        model.setBlock(net);
        return model;
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

    /** Counts the recomputations of a layer's mask (a new mask object) at training batches. */
    static Callback maskChangeCounter(SparsifyCallback sparsify, String path, int[] count) {
        return new Callback() {
            private NDArray last;

            @Override
            public int getOrder() {
                return 1;
            }

            @Override
            public void beforeFit(Learner learn) {
                last = null;
            }

            @Override
            public void beforeBatch(Learner learn) {
                if (learn.isTraining()) {
                    check();
                }
            }

            @Override
            public void afterTrain(Learner learn) {
                check();
            }

            private void check() {
                NDArray mask = sparsify.getSparsifier().getMask(path);
                if (mask != last) {
                    count[0]++;
                    last = mask;
                }
            }
        };
    }

    /** The weight of the layer at a path of {@code net}'s direct children. */
    static NDArray weightOf(Block net, String path) {
        for (Pair<String, Block> child : net.getChildren()) {
            if (child.getKey().equals(path)) {
                return child.getValue().getParameters().get("weight").getArray();
            }
        }
        throw new AssertionError("no child " + path);
    }

    static NDArray param(Block net, int child, String name) {
        return net.getChildren().get(child).getValue().getParameters().get(name).getArray();
    }

    /** How many weights are exactly zero. */
    static long zeroCount(NDArray weight) {
        return weight.size() - weight.countNonzero().getLong();
    }

    /** How many groups over {@code axes} are all exactly zero. */
    static long zeroGroups(NDArray weight, int[] axes) {
        NDArray norms = weight.abs().sum(axes);
        return norms.size() - norms.countNonzero().getLong();
    }

    /** How many weights are non-zero where the mask is 0. */
    static int maskedNonZeros(NDArray mask, NDArray weight) {
        float[] m = mask.toFloatArray();
        float[] w = weight.toFloatArray();
        int n = 0;
        for (int i = 0; i < m.length; i++) {
            n += m[i] == 0f && w[i] != 0f ? 1 : 0;
        }
        return n;
    }

    /** Every parameter's values, by name. */
    static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return values;
    }

    static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key), actual.get(key), key);
        }
    }

    /** Runs a fit whose beforeFit must fail; checks that the model was left untouched. */
    private IllegalArgumentException failedFit(
            SequentialBlock net, SparsifyCallback.Builder builder) {
        Map<String, float[]> before = snapshot(net);
        SparsifyCallback sparsify = builder.build();
        CallbackException e;
        try (Model model = model(net);
                Learner learn = learner(model, data(manager, SAMPLE, 32, 16), adam())) {
            e = assertThrows(CallbackException.class, () -> learn.fit(1, 1e-2, sparsify));
        }
        assertEquals(CallbackEvent.BEFORE_FIT, e.getEvent());
        assertNull(sparsify.getSparsifier());
        assertSameValues(before, snapshot(net));
        return assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    private static Executable refused(
            Supplier<SparsifyCallback.Builder> builder, String... fragments) {
        return () -> {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> builder.get().build());
            for (String fragment : fragments) {
                assertTrue(
                        e.getMessage().contains(fragment),
                        "'" + fragment + "' not in: " + e.getMessage());
            }
        };
    }
}
