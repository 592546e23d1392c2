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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.stats.ModelStats;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@link WeightClusterer}: at most n values per layer, known centroids, the compact size by hand
 * and as measured on disk, lossless save and load, and bad input refused with the model untouched.
 */
class WeightClustererTest {

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

    @Test
    void everyLayerHoldsAtMostNValuesAndTheInputModelIsUnchanged() {
        SequentialBlock net = ClusterNets.convNet(manager, 1);
        Map<String, float[]> before = ClusterNets.snapshot(net);
        for (int n : new int[] {2, 5, 16}) {
            for (ClusterInit init : ClusterInit.values()) {
                WeightClusterer clusterer =
                        WeightClusterer.builder().setClusters(n).optInit(init).optSeed(3).build();
                try (Model model = ClusterNets.model(net)) {
                    ClusterResult result = clusterer.cluster(model);
                    try (Model clustered = result.getModel()) {
                        assertEquals("net-clustered", clustered.getName());
                        Block block = clustered.getBlock();
                        assertEquals(LAYERS, List.copyOf(result.getLayers().keySet()));
                        for (String path : LAYERS) {
                            assertInstanceOf(ClusteredLayer.class, block.getChildren().get(path));
                            int values = distinct(weight(block, path));
                            assertTrue(values <= n, path + " has " + values + " values, n=" + n);
                            assertEquals(values, result.getClusters(path), path);
                            assertEquals(values, result.getLayers().get(path).codebook().length);
                            // The codebook is exactly the set of values.
                            float[] codebook = result.getCodebook(path);
                            assertArrayEquals(
                                    codebook,
                                    ((ClusteredLayer) block.getChildren().get(path)).getCodebook(),
                                    0f);
                            for (float v : weight(block, path).toFloatArray()) {
                                assertTrue(java.util.Arrays.binarySearch(codebook, v) >= 0);
                            }
                        }
                        assertTrue(result.getKept().isEmpty(), result.getKept().toString());
                        // Biases are not clustered.
                        assertArrayEquals(
                                before.get("01Conv2d_bias"),
                                ((ClusteredLayer) block.getChildren().get("01Conv2d"))
                                        .getLayer()
                                        .getDirectParameters()
                                        .get("bias")
                                        .getArray()
                                        .toFloatArray(),
                                0f);
                    }
                }
                assertSameValues(before, ClusterNets.snapshot(net));
            }
        }
    }

