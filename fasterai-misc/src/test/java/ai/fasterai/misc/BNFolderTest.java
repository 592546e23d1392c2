/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.stats.ModelStats;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@link BNFolder}: lossless in inference mode, each BatchNorm's own epsilon, what stays. */
class BNFolderTest {

    private static final Shape SAMPLE = new Shape(1, 32, 32);
    private static final Shape INPUT = new Shape(1, 1, 32, 32);

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
    void foldedVgg16BnGivesTheSameOutputsWithoutBatchNorms() {
        assertLosslessFold(
                () ->
                        Vgg.builder()
                                .setDepth(16)
                                .optInChannels(1)
                                .optNumClasses(10)
                                .optWidthMultiplier(0.25)
                                .optClassifierWidth(64)
                                .optPooledSize(1)
                                .build(),
                13);
    }

    @Test
    void foldedResNet20GivesTheSameOutputsInsideResidualBranches() {
        assertLosslessFold(
                () ->
                        ResNetCifar.builder()
                                .setDepth(20)
                                .optInChannels(1)
                                .optNumClasses(10)
                                .optWidthMultiplier(0.5)
                                .build(),
                -1);
    }

    /** Trains a few steps (non-trivial running statistics), folds, compares in inference mode. */
    private void assertLosslessFold(Supplier<Block> net, int expectedFolds) {
        try (Model model = Model.newInstance("net")) {
            Engine.getInstance().setRandomSeed(5);
            model.setBlock(net.get());
            train(model);
            Block original = model.getBlock();
            int batchNorms = count(original, BatchNorm.class);
            List<float[]> before = values(original);
            NDArray x = manager.randomNormal(new Shape(8).addAll(SAMPLE));
            NDArray expected = forward(original, x);

            FoldResult result = BNFolder.fold(model);
            try (Model folded = result.getModel()) {
                assertNotNull(folded);
                Block block = folded.getBlock();
                assertEquals(0, count(block, BatchNorm.class), "BatchNorms left");
                assertEquals(batchNorms, result.getFolded().size());
                if (expectedFolds >= 0) {
                    assertEquals(expectedFolds, batchNorms);
                }
                assertTrue(result.getKept().isEmpty(), result.getKept().toString());
                assertClose(expected, forward(block, x));
                assertTrue(
                        ModelStats.parameters(block).parameters()
                                < ModelStats.parameters(original).parameters());
                // The input model is unchanged.
                assertEquals(batchNorms, count(original, BatchNorm.class));
                List<float[]> after = values(original);
                for (int i = 0; i < before.size(); i++) {
                    assertArrayEquals(before.get(i), after.get(i), "parameter " + i);
                }
            }
        }
    }

