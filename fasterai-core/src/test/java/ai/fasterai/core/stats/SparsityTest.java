/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Non-zero counts and sparsity after zeroing known weights in place. */
class SparsityTest {

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
    void countsTheZerosWrittenInPlace() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        StatsNets.fillOnes(block);
        Block conv1 = block.getChildren().get(0).getValue();
        Block batchNorm = block.getChildren().get(1).getValue();
        Block strided = block.getChildren().get(2).getValue().getChildren().get(1).getValue();
        Block linear = block.getChildren().get(5).getValue();

        // Outside any GradientCollector, in-place writes on parameters work.
        array(conv1, "weight").set(new NDIndex("0"), 0f); // filter 0: 3 x 3 x 3 = 27 zeros
        array(strided, "weight").set(new NDIndex("0:2"), 0f); // filters 0, 1: 2 x 8 x 3 x 3 = 144
        array(linear, "weight").set(new NDIndex("0:5"), 0f); // rows 0-4: 5 x 64 = 320
        array(batchNorm, "beta").set(new NDIndex("..."), 0f); // 8 zeros, not a weight
        array(batchNorm, "runningMean").set(new NDIndex("..."), 0f); // a buffer: never counted

        ParameterCounts counts = ModelStats.parameters(block);
        assertEquals(1_478L, counts.parameters());
        assertEquals(1_478L - 27 - 144 - 320 - 8, counts.nonZero());

        List<Long> nonZeroPerLayer =
                ModelStats.layers(block, StatsNets.INPUT).stream()
                        .map(LayerStats::nonZero)
                        .collect(Collectors.toList());
        assertEquals(
                List.of(224L - 27, 16L - 8, 296L, 292L - 144, 0L, 0L, 650L - 320), nonZeroPerLayer);

        Sparsity sparsity = ModelStats.sparsity(block);
        Map<String, Double> layers = sparsity.layers();
        assertEquals(
                List.of(
                        "01Conv2d",
                        "03SequentialBlock/01Conv2d",
                        "03SequentialBlock/02Conv2d",
                        "06Linear"),
                List.copyOf(layers.keySet()));
        assertEquals(100.0 * 27 / 216, layers.get("01Conv2d"), 1e-9); // 12.5 %
        assertEquals(0.0, layers.get("03SequentialBlock/01Conv2d"), 1e-9);
        assertEquals(100.0 * 144 / 288, layers.get("03SequentialBlock/02Conv2d"), 1e-9); // 50 %
        assertEquals(100.0 * 320 / 640, layers.get("06Linear"), 1e-9); // 50 %
        // Weights only: 216 + 288 + 288 + 640 = 1432 values, 27 + 144 + 320 = 491 zeros.
        assertEquals(100.0 * 491 / 1432, sparsity.global(), 1e-9);
        assertTrue(sparsity.toString().contains("06Linear: 50.00%"), sparsity.toString());
    }

    @Test
    void noConvolutionOrLinearMeansUnknownGlobalSparsity() {
        Block block = BatchNorm.builder().build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 2, 2));
        Sparsity sparsity = ModelStats.sparsity(block);
        assertTrue(sparsity.layers().isEmpty());
        assertTrue(Double.isNaN(sparsity.global()));
    }

    private static NDArray array(Block block, String name) {
        return block.getParameters().get(name).getArray();
    }
}
