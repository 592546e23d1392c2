/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static ai.fasterai.misc.ClusterNets.distinct;
import static ai.fasterai.misc.ClusterNets.forward;
import static ai.fasterai.misc.ClusterNets.weight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.fasterai.core.Callback;
import ai.fasterai.core.CallbackException;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.optim.OptimizerConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link ClusterCallback} in a {@link Learner}: at most n values after every step, the centroid
 * rule of plain SGD, in-place clustering with a clusterer, no native memory growth, bad input.
 */
class ClusterCallbackTest {

    private static final List<String> LAYERS =
            List.of("01Conv2d", "03Conv2d", "06Linear", "08Linear");

    private NDManager manager;

    @TempDir Path dir;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam"})
    void fineTuningKeepsAtMostNValuesAfterEveryStepAndStillSavesCompactly(String optimizer)
            throws IOException {
        int n = 8;
        SequentialBlock net = ClusterNets.convNet(manager, 1);
        ClusterResult result;
        try (Model model = ClusterNets.model(net)) {
            result = WeightClusterer.builder().setClusters(n).build().cluster(model);
        }
        try (Model clustered = result.getModel()) {
            Block block = clustered.getBlock();
            Map<String, float[]> before = ClusterNets.snapshot(block);
            int[] steps = {0};
            Callback check =
                    new Callback() {
                        @Override
                        public int getOrder() {
                            return 1;
                        }

                        @Override
                        public void afterStep(Learner learn) {
                            for (String path : LAYERS) {
                                int values = distinct(weight(block, path));
                                assertTrue(values <= n, path + ": " + values + " values");
                            }
                            steps[0]++;
                        }
                    };
            OptimizerConfig config =
                    optimizer.equals("sgd")
                            ? OptimizerConfig.sgd().build()
                            : OptimizerConfig.adam().build();
            ClusterCallback callback = new ClusterCallback();
            try (Learner learn =
                    ClusterNets.learner(clustered, ClusterNets.data(manager, 64, 16), config)) {
                learn.fit(3, optimizer.equals("sgd") ? 0.05 : 1e-2, callback, check);
                for (double loss : learn.getRecorder().getLosses()) {
                    assertTrue(Double.isFinite(loss), "loss " + loss);
                }
                assertTrue(Double.isFinite(learn.validate().get("valid_loss")));
            }
            assertEquals(12, steps[0]);
            assertEquals(LAYERS, callback.getLayerPaths());
            Map<String, float[]> after = ClusterNets.snapshot(block);
            for (String path : LAYERS) {
                NDArray w = weight(block, path);
                assertTrue(distinct(w) <= n, path);
                String key = path + "_01" + (path.contains("Conv") ? "Conv2d" : "Linear");
                assertFalse(
                        java.util.Arrays.equals(
                                before.get(key + "_weight"), after.get(key + "_weight")),
                        path + " was not trained");
            }
            // Still compact: saves, loads, same outputs.
            Path file = dir.resolve("tuned.fai");
            ModelFile.save(clustered, file);
            Block loaded = ModelFile.load(file, manager);
            NDArray x = manager.randomNormal(new Shape(4).addAll(ClusterNets.SAMPLE));
            assertTrue(forward(block, x).sub(forward(loaded, x)).abs().max().getFloat() <= 1e-6f);
        }
    }

    @Test
    void withPlainSgdEachCentroidMovesByTheMeanGradientOfItsMembers() {
        SequentialBlock net = ClusterNets.convNet(manager, 2);
        Block block =
                WeightClusterer.builder()
                        .setClusters(4)
                        .optLayers(List.of("06Linear"))
                        .build()
                        .cluster(net, manager)
                        .getBlock();
        float lr = 0.5f;
        List<float[]> weights = new ArrayList<>();
        List<float[]> gradients = new ArrayList<>();
        Callback capture =
                new Callback() {
                    @Override
                    public void afterBackward(Learner learn) {
                        NDArray w = weight(block, "06Linear");
                        weights.add(w.toFloatArray());
                        gradients.add(w.getGradient().toFloatArray());
                    }
                };
        try (Model model = ClusterNets.model(block);
                Learner learn =
                        ClusterNets.learner(
                                model,
                                ClusterNets.data(manager, 16, 16),
                                OptimizerConfig.sgd().optMomentum(0f).build())) {
            learn.fit(1, lr, new ClusterCallback(), capture);
            float[] w0 = weights.get(0);
            float[] g = gradients.get(0);
            float[] w1 = weight(block, "06Linear").toFloatArray();
            // Members of a cluster share a value before the step.
            Map<Float, double[]> clusters = new java.util.TreeMap<>();
            for (int i = 0; i < w0.length; i++) {
                double[] sums = clusters.computeIfAbsent(w0[i], k -> new double[2]);
                sums[0] += g[i];
                sums[1]++;
            }
            assertEquals(4, clusters.size());
            for (int i = 0; i < w0.length; i++) {
                double[] sums = clusters.get(w0[i]);
                float expected = (float) (w0[i] - lr * sums[0] / sums[1]);
                assertEquals(expected, w1[i], 1e-5f, "weight " + i);
            }
            assertTrue(distinct(weight(block, "06Linear")) <= 4);
        }
    }