    @Test
    void eachBatchNormIsFoldedWithItsOwnEpsilon() {
        float[] epsilons = {1e-3f, 2e-5f, 0.5f};
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4, false))
                        .add(BatchNorm.builder().optEpsilon(epsilons[0]).build())
                        .add(ActivationBlock.relu())
                        .add(conv(6, true))
                        .add(BatchNorm.builder().optEpsilon(epsilons[1]).build())
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(5).build())
                        .add(BatchNorm.builder().optEpsilon(epsilons[2]).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 6, 6));
        // Small running variances make a wrong epsilon visible.
        for (Pair<String, Parameter> pair : net.getParameters()) {
            NDArray array = pair.getValue().getArray();
            if (pair.getKey().endsWith("runningVar")) {
                array.set(manager.randomUniform(0.001f, 0.05f, array.getShape()).toFloatArray());
            } else if (pair.getKey().endsWith("runningMean") || pair.getKey().endsWith("beta")) {
                array.set(manager.randomNormal(array.getShape()).toFloatArray());
            }
        }
        NDArray x = manager.randomNormal(new Shape(3, 1, 6, 6));
        NDArray expected = forward(net, x);
        FoldResult result = BNFolder.fold(net, manager);
        assertClose(expected, forward(result.getBlock(), x)); // fails with any other epsilon
        assertEquals(3, result.getFolded().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(epsilons[i], result.getFolded().get(i).epsilon(), 0f);
        }
        assertEquals("02BatchNorm", result.getFolded().get(0).batchNorm());
        assertEquals("01Conv2d", result.getFolded().get(0).layer());
        assertEquals("07Linear", result.getFolded().get(2).layer());
        // The conv built without a bias has one now.
        Conv2d first = (Conv2d) result.getBlock().getChildren().get(0).getValue();
        assertTrue(first.isIncludeBias());
        assertEquals(
                List.of("01Conv2d", "03ActivationBlock", "04Conv2d", "06Flatten", "07Linear"),
                result.getBlock().getChildren().keys());
    }

    @Test
    void batchNormsWithoutAConvOrLinearBeforeThemStayAndAreReported() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(BatchNorm.builder().build())
                        .add(conv(4, true))
                        .add(ActivationBlock.relu())
                        .add(BatchNorm.builder().build())
                        .add(conv(4, true))
                        .add(BatchNorm.builder().build())
                        .add(conv(4, true))
                        .add(BatchNorm.builder().optAxis(2).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 6, 6));
        NDArray x = manager.randomNormal(new Shape(2, 1, 6, 6));
        NDArray expected = forward(net, x);
        FoldResult result = BNFolder.fold(net, manager);
        assertEquals(1, result.getFolded().size());
        assertEquals("06BatchNorm", result.getFolded().get(0).batchNorm());
        assertEquals(
                List.of("08BatchNorm", "01BatchNorm", "04BatchNorm"),
                new ArrayList<>(result.getKept().keySet()));
        assertTrue(result.getKept().get("04BatchNorm").contains("not after a Conv2d or Linear"));
        assertEquals(
                "normalizes axis 2, not the channel axis 1", result.getKept().get("08BatchNorm"));
        assertEquals(3, count(result.getBlock(), BatchNorm.class));
        assertClose(expected, forward(result.getBlock(), x));
        assertTrue(result.toString().startsWith("Folded 1 BatchNorm layers, kept 3"));
    }

    @Test
    void badInputIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BNFolder.fold((Model) null));
        assertEquals("model must not be null", e.getMessage());
        SequentialBlock raw =
                new SequentialBlock().add(conv(2, true)).add(BatchNorm.builder().build());
        e = assertThrows(IllegalArgumentException.class, () -> BNFolder.fold(raw, manager));
        assertEquals(
                "block must be initialized (trained or loaded) to fold its BatchNorms",
                e.getMessage());
        try (Model empty = Model.newInstance("empty")) {
            e = assertThrows(IllegalArgumentException.class, () -> BNFolder.fold(empty));
            assertEquals("model has no block to fold", e.getMessage());
        }
    }

    // ---- helpers ----

    private static Conv2d conv(int filters, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .optBias(bias)
                .build();
    }

    private void train(Model model) {
        DataLoaders data =
                DataLoaders.builder()
                        .setTrain(images(64, 1))
                        .setValid(images(16, 2))
                        .optBatchSize(16)
                        .build();
        try (Learner learn =
                Learner.builder()
                        .setData(data)
                        .setModel(model)
                        .setLoss(Loss.softmaxCrossEntropyLoss())
                        .optShowProgress(false)
                        .build()) {
            learn.fit(1, 1e-2);
        }
    }

    private ai.djl.training.dataset.ArrayDataset images(int n, long seed) {
        return SyntheticData.builder()
                .setNumSamples(n)
                .setNumClasses(10)
                .setShape(SAMPLE)
                .optSeed(seed)
                .optNoise(1f)
                .build()
                .generate(manager);
    }

    private static NDArray forward(Block block, NDArray x) {
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .head();
    }

    /** Equal within 1e-5 of the output's scale (at least 1), as the pruning tests. */
    private static void assertClose(NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape());
        float scale = Math.max(1f, expected.abs().max().getFloat());
        float diff = expected.sub(actual).abs().max().getFloat();
        assertTrue(diff <= 1e-5f * scale, "max difference " + diff + " at scale " + scale);
    }

    private static int count(Block block, Class<?> type) {
        int n = type.isInstance(block) ? 1 : 0;
        for (Pair<String, Block> child : block.getChildren()) {
            n += count(child.getValue(), type);
        }
        return n;
    }

    private static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.add(pair.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
