/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

/**
 * The walkthrough end to end in quick mode (2000 training images, 1000 test images, one epoch per
 * stage) on the real Fashion-MNIST: every stage is in the JSON with sane figures, the stages that
 * remove parameters never grow the model, the lossless stages keep the accuracy of the stage before
 * within 0.1 point, and the HTML report is well-formed and self-contained.
 */
class Vgg16WalkthroughTest {

    private static final List<String> STAGES =
            List.of(
                    "baseline",
                    "distilled",
                    "sparsified",
                    "pruned",
                    "bn-folded",
                    "fc-decomposed",
                    "onnx-fp32",
                    "qat-int8",
                    "onnx-int8");

    @TempDir static Path out;
    private static WalkthroughResult result;
    private static Map<String, JsonObject> stages;
    private static JsonObject json;

    @BeforeAll
    static void runQuickMode() throws Exception {
        result =
                Vgg16Walkthrough.run(
                        WalkthroughOptions.parse(
                                "--quick", "--no-progress", "--out", out.toString()));
        json =
                JsonParser.parseString(Files.readString(out.resolve("walkthrough.json")))
                        .getAsJsonObject();
        stages = new LinkedHashMap<>();
        json.getAsJsonArray("stages")
                .forEach(
                        s ->
                                stages.put(
                                        s.getAsJsonObject().get("stage").getAsString(),
                                        s.getAsJsonObject()));
    }

    @Test
    void jsonListsEveryStageWithSaneFigures() {
        assertEquals(STAGES, new ArrayList<>(stages.keySet()));
        for (JsonObject stage : stages.values()) {
            String name = stage.get("stage").getAsString();
            assertTrue(stage.get("sizeBytes").getAsLong() > 10_000, name);
            assertTrue(stage.get("parameters").getAsLong() > 10_000, name);
            assertTrue(
                    stage.get("nonZeroParameters").getAsLong()
                            <= stage.get("parameters").getAsLong(),
                    name);
            assertTrue(stage.get("macs").getAsLong() > 100_000, name);
            assertTrue(stage.get("latencyMs").getAsDouble() > 0, name);
            assertTrue(
                    stage.get("latencyBatch32Ms").getAsDouble()
                            > stage.get("latencyMs").getAsDouble(),
                    name);
            // Above chance (0.1) at every stage: one short epoch cannot fully recover from
            // removing half the filters of a net trained on 2000 images.
            assertTrue(stage.get("accuracy").getAsDouble() > 0.3, name + " " + stage);
        }
        assertTrue(stages.get("baseline").get("accuracy").getAsDouble() > 0.5);
        assertEquals(4, json.getAsJsonArray("targets").size());
        assertTrue(json.get("machine").getAsString().contains("threads"));
        assertTrue(json.getAsJsonObject("teacher").get("accuracy").getAsDouble() > 0.5);
    }

    @Test
    void stagesThatRemoveParametersNeverGrowTheModel() {
        // Zeroing keeps the size and the parameter count but halves the non-zero filters.
        assertEquals(figure("distilled", "parameters"), figure("sparsified", "parameters"));
        assertTrue(figure("sparsified", "nonZeroParameters") < figure("sparsified", "parameters"));
        // Pruning, folding and factorizing remove parameters, and the files shrink with them.
        for (String[] pair :
                new String[][] {
                    {"sparsified", "pruned"},
                    {"pruned", "bn-folded"},
                    {"bn-folded", "fc-decomposed"}
                }) {
            assertTrue(figure(pair[1], "parameters") < figure(pair[0], "parameters"), pair[1]);
            assertTrue(figure(pair[1], "sizeBytes") < figure(pair[0], "sizeBytes"), pair[1]);
        }
        assertTrue(figure("pruned", "macs") < figure("sparsified", "macs") * 3 / 4);
        // int8 weights: about a quarter of the float file.
        assertTrue(figure("qat-int8", "sizeBytes") < figure("fc-decomposed", "sizeBytes") / 3);
        assertTrue(figure("onnx-int8", "sizeBytes") < figure("onnx-fp32", "sizeBytes") / 3);
    }

    @Test
    void losslessStagesKeepTheAccuracyOfTheStageBefore() {
        for (String[] pair :
                new String[][] {
                    {"sparsified", "pruned"},
                    {"pruned", "bn-folded"},
                    {"fc-decomposed", "onnx-fp32"}
                }) {
            double before = stages.get(pair[0]).get("accuracy").getAsDouble();
            double after = stages.get(pair[1]).get("accuracy").getAsDouble();
            assertTrue(
                    Math.abs(after - before) <= 0.001 + 1e-9,
                    pair[1] + " " + after + " vs " + before);
        }
    }

    @Test
    void pruningRemovesExactlyTheZeroedFiltersAboutHalfOfThem() {
        long before = 0;
        long after = 0;
        for (var layer : json.getAsJsonObject("layers").entrySet()) {
            JsonObject o = layer.getValue().getAsJsonObject();
            long n = o.get("filtersBefore").getAsLong();
            long kept = o.get("filtersAfter").getAsLong();
            // Filter granularity: the share of zero weights is the share of zero filters.
            assertEquals(n - kept, Math.round(o.get("sparsity").getAsDouble() * n), layer.getKey());
            assertEquals(0, kept % 16, layer.getKey());
            before += n;
            after += kept;
        }
        assertEquals(13, json.getAsJsonObject("layers").size());
        // Global 50% with counts rounded to 16 per layer.
        assertEquals(0.5, 1 - (double) after / before, 0.1);
    }

    @Test
    void htmlReportIsWellFormedAndSelfContained() throws Exception {
        String html = Files.readString(out.resolve("walkthrough.html"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc =
                factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals("html", doc.getDocumentElement().getTagName());
        assertEquals(5, doc.getElementsByTagName("svg").getLength());
        assertEquals(STAGES.size() + 1, doc.getElementsByTagName("tr").getLength());
        for (String banned :
                new String[] {
                    "http:", "https:", "//", "src=", "href=", "url(", "@import", "<script", "<link",
                    "<iframe", "<img"
                }) {
            assertFalse(html.contains(banned), "the report references " + banned);
        }
        for (String stage : STAGES) {
            assertTrue(html.contains(">" + stage + "<"), stage);
        }
        assertTrue(Files.readString(out.resolve("walkthrough.md")).contains("| onnx-int8 "));
        assertEquals(result.getRows().size(), STAGES.size());
    }

    private static long figure(String stage, String name) {
        return stages.get(stage).get(name).getAsLong();
    }
}
