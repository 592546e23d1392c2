/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.optim.OptimizerConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

class SensitivityAnalyzerTest {

    private static final int CLASSES = 3;

    private static NDManager manager;
    private static DataLoaders data;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        ArrayDataset all =
                SyntheticData.builder()
                        .setNumSamples(160)
                        .setNumClasses(CLASSES)
                        .setShape(new Shape(1, 8, 8))
                        .optSeed(21)
                        .optNoise(0.8f)
                        .build()
                        .generate(manager);
        data =
                DataLoaders.builder()
                        .setTrain(all.subDataset(0, 96))
                        .setValid(all.subDataset(96, 160))
                        .optBatchSize(32)
                        .optShuffle(false)
                        .build();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    // ---- analysis of a real model ----

    @Test
    void analyzeGivesOneValuePerLayerAndLevel() {
        try (Model model = convModel(1);
                Learner learn = learner(model, Metrics.accuracy())) {
            learn.fit(2, 1e-2);
            double accuracy = learn.validate().get("accuracy");
            SensitivityAnalyzer analyzer =
                    SensitivityAnalyzer.builder()
                            .setLearner(learn)
                            .optLayerTypes(Conv2d.class, Linear.class)
                            .build();
            assertEquals("accuracy", analyzer.getMetric());
            assertTrue(analyzer.isHigherIsBetter());
            SensitivityResult result = analyzer.analyze();

            assertEquals(List.of("01Conv2d", "04Conv2d", "08Linear"), result.getLayers());
            assertArrayEquals(new double[] {25, 50, 75}, result.getLevels());
            assertEquals(accuracy, result.getBaseline(), 0.0);
            for (String layer : result.getLayers()) {
                for (double level : result.getLevels()) {
                    double value = result.getValue(layer, level);
                    assertTrue(value >= 0 && value <= 1, layer + " at " + level + ": " + value);
                    assertEquals(accuracy - value, result.getDrop(layer, level), 1e-12);
                }
            }
            long rows = result.toMarkdown().lines().filter(l -> l.startsWith("| 0")).count();
            assertEquals(3, rows, result.toMarkdown());

            // The targets feed a sparsifier directly.
            Map<String, Double> targets = result.targets(1.0); // any drop: the highest level
            assertEquals(Map.of("01Conv2d", 75.0, "04Conv2d", 75.0, "08Linear", 75.0), targets);
            try (Sparsifier sparsifier =
                    Sparsifier.builder()
                            .setModel(model.getBlock())
                            .optLayerTypes(Conv2d.class, Linear.class)
                            .build()) {
                sparsifier.sparsifyModel(targets);
                for (double sparsity : sparsifier.getSparsities().values()) {
                    assertEquals(75.0, sparsity, 1.0);
                }
            }
        }
    }

    @Test
    void modelIsBitIdenticalAfterAnalyzeAndEveryLayerStartsFromIt() {
        try (Model model = convModel(2);
                Learner learn = learner(model, Metrics.accuracy())) {
            learn.fit(1, 1e-2);
            Map<String, byte[]> before = parameterBytes(model.getBlock());
            // Filters zero the conv biases and the BatchNorm's gamma and beta too.
            SensitivityResult result =
                    SensitivityAnalyzer.builder()
                            .setLearner(learn)
                            .optMetric("valid_loss")
                            .optGranularity(Granularities.FILTER)
                            .optLevels(100, 0, 50)
                            .build()
                            .analyze();
            Map<String, byte[]> after = parameterBytes(model.getBlock());
            assertEquals(before.keySet(), after.keySet());
            for (String name : before.keySet()) {
                assertArrayEquals(before.get(name), after.get(name), name + " changed");
            }
            assertArrayEquals(new double[] {0, 50, 100}, result.getLevels());
            assertFalse(result.isHigherIsBetter());
            for (String layer : result.getLayers()) {
                // 0 % after the previous layer's 100 %: only a full restore gives the baseline.
                assertEquals(result.getBaseline(), result.getValue(layer, 0), 0.0, layer);
                assertNotEquals(result.getBaseline(), result.getValue(layer, 100), layer);
            }
        }
    }

    @Test
    void defaultMetricIsTheFirstAndDirectionFollowsTheName() {
        try (Model model = convModel(3);
                Learner none = learner(model);
                Learner errors = learner(model, Metrics.errorRate(), Metrics.accuracy())) {
            SensitivityAnalyzer loss = SensitivityAnalyzer.builder().setLearner(none).build();
            assertEquals("valid_loss", loss.getMetric());
            assertFalse(loss.isHigherIsBetter());
            SensitivityAnalyzer error = SensitivityAnalyzer.builder().setLearner(errors).build();
            assertEquals("error_rate", error.getMetric());
            assertFalse(error.isHigherIsBetter());
            SensitivityAnalyzer accuracy =
                    SensitivityAnalyzer.builder().setLearner(errors).optMetric("accuracy").build();
            assertTrue(accuracy.isHigherIsBetter());
            SensitivityAnalyzer forced =
                    SensitivityAnalyzer.builder()
                            .setLearner(errors)
                            .optMetric("accuracy")
                            .optHigherIsBetter(false)
                            .build();
            assertFalse(forced.isHigherIsBetter());
        }
    }