    @Test
    void handMadeWeightsConvergeToTheKnownCentroids() {
        // 3 x 40 weights around -1, 0 and 2.
        float[] values = new float[120];
        Random random = new Random(9);
        float[] centers = {-1f, 0f, 2f};
        double[] sums = new double[3];
        for (int i = 0; i < values.length; i++) {
            values[i] = centers[i % 3] + (float) (random.nextGaussian() * 0.1);
            sums[i % 3] += values[i];
        }
        Linear linear = Linear.builder().setUnits(3).optBias(false).build();
        linear.getParameters().get("weight").setArray(manager.create(values, new Shape(3, 40)));
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 40));
        ClusterResult result =
                WeightClusterer.builder().setClusters(3).build().cluster(linear, manager);
        ClusterResult.Layer layer = result.getLayers().get("");
        assertNotNull(layer, result.getLayers().keySet().toString());
        assertTrue(layer.converged());
        float[] expected = {(float) (sums[0] / 40), (float) (sums[1] / 40), (float) (sums[2] / 40)};
        assertArrayEquals(expected, layer.codebook(), 1e-6f);
        assertInstanceOf(ClusteredLayer.class, result.getBlock());
        float[] clustered = weight(result.getBlock(), "").toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i % 3], clustered[i], 1e-6f, "weight " + i);
        }
    }

    @Test
    void kmeansPlusPlusWithASeedIsReproducible() {
        SequentialBlock net = ClusterNets.convNet(manager, 2);
        WeightClusterer clusterer =
                WeightClusterer.builder()
                        .setClusters(8)
                        .optInit(ClusterInit.KMEANS_PLUS_PLUS)
                        .optSeed(42)
                        .build();
        ClusterResult a = clusterer.cluster(net, manager);
        ClusterResult b = clusterer.cluster(net, manager);
        for (String path : LAYERS) {
            assertArrayEquals(a.getCodebook(path), b.getCodebook(path), 0f, path);
            assertArrayEquals(
                    weight(a.getBlock(), path).toFloatArray(),
                    weight(b.getBlock(), path).toFloatArray(),
                    0f);
        }
    }

    @Test
    void reportedSizeIsTheFormulaAndWhatTheModelFileMeasures() throws IOException {
        SequentialBlock net = ClusterNets.convNet(manager, 3);
        ClusterResult result =
                WeightClusterer.builder().setClusters(16).build().cluster(net, manager);
        Block compact = result.getBlock();
        // By hand: 8 + 8 r + 4 k + ceil(N b / 8) (+ 4 + 4 M with a bias), b = ceil(log2 k).
        // 01Conv2d: weight (4, 1, 3, 3), N = 36, bias 4; 03Conv2d: (4, 4, 3, 3), N = 144, no bias;
        // 06Linear: (16, 256), N = 4096, bias 16; 08Linear: (4, 16), N = 64, bias 4.
        int[] rank = {4, 4, 2, 2};
        long[] weights = {36, 144, 4096, 64};
        long[] bias = {4, -1, 16, 4};
        long total = 0;
        long difference = 0;
        for (int i = 0; i < LAYERS.size(); i++) {
            String path = LAYERS.get(i);
            ClusterResult.Layer layer = result.getLayers().get(path);
            int k = layer.clusters();
            assertTrue(k <= 16 && k > 8, path + ": " + k + " clusters used");
            assertEquals(4, layer.bits(), path);
            long byHand =
                    8
                            + 8 * rank[i]
                            + 4 * k
                            + (weights[i] * 4 + 7) / 8
                            + (bias[i] < 0 ? 0 : 4 + 4 * bias[i]);
            assertEquals(byHand, layer.compressedBytes(), path);
            // What the layer really writes.
            assertEquals(byHand, ClusterNets.savedBytes(compact.getChildren().get(path)), path);
            total += byHand;
            difference += byHand - ClusterNets.savedBytes(net.getChildren().get(path));
        }
        assertEquals(total, result.compressedSizeBytes());
        assertEquals(4L * (36 + 4 + 144 + 4096 + 16 + 64 + 4), result.originalSizeBytes());
        // On disk, the parameter sections differ by exactly the clustered layers' difference; the
        // rest of the files is their headers and architecture specs.
        long compactSize = ModelStats.sizeOnDisk(compact);
        long plainSize = ModelStats.sizeOnDisk(net);
        Path compactFile = dir.resolve("compact.fai");
        Path plainFile = dir.resolve("plain.fai");
        ModelFile.save(compact, compactFile);
        ModelFile.save(net, plainFile);
        assertEquals(compactSize, Files.size(compactFile));
        assertEquals(plainSize, Files.size(plainFile));
        assertEquals(
                difference,
                parameterBytes(compactFile) - parameterBytes(plainFile),
                "sizeOnDisk(compact) - sizeOnDisk(plain) minus the spec difference");
        assertTrue(compactSize < plainSize / 2, compactSize + " vs " + plainSize);
    }

    @Test
    void compactModelSavesAndLoadsToTheSameOutputsAndWeights() throws IOException {
        SequentialBlock net = ClusterNets.convNet(manager, 4);
        for (int n : new int[] {2, 3, 16, 300}) {
            ClusterResult result =
                    WeightClusterer.builder().setClusters(n).build().cluster(net, manager);
            Block compact = result.getBlock();
            Path file = dir.resolve("clustered-" + n + ".fai");
            ModelFile.save(compact, file);
            Block loaded = ModelFile.load(file, manager);
            NDArray x = manager.randomNormal(new Shape(5).addAll(ClusterNets.SAMPLE));
            NDArray expected = forward(compact, x);
            NDArray actual = forward(loaded, x);
            assertTrue(
                    expected.sub(actual).abs().max().getFloat() <= 1e-6f, "outputs differ, n=" + n);
            assertSameValues(ClusterNets.snapshot(compact), ClusterNets.snapshot(loaded));
            for (String path : LAYERS) {
                assertInstanceOf(ClusteredLayer.class, loaded.getChildren().get(path));
                assertEquals(n, ((ClusteredLayer) loaded.getChildren().get(path)).getClusters());
            }
            // Loading into the existing initialized model overwrites its arrays in place.
            Block other =
                    WeightClusterer.builder()
                            .setClusters(n)
                            .optIterations(1)
                            .build()
                            .cluster(ClusterNets.convNet(manager, 5), manager)
                            .getBlock();
            ModelFile.loadParameters(other, file, manager);
            assertSameValues(ClusterNets.snapshot(compact), ClusterNets.snapshot(other));
        }
    }

    @Test
    void fewDistinctValuesAreKeptAndLayersCanBeChosenOrExcluded() {
        SequentialBlock net = ClusterNets.convNet(manager, 6);
        // Three distinct values in the last layer.
        NDArray last = weight(net, "08Linear");
        float[] three = new float[(int) last.size()];
        for (int i = 0; i < three.length; i++) {
            three[i] = (i % 3) - 1f;
        }
        last.set(three);
        ClusterResult result =
                WeightClusterer.builder()
                        .setClusters(4)
                        .optLayers(List.of("08Linear", "06Linear", "01Conv2d"))
                        .optExclude(List.of("01Conv2d"))
                        .build()
                        .cluster(net, manager);
        assertEquals(List.of("08Linear", "06Linear"), List.copyOf(result.getLayers().keySet()));
        assertEquals(List.of("08Linear"), List.copyOf(result.getKept().keySet()));
        assertTrue(result.getKept().get("08Linear").startsWith("has only 3 distinct"));
        assertArrayEquals(three, weight(result.getBlock(), "08Linear").toFloatArray(), 0f);
        assertArrayEquals(new float[] {-1f, 0f, 1f}, result.getCodebook("08Linear"), 0f);
        assertFalse(result.getBlock().getChildren().get("01Conv2d") instanceof ClusteredLayer);
        assertFalse(result.getBlock().getChildren().get("03Conv2d") instanceof ClusteredLayer);
        // Clustering a clustered model again: its layers are found through their wrappers.
        ClusterResult again =
                WeightClusterer.builder()
                        .setClusters(2)
                        .optLayers(List.of("06Linear/01Linear"))
                        .build()
                        .cluster(result.getBlock(), manager);
        assertEquals(List.of("06Linear"), List.copyOf(again.getLayers().keySet()));
        assertEquals(2, distinct(weight(again.getBlock(), "06Linear")));
        assertTrue(result.toString().startsWith("Clustered 2 layers"), result.toString());
    }

    @Test
    void aCompactLayerTrainedOffItsClustersRefusesToSave() {
        ClusterResult result =
                WeightClusterer.builder()
                        .setClusters(4)
                        .build()
                        .cluster(ClusterNets.convNet(manager, 7), manager);
        NDArray w = weight(result.getBlock(), "08Linear");
        w.addi(manager.randomUniform(0f, 0.01f, w.getShape()));
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> ModelFile.save(result.getBlock(), dir.resolve("x.fai")));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("more than 4 distinct values"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.fai")));
    }

    @Test
    void badInputIsRefusedNamingTheParameterAndTheModelIsUntouched() {
        SequentialBlock net = ClusterNets.convNet(manager, 8);
        Map<String, float[]> before = ClusterNets.snapshot(net);
        for (int n : new int[] {-1, 0, 1, 65537}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> WeightClusterer.builder().setClusters(n).build());
            assertEquals(
                    "clusters must be in [2, 65536] (indices of at most 16 bits), got " + n,
                    e.getMessage());
        }
        WeightClusterer.builder().setClusters(65536).build(); // the widest allowed
        assertMessage(
                "clusters is required: call setClusters(n) with n in [2, 65536]",
                () -> WeightClusterer.builder().build());
        assertMessage(
                "iterations must be >= 1, got 0",
                () -> WeightClusterer.builder().setClusters(4).optIterations(0).build());
        assertMessage(
                "init must not be null",
                () -> WeightClusterer.builder().setClusters(4).optInit(null).build());
        assertMessage(
                "layers must name at least one layer path, got an empty list",
                () -> WeightClusterer.builder().setClusters(4).optLayers(List.of()).build());

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                WeightClusterer.builder()
                                        .setClusters(4)
                                        .optLayers(List.of("06Linear", "06Lnear"))
                                        .build()
                                        .cluster(net, manager));
        assertTrue(
                e.getMessage().startsWith("optLayers[1] path '06Lnear' does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("nearest valid paths: [06Linear"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                WeightClusterer.builder()
                                        .setClusters(4)
                                        .optExclude(List.of("09Linear"))
                                        .build()
                                        .cluster(net, manager));
        assertTrue(e.getMessage().startsWith("optExclude[0] path '09Linear'"), e.getMessage());
        assertMessage(
                "optLayers[0] '02ActivationBlock' is a ActivationBlock; only Linear and Conv2d"
                        + " layers (or ClusteredLayers) can be clustered",
                () ->
                        WeightClusterer.builder()
                                .setClusters(4)
                                .optLayers(List.of("02ActivationBlock"))
                                .build()
                                .cluster(net, manager));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                WeightClusterer.builder()
                                        .setClusters(4)
                                        .optExclude(LAYERS)
                                        .build()
                                        .cluster(net, manager));
        assertTrue(e.getMessage().startsWith("no layer left to cluster"), e.getMessage());
        WeightClusterer clusterer = WeightClusterer.builder().setClusters(4).build();
        assertMessage("model must not be null", () -> clusterer.cluster((Model) null));
        assertMessage("block must not be null", () -> clusterer.cluster(null, manager));
        assertMessage("manager must not be null", () -> clusterer.cluster(net, null));
        try (Model empty = Model.newInstance("empty")) {
            assertMessage(
                    "model has no block to cluster",
                    () -> clusterer.cluster(empty));
        }
        SequentialBlock raw = new SequentialBlock().add(Linear.builder().setUnits(2).build());
        assertMessage(
                "block must be initialized (trained or loaded) to cluster its weights, got an"
                        + " uninitialized SequentialBlock",
                () -> clusterer.cluster(raw, manager));
        assertMessage("clusterer must not be null", () -> new ClusterCallback(null));
        assertSameValues(before, ClusterNets.snapshot(net));
        for (String path : LAYERS) {
            assertFalse(net.getChildren().get(path) instanceof ClusteredLayer);
        }
    }

    // ---- helpers ----

    private static void assertMessage(
            String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    private static void assertSameValues(
            Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key), actual.get(key), 0f, key);
        }
    }

    /** A model file's parameter section: its size minus the 28 fixed bytes and the spec. */
    private static long parameterBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(in)) {
            data.skipNBytes(12); // magic and version
            int specLength = data.readInt();
            return Files.size(file) - 8 - 4 - 4 - specLength - 8 - 4;
        }
    }
}
