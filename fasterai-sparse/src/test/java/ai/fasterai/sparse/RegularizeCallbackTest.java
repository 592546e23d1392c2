/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fasterai.core.CallbackException;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.optim.OptimizerConfig;
import ai.fasterai.core.schedule.Schedules;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class RegularizeCallbackTest {

    private static final int CLASSES = 3;

    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    // ---- the term against hand computations ----

    @Test
    void filterPenaltyIsTheSumOfFilterL2Norms() {
        SequentialBlock block = handConv();
        float[] w = weightOf(block, 0).toFloatArray(); // (3, 2, 2, 2)
        double expected = 0;
        for (int o = 0; o < 3; o++) {
            expected += Math.sqrt(sumSquares(w, o * 8, 8));
        }
        RegularizeCallback cb = regularizer(Granularities.FILTER);
        assertEquals(expected, cb.penalty(block), 1e-5);
        assertTrue(expected > 1, "the hand-built weights are not trivial: " + expected);
    }

    @Test
    void kernelPenaltyIsTheSumOfKernelL2Norms() {
        SequentialBlock block = handConv();
        float[] w = weightOf(block, 0).toFloatArray();
        double expected = 0;
        for (int kernel = 0; kernel < 6; kernel++) { // (out, in) pairs, 4 weights each
            expected += Math.sqrt(sumSquares(w, kernel * 4, 4));
        }
        assertEquals(expected, regularizer(Granularities.KERNEL).penalty(block), 1e-5);
    }

    @Test
    void weightGranularityIsTheL1Norm() {
        SequentialBlock block = handConv();
        double expected = 0;
        for (float v : weightOf(block, 0).toFloatArray()) {
            expected += Math.abs(v);
        }
        assertEquals(expected, regularizer(Granularities.WEIGHT).penalty(block), 1e-5);
        // Granularity defaults to weight.
        RegularizeCallback byDefault = RegularizeCallback.builder().setWeight(1).build();
        assertEquals(expected, byDefault.penalty(block), 1e-5);
    }

    @Test
    void linearRowColumnAndLayerPenalties() {
        SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(3).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        float[] w = new float[12];
        for (int i = 0; i < w.length; i++) {
            w[i] = ((i * 5) % 7 - 3) / 4f;
        }
        manager.create(w, new Shape(3, 4)).copyTo(weightOf(block, 0));
        double rows = 0; // one group per output unit: axes {1}
        for (int o = 0; o < 3; o++) {
            rows += Math.sqrt(sumSquares(w, o * 4, 4));
        }
        double columns = 0; // one group per input: axes {0}
        for (int i = 0; i < 4; i++) {
            columns += Math.sqrt(w[i] * w[i] + w[4 + i] * w[4 + i] + w[8 + i] * w[8 + i]);
        }
        double layer = Math.sqrt(sumSquares(w, 0, 12));
        assertEquals(rows, linearRegularizer("row").penalty(block), 1e-5);
        assertEquals(columns, linearRegularizer("column").penalty(block), 1e-5);
        assertEquals(layer, linearRegularizer(Granularities.LAYER).penalty(block), 1e-5);
    }

    @Test
    void criteriaScoresAreWhatIsGrouped() {
        SequentialBlock block = handConv();
        float[] w = weightOf(block, 0).toFloatArray();
        double expected = 0; // squared_final: s = w^2, groups are filters
        for (int o = 0; o < 3; o++) {
            double sum = 0;
            for (int j = 0; j < 8; j++) {
                double s = (double) w[o * 8 + j] * w[o * 8 + j];
                sum += s * s;
            }
            expected += Math.sqrt(sum);
        }
        RegularizeCallback cb =
                RegularizeCallback.builder()
                        .setWeight(1)
                        .optGranularity(Granularities.FILTER)
                        .optCriteria(Criteria.squaredFinal())
                        .build();
        assertEquals(expected, cb.penalty(block), 1e-5);
    }

    @Test
    void penaltyArrayBelongsToTheGivenManager() {
        SequentialBlock block = handConv();
        NDManager model = weightOf(block, 0).getManager();
        int before = model.getManagedArrays().size();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray p = regularizer(Granularities.FILTER).penalty(block, scratch);
            assertEquals(scratch, p.getManager());
            assertEquals(new Shape(), p.getShape());
        }
        assertEquals(before, model.getManagedArrays().size(), "arrays left on the model's manager");
    }

    // ---- gradients ----

    @Test
    void gradientIsEachWeightOverItsFilterNormAndZeroForAZeroFilter() {
        SequentialBlock block = handConv();
        NDArray weight = weightOf(block, 0);
        float[] w = weight.toFloatArray();
        for (int j = 8; j < 16; j++) {
            w[j] = 0f; // filter 1 is all zeros: the norm's gradient there must be 0, not NaN
        }
        manager.create(w, weight.getShape()).copyTo(weight);
        RegularizeCallback cb = regularizer(Granularities.FILTER);
        try (NDManager scratch = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(cb.penalty(block, scratch));
        }
        float[] grad;
        try (NDArray g = weight.getGradient()) {
            grad = g.toFloatArray();
            g.subi(g); // leave no gradient behind for other tests
        }
        for (int o = 0; o < 3; o++) {
            double norm = Math.sqrt(sumSquares(w, o * 8, 8));
            for (int j = o * 8; j < o * 8 + 8; j++) {
                double expected = norm == 0 ? 0 : w[j] / norm;
                assertEquals(expected, grad[j], 1e-5, "gradient at " + j);
            }
        }
    }

    @Test
    void oneSgdStepMovesEachFilterTowardZeroByLrTimesWeight() {
        double lr = 0.1;
        double weight = 0.5;
        DataLoaders data = data(32, 32);
        try (Model plain = convModel(1);
                Model regularized = convModel(1)) {
            copyParameters(plain.getBlock(), regularized.getBlock());
            List<float[]> initial = convWeights(plain.getBlock());
            OptimizerConfig sgd = OptimizerConfig.sgd().optMomentum(0f).build();
            try (Learner a = learner(plain, data, sgd);
                    Learner b = learner(regularized, data, sgd)) {
                a.fit(1, lr); // one batch: one step
                b.fit(
                        1,
                        lr,
                        RegularizeCallback.builder()
                                .setWeight(weight)
                                .optGranularity(Granularities.FILTER)
                                .build());
            }
            List<float[]> withoutTerm = convWeights(plain.getBlock());
            List<float[]> withTerm = convWeights(regularized.getBlock());
            int filterSize = 9; // 3x3 kernels, 1 input channel in the first layer
            for (int layer = 0; layer < initial.size(); layer++) {
                float[] w0 = initial.get(layer);
                int size = layer == 0 ? filterSize : filterSize * 4;
                for (int start = 0; start < w0.length; start += size) {
                    double norm = Math.sqrt(sumSquares(w0, start, size));
                    double normWith = Math.sqrt(sumSquares(withTerm.get(layer), start, size));
                    double normWithout = Math.sqrt(sumSquares(withoutTerm.get(layer), start, size));
                    assertTrue(
                            normWith < normWithout,
                            "filter norm " + normWith + " not below " + normWithout);
                    for (int j = start; j < start + size; j++) {
                        double step = withTerm.get(layer)[j] - withoutTerm.get(layer)[j];
                        assertEquals(-lr * weight * w0[j] / norm, step, 1e-5, "weight " + j);
                    }
                }
            }
        }
    }

    // ---- training ----

    @Test
    void strongFilterLassoDrivesFilterNormsFarBelowUnregularizedTraining() {
        DataLoaders data = data(128, 32);
        double[] plainNorms;
        double[] lassoNorms;
        try (Model plain = convModel(3);
                Model lasso = convModel(3)) {
            copyParameters(plain.getBlock(), lasso.getBlock());
            OptimizerConfig sgd = OptimizerConfig.sgd().optMomentum(0f).build();
            try (Learner a = learner(plain, data, sgd);
                    Learner b = learner(lasso, data, sgd)) {
                a.fit(4, 0.1);
                b.fit(
                        4,
                        0.1,
                        RegularizeCallback.builder()
                                .setWeight(1.0)
                                .optGranularity(Granularities.FILTER)
                                .build());
            }
            plainNorms = filterNorms(convWeights(plain.getBlock()).get(1), 36);
            lassoNorms = filterNorms(convWeights(lasso.getBlock()).get(1), 36);
        }
        // Group lasso pulls every filter of the second conv towards zero as a whole: with SGD
        // (no momentum) each step shrinks a filter's norm by lr * weight = 0.1, 16 steps.
        for (int o = 0; o < plainNorms.length; o++) {
            assertTrue(
                    lassoNorms[o] < 0.25 * plainNorms[o],
                    "filter "
                            + o
                            + ": norm "
                            + lassoNorms[o]
                            + " with the term, "
                            + plainNorms[o]
                            + " without");
        }
    }

    @Test
    void validationLossHasNoTerm() {
        DataLoaders data = data(32, 32);
        try (Model model = convModel(4);
                Learner plain = learner(model, data, OptimizerConfig.adam().build());
                Learner regularized =
                        learner(
                                model,
                                data,
                                OptimizerConfig.adam().build(),
                                RegularizeCallback.builder().setWeight(10).build())) {
            double a = plain.validate().get("valid_loss");
            double b = regularized.validate().get("valid_loss");
            assertEquals(a, b, 0.0);
        }
    }

    @Test
    void recordedTrainingLossIncludesTheScheduledTerm() {
        // With lin() the weight is 0 at the first batch and weight * 0.5 at the second (2 batches,
        // 1 epoch): the first recorded loss is the plain one.
        RegularizeCallback cb =
                RegularizeCallback.builder().setWeight(2).optSchedule(Schedules.lin()).build();
        assertEquals(0.0, cb.weightAt(0.0), 0.0);
        assertEquals(1.0, cb.weightAt(0.5), 1e-12);
        assertEquals(2.0, cb.weightAt(1.0), 1e-12);
        assertEquals(2.0, RegularizeCallback.builder().setWeight(2).build().weightAt(0.3), 0.0);
        DataLoaders data = data(64, 32);
        try (Model plainModel = convModel(5);
                Model model = convModel(5)) {
            copyParameters(plainModel.getBlock(), model.getBlock());
            OptimizerConfig sgd = OptimizerConfig.sgd().optMomentum(0f).build();
            try (Learner plain = learner(plainModel, data, sgd);
                    Learner learn = learner(model, data, sgd)) {
                plain.fit(1, 1e-9);
                double penaltyBefore = cb.penalty(model.getBlock());
                learn.fit(1, 1e-9, cb); // lr so small the weights barely move
                List<Double> plainLosses = plain.getRecorder().getLosses();
                List<Double> losses = learn.getRecorder().getLosses();
                assertEquals(plainLosses.get(0), losses.get(0), 1e-6);
                assertEquals(plainLosses.get(1) + 1.0 * penaltyBefore, losses.get(1), 1e-4);
            }
        }
    }

    @Test
    void trainingLeavesNoArraysOnTheModelManager() {
        DataLoaders data = data(64, 16);
        try (Model model = convModel(6);
                Learner learn =
                        learner(
                                model,
                                data,
                                OptimizerConfig.adam().build(),
                                RegularizeCallback.builder()
                                        .setWeight(1e-3)
                                        .optGranularity(Granularities.FILTER)
                                        .build())) {
            learn.fit(1, 1e-3);
            int afterOne = model.getNDManager().getManagedArrays().size();
            learn.fit(3, 1e-3); // 12 more regularized steps
            int afterFour = model.getNDManager().getManagedArrays().size();
            assertEquals(afterOne, afterFour, "arrays left behind by the regularizer");
        }
    }

    // ---- bad input ----

    @Test
    void weightMustBeSetFiniteAndPositive() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> RegularizeCallback.builder().setWeight(bad).build());
            assertTrue(e.getMessage().contains("weight"), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class, () -> RegularizeCallback.builder().build());
        assertTrue(missing.getMessage().contains("weight"), missing.getMessage());
    }

    @Test
    void unknownGranularityListsTheAllowedOnes() {
        RegularizeCallback cb = regularizer("diagonal");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> cb.penalty(handConv()));
        assertTrue(e.getMessage().contains("'diagonal'"), e.getMessage());
        assertTrue(e.getMessage().contains("filter"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel"), e.getMessage());
        // In a fit it is caught in beforeFit, before any step.
        DataLoaders data = data(32, 32);
        try (Model model = convModel(7);
                Learner learn = learner(model, data, OptimizerConfig.adam().build())) {
            List<float[]> before = convWeights(model.getBlock());
            CallbackException fit =
                    assertThrows(CallbackException.class, () -> learn.fit(1, 1e-2, cb));
            assertTrue(fit.getCause() instanceof IllegalArgumentException, fit.toString());
            assertTrue(fit.getCause().getMessage().contains("allowed"), fit.getMessage());
            assertEquals(0, learn.getRecorder().getLosses().size(), "a step ran");
            List<float[]> after = convWeights(model.getBlock());
            for (int i = 0; i < before.size(); i++) {
                assertTrue(java.util.Arrays.equals(before.get(i), after.get(i)));
            }
        }
    }

    @Test
    void layerTypesMatchingNothingAreNamed() {
        RegularizeCallback cb =
                RegularizeCallback.builder().setWeight(1).optLayerTypes(BatchNorm.class).build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> cb.penalty(handConv()));
        assertTrue(e.getMessage().contains("layerTypes [BatchNorm]"), e.getMessage());
        IllegalArgumentException linear =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                RegularizeCallback.builder()
                                        .setWeight(1)
                                        .optLayerTypes(Linear.class)
                                        .build()
                                        .penalty(handConv()));
        assertTrue(linear.getMessage().contains("layerTypes [Linear]"), linear.getMessage());
    }

    @Test
    void criteriaNeedingMoreThanTheWeightsAreRejectedByName() {
        for (Criteria criteria :
                new Criteria[] {
                    Criteria.movement(),
                    Criteria.largeInit(),
                    Criteria.updatingMovement(),
                    Criteria.taylor(),
                    Criteria.wanda()
                }) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    RegularizeCallback.builder()
                                            .setWeight(1)
                                            .optCriteria(criteria)
                                            .build());
            assertTrue(e.getMessage().contains("criteria " + criteria.getName()), e.getMessage());
        }
    }

    @Test
    void nullAndEmptyArgumentsAreNamed() {
        assertMessage(
                "granularity",
                () -> RegularizeCallback.builder().setWeight(1).optGranularity(null).build());
        assertMessage(
                "criteria",
                () -> RegularizeCallback.builder().setWeight(1).optCriteria(null).build());
        assertMessage(
                "layerTypes",
                () ->
                        RegularizeCallback.builder()
                                .setWeight(1)
                                .optLayerTypes((Class<? extends Block>[]) null)
                                .build());
        assertMessage(
                "layerTypes",
                () -> RegularizeCallback.builder().setWeight(1).optLayerTypes().build());
        assertMessage(
                "pctTrain", () -> RegularizeCallback.builder().setWeight(1).build().weightAt(1.5));
        assertMessage(
                "model",
                () -> RegularizeCallback.builder().setWeight(1).build().penalty((Block) null));
    }

    // ---- fixtures ----

    private static void assertMessage(String word, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(word), e.getMessage());
    }

    private static RegularizeCallback regularizer(String granularity) {
        return RegularizeCallback.builder().setWeight(1).optGranularity(granularity).build();
    }

    private static RegularizeCallback linearRegularizer(String granularity) {
        return RegularizeCallback.builder()
                .setWeight(1)
                .optGranularity(granularity)
                .optLayerTypes(Linear.class)
                .build();
    }

    /** A Conv2d of 3 filters over 2 channels, 2x2 kernels, with hand-set weights and zeros. */
    private static SequentialBlock handConv() {
        SequentialBlock block =
                new SequentialBlock()
                        .add(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(2, 2))
                                        .setFilters(3)
                                        .build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 4, 4));
        float[] w = new float[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = ((i * 7) % 11 - 5) / 8f;
        }
        manager.create(w, new Shape(3, 2, 2, 2)).copyTo(weightOf(block, 0));
        return block;
    }

    /** The weight of the n-th weighted layer. */
    private static NDArray weightOf(Block block, int n) {
        int seen = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().getType() == Parameter.Type.WEIGHT && seen++ == n) {
                return pair.getValue().getArray();
            }
        }
        throw new AssertionError("no weight " + n);
    }

    private static double sumSquares(float[] values, int start, int length) {
        double sum = 0;
        for (int i = start; i < start + length; i++) {
            sum += (double) values[i] * values[i];
        }
        return sum;
    }

    private static double[] filterNorms(float[] w, int filterSize) {
        double[] norms = new double[w.length / filterSize];
        for (int o = 0; o < norms.length; o++) {
            norms[o] = Math.sqrt(sumSquares(w, o * filterSize, filterSize));
        }
        return norms;
    }

    /** Conv(1->4, 3x3) ReLU Conv(4->4, 3x3) ReLU, average pool, Linear: 1x8x8 inputs. */
    private static Model convModel(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock block =
                new SequentialBlock()
                        .add(SparseNets.conv(4))
                        .add(ActivationBlock.relu())
                        .add(SparseNets.conv(4))
                        .add(ActivationBlock.relu())
                        .add(AdaptiveAvgPool2d.of(1))
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(CLASSES).build());
        Model model = Model.newInstance("conv");
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 8, 8));
        model.setBlock(block);
        return model;
    }

    private static void copyParameters(Block from, Block to) {
        var source = from.getParameters();
        var target = to.getParameters();
        for (int i = 0; i < source.size(); i++) {
            source.get(i).getValue().getArray().copyTo(target.get(i).getValue().getArray());
        }
    }

    private static List<float[]> convWeights(Block block) {
        List<float[]> weights = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.getType() == Parameter.Type.WEIGHT && p.getArray().getShape().dimension() == 4) {
                weights.add(p.getArray().toFloatArray());
            }
        }
        return weights;
    }

    private static DataLoaders data(int trainSamples, int batchSize) {
        ArrayDataset all =
                SyntheticData.builder()
                        .setNumSamples(trainSamples + 32)
                        .setNumClasses(CLASSES)
                        .setShape(new Shape(1, 8, 8))
                        .optSeed(11)
                        .optNoise(0.5f)
                        .build()
                        .generate(manager);
        return DataLoaders.builder()
                .setTrain(all.subDataset(0, trainSamples))
                .setValid(all.subDataset(trainSamples, trainSamples + 32))
                .optBatchSize(batchSize)
                .optShuffle(false)
                .build();
    }

    private static Learner learner(
            Model model, DataLoaders data, OptimizerConfig optimizer, RegularizeCallback... cbs) {
        Learner.Builder builder =
                Learner.builder()
                        .setData(data)
                        .setModel(model)
                        .setLoss(Loss.softmaxCrossEntropyLoss())
                        .optMetrics(Metrics.accuracy())
                        .optOptimizer(optimizer)
                        .optShowProgress(false);
        for (RegularizeCallback cb : cbs) {
            builder.addCallback(cb);
        }
        return builder.build();
    }
}
