/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.jni.JniUtils;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Latency returns positive, ordered figures and reports the settings it ran with. */
class LatencyTest {

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
    void measuresAndReportsItsSettings() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        Latency latency =
                Latency.builder()
                        .setInputShape(new Shape(2, 3, 8, 8))
                        .optWarmup(3)
                        .optRuns(11)
                        .build();
        LatencyResult result = latency.measure(block);

        assertTrue(result.medianMs() > 0, result.toString());
        assertTrue(result.medianMs() <= result.p90Ms(), result.toString());
        assertTrue(result.meanMs() > 0, result.toString());
        assertTrue(result.stdMs() >= 0, result.toString());
        assertEquals(2L, result.batchSize());
        assertEquals(11, result.runs());
        assertEquals(3, result.warmup());
        // The engine is PyTorch: the count is torch.get_num_threads().
        assertEquals(JniUtils.getNumThreads(), result.threads());
        assertTrue(result.threads() >= 1);
        assertEquals(Device.cpu(), result.device());

        String text = result.toString();
        assertTrue(text.startsWith("median "), text);
        assertTrue(text.contains("batch 2, 11 runs after 3 warm-up"), text);
        assertTrue(text.contains(result.threads() + " threads, cpu()"), text);
    }

    @Test
    void restoresTheGradModeItTurnsOff() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        Latency latency =
                Latency.builder().setInputShape(StatsNets.INPUT).optWarmup(1).optRuns(1).build();
        boolean before = JniUtils.isGradMode();
        try {
            JniUtils.setGradMode(true);
            latency.measure(block);
            assertTrue(JniUtils.isGradMode());
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    @Test
    void timesAnyCallOnTheSameInputValues() {
        Latency latency =
                Latency.builder().setInputShape(new Shape(2, 3)).optWarmup(4).optRuns(7).build();
        java.util.List<float[]> seen = new java.util.ArrayList<>();
        LatencyResult result = latency.measure(seen::add, 3);
        assertEquals(11, seen.size());
        for (float[] values : seen) {
            assertEquals(6, values.length);
            assertArrayEquals(seen.get(0), values);
        }
        assertEquals(7, result.runs());
        assertEquals(4, result.warmup());
        assertEquals(2, result.batchSize());
        assertEquals(3, result.threads());
        assertTrue(result.medianMs() >= 0 && result.p90Ms() >= result.medianMs());
        assertMessage(() -> latency.measure(values -> {}, 0), "threads", "0", ">= 1");
    }

    @Test
    void defaultsAreFiftyWarmUpAndTwoHundredRunsOnCpu() {
        Latency latency = Latency.builder().setInputShape(StatsNets.INPUT).build();
        assertEquals(50, latency.getWarmup());
        assertEquals(200, latency.getRuns());
        assertEquals(Device.cpu(), latency.getDevice());
        assertEquals(StatsNets.INPUT, latency.getInputShape());
    }

    @Test
    void badSettingsAreNamed() {
        assertMessage(() -> builder().optRuns(0).build(), "runs", "0", ">= 1");
        assertMessage(() -> builder().optRuns(-3).build(), "runs", "-3", ">= 1");
        assertMessage(() -> builder().optWarmup(0).build(), "warmup", "0", ">= 1");
        assertMessage(
                () -> builder().setInputShape(new Shape(0, 3, 8, 8)).build(), "batch", "0", ">= 1");
        assertMessage(
                () -> builder().setInputShape(new Shape(1, 3, 0, 8)).build(),
                "inputShape dimension 2",
                ">= 1");
        assertMessage(() -> Latency.builder().build(), "inputShape", "null");
        assertMessage(() -> builder().optDevice(null).build(), "device", "null");
        assertMessage(() -> builder().build().measure(null), "block", "null");
        assertThrows(
                IllegalStateException.class, () -> builder().build().measure(StatsNets.small()));
    }

    private static Latency.Builder builder() {
        return Latency.builder().setInputShape(StatsNets.INPUT).optWarmup(1).optRuns(1);
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void summaryStatisticsEqualAHandComputation() {
        // Runs of 1..10 ms: median between ranks 5 and 6 = 5.5; p90 at rank 0.9 * 9 = 8.1, so
        // 9 + 0.1 * (10 - 9) = 9.1; mean 5.5; population variance sum((i - 5.5)^2) / 10 = 8.25.
        double[] runs = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        LatencyResult r = Latency.summarize(runs, 4, 3, 2, ai.djl.Device.cpu());
        assertEquals(5.5, r.medianMs(), 1e-12);
        assertEquals(9.1, r.p90Ms(), 1e-12);
        assertEquals(5.5, r.meanMs(), 1e-12);
        assertEquals(Math.sqrt(8.25), r.stdMs(), 1e-12);
        assertEquals(4, r.batchSize());
        assertEquals(10, r.runs());
        assertEquals(3, r.warmup());
    }
}