    @Test
    void withAClustererTheLearnersModelIsClusteredInPlaceAndStoredLosslesslyAfterwards()
            throws IOException {
        SequentialBlock net = ClusterNets.convNet(manager, 3);
        WeightClusterer clusterer =
                WeightClusterer.builder()
                        .setClusters(4)
                        .optLayers(List.of("06Linear", "08Linear"))
                        .build();
        try (Model model = ClusterNets.model(net);
                Learner learn =
                        ClusterNets.learner(
                                model,
                                ClusterNets.data(manager, 32, 16),
                                OptimizerConfig.adam().build())) {
            learn.fit(2, 1e-2, new ClusterCallback(clusterer));
            assertTrue(distinct(weight(net, "06Linear")) <= 4);
            assertTrue(distinct(weight(net, "08Linear")) <= 4);
            assertTrue(distinct(weight(net, "01Conv2d")) > 4, "not selected: trained freely");
            assertFalse(net.getChildren().get("06Linear") instanceof ClusteredLayer);
            // Clustering the tuned model finds at most 4 values per layer: kept as they are.
            ClusterResult result = clusterer.cluster(model);
            try (Model compact = result.getModel()) {
                assertEquals(
                        List.of("06Linear", "08Linear"), List.copyOf(result.getKept().keySet()));
                for (String path : List.of("06Linear", "08Linear")) {
                    assertInstanceOf(
                            ClusteredLayer.class, compact.getBlock().getChildren().get(path));
                    assertArrayEquals(
                            weight(net, path).toFloatArray(),
                            weight(compact.getBlock(), path).toFloatArray(),
                            0f);
                }
                ModelFile.save(compact, dir.resolve("compact.fai"));
            }
        }
    }

    @Test
    void fineTuningDoesNotGrowTheModelsArraysAcrossEpochs() {
        ClusterResult result =
                WeightClusterer.builder()
                        .setClusters(16)
                        .build()
                        .cluster(ClusterNets.convNet(manager, 4), manager);
        try (Model model = ClusterNets.model(result.getBlock())) {
            DataLoaders data = ClusterNets.data(manager, 64, 8);
            try (Learner learn = ClusterNets.learner(model, data, OptimizerConfig.adam().build())) {
                learn.fit(1, 1e-3, new ClusterCallback());
                int afterOne = model.getNDManager().getManagedArrays().size();
                int baseAfterOne = manager.getManagedArrays().size();
                learn.fit(4, 1e-3, new ClusterCallback());
                assertEquals(
                        afterOne,
                        model.getNDManager().getManagedArrays().size(),
                        "arrays left on the model's manager");
                assertEquals(baseAfterOne, manager.getManagedArrays().size(), "on the data's");
            }
        }
    }

    @Test
    void aModelWithoutClusteredLayersIsRefusedBeforeAnyWeightChanges() {
        SequentialBlock net = ClusterNets.convNet(manager, 5);
        Map<String, float[]> before = ClusterNets.snapshot(net);
        try (Model model = ClusterNets.model(net);
                Learner learn =
                        ClusterNets.learner(
                                model,
                                ClusterNets.data(manager, 16, 16),
                                OptimizerConfig.adam().build())) {
            CallbackException e =
                    assertThrows(
                            CallbackException.class,
                            () -> learn.fit(1, 1e-3, new ClusterCallback()));
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(
                    e.getCause().getMessage().startsWith("the model has no ClusteredLayer"),
                    e.getCause().getMessage());
            WeightClusterer bad =
                    WeightClusterer.builder().setClusters(4).optLayers(List.of("07Linear")).build();
            e =
                    assertThrows(
                            CallbackException.class,
                            () -> learn.fit(1, 1e-3, new ClusterCallback(bad)));
            assertTrue(
                    e.getCause().getMessage().startsWith("optLayers[0] path '07Linear' does not"),
                    e.getCause().getMessage());
        }
        Map<String, float[]> after = ClusterNets.snapshot(net);
        for (String key : before.keySet()) {
            assertArrayEquals(before.get(key), after.get(key), 0f, key);
        }
    }
}