    // ---- results built by hand ----

    @Test
    void targetsPickTheHighestLevelWithinMaxDrop() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("conv1", new double[] {0.90, 0.89, 0.80});
        values.put("conv2", new double[] {0.85, 0.84, 0.70});
        values.put("fc", new double[] {0.91, 0.90, 0.895});
        values.put("noisy", new double[] {0.80, 0.90, Double.NaN});
        SensitivityResult result =
                SensitivityResult.of("accuracy", true, 0.90, new double[] {25, 50, 75}, values);

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("conv1", 50.0);
        expected.put("conv2", 0.0);
        expected.put("fc", 75.0);
        expected.put("noisy", 50.0);
        assertEquals(expected, result.targets(0.02));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(result.targets(0.02).keySet()));

        Map<String, Double> strict = new LinkedHashMap<>();
        strict.put("conv1", 25.0);
        strict.put("conv2", 0.0);
        strict.put("fc", 50.0);
        strict.put("noisy", 50.0);
        assertEquals(strict, result.targets(0));
        assertEquals(0.10, result.getDrop("conv1", 75), 1e-12);
        assertEquals(-0.01, result.getDrop("fc", 25), 1e-12);
    }

    @Test
    void lowerIsBetterDropsAreIncreases() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("a", new double[] {0.30, 0.35, 0.60});
        SensitivityResult result =
                SensitivityResult.of("valid_loss", false, 0.30, new double[] {25, 50, 75}, values);
        assertEquals(0.05, result.getDrop("a", 50), 1e-12);
        assertEquals(0.30, result.getDrop("a", 75), 1e-12);
        assertEquals(Map.of("a", 50.0), result.targets(0.1));
        assertEquals(Map.of("a", 25.0), result.targets(0.0));
    }

    @Test
    void markdownHasOneRowPerLayerAndOneColumnPerLevel() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("01Conv2d", new double[] {0.9, 0.85});
        values.put("02Lin|ear", new double[] {0.95, Double.NaN});
        SensitivityResult result =
                SensitivityResult.of("accuracy", true, 0.95, new double[] {12.5, 50}, values);
        String expected =
                "Sensitivity of accuracy (higher is better), baseline 0.9500. Each cell: accuracy"
                        + " with only that layer sparsified (drop from the baseline, positive is"
                        + " worse).\n"
                        + "\n"
                        + "| layer | 12.5% | 50% |\n"
                        + "|:---|---:|---:|\n"
                        + "| 01Conv2d | 0.9000 (0.0500) | 0.8500 (0.1000) |\n"
                        + "| 02Lin\\|ear | 0.9500 (0.0000) | NaN (NaN) |\n";
        assertEquals(expected, result.toMarkdown());
        assertEquals(expected, result.toString());
    }

    @Test
    void plotIsAnSvgWithOnePolylinePerLayerAndALegend(@TempDir Path dir) throws Exception {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("01Conv2d", new double[] {0.9, 0.85, 0.5});
        values.put("02SequentialBlock/01Conv2d", new double[] {0.91, 0.9, 0.88});
        values.put("a&b<c>", new double[] {0.92, Double.NaN, 0.7});
        SensitivityResult result =
                SensitivityResult.of("accuracy", true, 0.92, new double[] {25, 50, 75}, values);
        Path file = dir.resolve("plots").resolve("sensitivity.svg");
        result.writePlot(file);
        result.writePlot(file); // overwrites in place

        Document svg = parse(file);
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        NodeList lines = root.getElementsByTagNameNS("*", "polyline");
        assertEquals(3, lines.getLength());
        assertEquals(
                2,
                ((Element) lines.item(2)).getAttribute("points").trim().split("\\s+").length,
                "the NaN value is left out");
        List<String> texts = new ArrayList<>();
        NodeList textNodes = root.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        for (String layer : values.keySet()) {
            assertTrue(texts.contains(layer), "legend lacks " + layer + ": " + texts);
        }
        assertTrue(texts.contains("baseline"), texts.toString());
        assertTrue(
                texts.containsAll(List.of("0", "20", "40", "60", "80", "100")), texts.toString());
        assertTrue(texts.contains("sparsity of the layer (%)"), texts.toString());
        // The document's title and one tooltip per line.
        assertEquals(1 + values.size(), root.getElementsByTagNameNS("*", "title").getLength());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "temporary files left behind");
        }
    }

    @Test
    void plotOfTheAnalyzedModelIsValid(@TempDir Path dir) throws Exception {
        try (Model model = convModel(4);
                Learner learn = learner(model, Metrics.accuracy())) {
            SensitivityResult result =
                    SensitivityAnalyzer.builder()
                            .setLearner(learn)
                            .optLevels(10, 90)
                            .build()
                            .analyze();
            Path file = dir.resolve("s.svg");
            result.writePlot(file);
            Element root = parse(file).getDocumentElement();
            assertEquals("svg", root.getLocalName());
            assertEquals(
                    result.getLayers().size(),
                    root.getElementsByTagNameNS("*", "polyline").getLength());
        }
    }

    // ---- bad input ----

    @Test
    void badLevelsAreNamed() {
        try (Model model = convModel(5);
                Learner learn = learner(model, Metrics.accuracy())) {
            for (double bad : new double[] {-1, 100.5, Double.NaN}) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        SensitivityAnalyzer.builder()
                                                .setLearner(learn)
                                                .optLevels(25, bad)
                                                .build());
                assertTrue(e.getMessage().contains("levels[1]"), e.getMessage());
                assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            }
            assertMessage(
                    "levels must hold at least one",
                    () -> SensitivityAnalyzer.builder().setLearner(learn).optLevels().build());
            assertMessage(
                    "levels must not repeat",
                    () ->
                            SensitivityAnalyzer.builder()
                                    .setLearner(learn)
                                    .optLevels(50, 25, 50)
                                    .build());
            assertMessage(
                    "levels must not be null",
                    () ->
                            SensitivityAnalyzer.builder()
                                    .setLearner(learn)
                                    .optLevels((double[]) null)
                                    .build());
        }
    }

    @Test
    void unknownMetricListsTheAvailableOnes() {
        try (Model model = convModel(6);
                Learner learn = learner(model, Metrics.accuracy())) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    SensitivityAnalyzer.builder()
                                            .setLearner(learn)
                                            .optMetric("f1")
                                            .build());
            assertTrue(e.getMessage().contains("metric 'f1'"), e.getMessage());
            assertTrue(e.getMessage().contains("[valid_loss, accuracy]"), e.getMessage());
        }
    }

    @Test
    void nullLearnerAndBadSelectionsAreNamed() {
        assertMessage("learner", () -> SensitivityAnalyzer.builder().build());
        try (Model model = convModel(7);
                Learner learn = learner(model, Metrics.accuracy())) {
            assertMessage(
                    "criteria taylor",
                    () ->
                            SensitivityAnalyzer.builder()
                                    .setLearner(learn)
                                    .optCriteria(Criteria.taylor())
                                    .build());
            assertMessage(
                    "criteria movement",
                    () ->
                            SensitivityAnalyzer.builder()
                                    .setLearner(learn)
                                    .optCriteria(Criteria.movement())
                                    .build());
            IllegalArgumentException granularity =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    SensitivityAnalyzer.builder()
                                            .setLearner(learn)
                                            .optGranularity("blocks")
                                            .build());
            assertTrue(granularity.getMessage().contains("'blocks'"), granularity.getMessage());
            assertTrue(granularity.getMessage().contains("allowed"), granularity.getMessage());
            assertMessage(
                    "layerTypes [BatchNorm]",
                    () ->
                            SensitivityAnalyzer.builder()
                                    .setLearner(learn)
                                    .optLayerTypes(BatchNorm.class)
                                    .build());
        }
    }

    @Test
    void badResultsAndQueriesAreNamed() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("a", new double[] {0.5, 0.4});
        assertMessage(
                "levels must be strictly increasing",
                () -> SensitivityResult.of("m", true, 0.5, new double[] {50, 25}, values));
        assertMessage(
                "values[a] must hold one value per level (3), got 2",
                () -> SensitivityResult.of("m", true, 0.5, new double[] {25, 50, 75}, values));
        assertMessage(
                "values must hold at least one layer",
                () -> SensitivityResult.of("m", true, 0.5, new double[] {25}, Map.of()));
        SensitivityResult result =
                SensitivityResult.of("m", true, 0.5, new double[] {25, 50}, values);
        assertMessage("maxDrop", () -> result.targets(Double.NaN));
        assertMessage("layer 'b' was not analyzed", () -> result.getValue("b", 25));
        assertMessage("level 30.0 was not analyzed", () -> result.getDrop("a", 30));
        assertMessage("file", () -> writePlotUnchecked(result, null));
    }

    // ---- fixtures ----

    private static void writePlotUnchecked(SensitivityResult result, Path file) {
        try {
            result.writePlot(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMessage(String text, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Map<String, byte[]> parameterBytes(Block block) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            bytes.put(pair.getKey(), pair.getValue().getArray().toByteArray());
        }
        return bytes;
    }

    /** Conv-BN-ReLU, Conv-ReLU, average pool, Linear: 1x8x8 inputs, three classes. */
    private static Model convModel(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock block =
                new SequentialBlock()
                        .add(SparseNets.conv(8))
                        .add(BatchNorm.builder().build())
                        .add(ActivationBlock.relu())
                        .add(SparseNets.conv(8))
                        .add(ActivationBlock.relu())
                        .add(AdaptiveAvgPool2d.of(1))
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(CLASSES).build());
        Model model = Model.newInstance("sensitivity");
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 8, 8));
        model.setBlock(block);
        return model;
    }

    private static Learner learner(Model model, Evaluator... metrics) {
        return Learner.builder()
                .setData(data)
                .setModel(model)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .optMetrics(metrics)
                .optOptimizer(OptimizerConfig.adam().build())
                .optShowProgress(false)
                .build();
    }
}
