/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.Device;

import java.util.Locale;

/**
 * The timings of a {@link Latency} measurement and the settings that produced them.
 *
 * @param medianMs the median time of one forward pass, in milliseconds
 * @param p90Ms the 90th percentile, in milliseconds
 * @param meanMs the mean, in milliseconds
 * @param stdMs the standard deviation (population), in milliseconds
 * @param batchSize the input's batch size
 * @param runs the number of timed forward passes
 * @param warmup the number of untimed forward passes before them
 * @param threads the engine's intra-op thread count (see {@link Latency})
 * @param device the device the model ran on
 */
public record LatencyResult(
        double medianMs,
        double p90Ms,
        double meanMs,
        double stdMs,
        long batchSize,
        int runs,
        int warmup,
        int threads,
        Device device) {

    /**
     * Formats the result, e.g. {@code median 1.23 ms (p90 1.40, mean 1.25 ± 0.08) batch 1, 200
     * runs after 50 warm-up, 2 threads, cpu()}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "median %.2f ms (p90 %.2f, mean %.2f \u00b1 %.2f) batch %d, %d runs after %d"
                        + " warm-up, %d threads, %s",
                medianMs,
                p90Ms,
                meanMs,
                stdMs,
                batchSize,
                runs,
                warmup,
                threads,
                device);
    }
}
