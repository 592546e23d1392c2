/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

/** A stage row gathers every measure in one call; the table prints rows as markdown and JSON. */
class StageTableTest {

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
    void measureGathersEveryFigure() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        StatsNets.fillOnes(block);
        Latency latency =
                Latency.builder().setInputShape(StatsNets.INPUT).optWarmup(1).optRuns(3).build();
        StageStats row = StageStats.measure("baseline", block, latency, 0.75);

        assertEquals("baseline", row.stage());
        assertEquals(ModelStats.serializedSize(block), row.sizeBytes());
        assertEquals(1_478L, row.parameters());
        assertEquals(1_478L, row.nonZeroParameters());
        assertEquals(38_016L, row.macs());
        assertTrue(row.latencyMedianMs() > 0, row.toString());
        assertEquals(0.75, row.accuracy());
    }

    @Test
    void measureWithDefaultTimingCountsMacsForTheGivenShape() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        StageStats row = StageStats.measure("batch 2", block, new Shape(2, 3, 8, 8), Double.NaN);
        assertEquals(2 * 38_016L, row.macs());
        assertTrue(Double.isNaN(row.accuracy()));
        assertTrue(row.latencyMedianMs() > 0, row.toString());
    }

    @Test
    void printsMarkdown() {
        StageTable table = table();
        String markdown = table.toMarkdown();
        String[] lines = markdown.split("\n");
        assertEquals(4, lines.length, markdown);
        assertEquals(
                List.of("stage", "size (MB)", "params", "MACs", "latency (ms)", "accuracy"),
                cells(lines[0]));
        assertTrue(lines[1].matches("\\|(-+\\|){6}"), lines[1]);
        // 2,500,000 bytes = 2.5 MB; 400 of 1,000 values non-zero = 40 %.
        assertEquals(
                List.of("baseline", "2.500", "1,000", "5,000", "1.500", "0.9000"), cells(lines[2]));
        assertEquals(
                List.of("sparse", "2.500", "1,000 (40.0% non-zero)", "5,000", "1.250", "n/a"),
                cells(lines[3]));
        for (String line : lines) {
            assertEquals(lines[0].length(), line.length(), "aligned columns:\n" + markdown);
        }
        assertEquals(markdown, table.toString());
    }

    @Test
    void printsJsonWithNullForUnknownAccuracy() {
        JsonArray rows = JsonParser.parseString(table().toJson()).getAsJsonArray();
        assertEquals(2, rows.size());
        JsonObject first = rows.get(0).getAsJsonObject();
        assertEquals("baseline", first.get("stage").getAsString());
        assertEquals(2_500_000L, first.get("sizeBytes").getAsLong());
        assertEquals(1_000L, first.get("parameters").getAsLong());
        assertEquals(1_000L, first.get("nonZeroParameters").getAsLong());
        assertEquals(5_000L, first.get("macs").getAsLong());
        assertEquals(1.5, first.get("latencyMedianMs").getAsDouble());
        assertEquals(0.9, first.get("accuracy").getAsDouble());
        JsonObject second = rows.get(1).getAsJsonObject();
        assertEquals(400L, second.get("nonZeroParameters").getAsLong());
        assertTrue(second.get("accuracy").isJsonNull());
    }

    @Test
    void badArgumentsAreNamed() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        assertMessage(
                () -> StageStats.measure("s", block, StatsNets.INPUT, 1.5), "accuracy", "1.5");
        assertMessage(
                () -> StageStats.measure("s", block, StatsNets.INPUT, -0.1), "accuracy", "-0.1");
        assertMessage(() -> StageStats.measure(null, block, StatsNets.INPUT, 0.5), "stage", "null");
        assertMessage(() -> StageStats.measure("s", null, StatsNets.INPUT, 0.5), "block", "null");
        assertMessage(
                () -> StageStats.measure("s", block, (Shape) null, 0.5), "inputShape", "null");
        assertMessage(() -> StageStats.measure("s", block, (Latency) null, 0.5), "latency", "null");
        assertMessage(() -> new StageStats("s", -1, 0, 0, 0, 1.0, Double.NaN), "sizeBytes", "-1");
        assertMessage(() -> new StageTable().add(null), "row", "null");
        assertThrows(
                IllegalStateException.class,
                () -> StageStats.measure("s", StatsNets.small(), StatsNets.INPUT, 0.5));
    }

    private static StageTable table() {
        return new StageTable()
                .add(new StageStats("baseline", 2_500_000, 1_000, 1_000, 5_000, 1.5, 0.9))
                .add(new StageStats("sparse", 2_500_000, 1_000, 400, 5_000, 1.25, Double.NaN));
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - 1);
        return java.util.Arrays.stream(inner.split("\\|")).map(String::trim).toList();
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }
}
