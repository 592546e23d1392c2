/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import java.util.List;
import java.util.Locale;

/**
 * One goal of the walkthrough's final deployable model against its fp32 DJL baseline, measured in
 * the same run: 25x smaller on disk, 15x faster at batch 1 and 8x at batch 32 on CPU, test accuracy
 * no more than half a point under the baseline.
 *
 * @param name what is compared, e.g. {@code size on disk (x smaller)}
 * @param value the measured figure
 * @param goal the figure to reach
 * @param met whether the figure reaches the goal
 */
public record Target(String name, double value, double goal, boolean met) {

    /**
     * Compares the last row (the deployable model) with the first (the baseline).
     *
     * @param baseline the fp32 DJL baseline
     * @param deployed the final deployable model
     * @return the four targets
     */
    public static List<Target> of(StageRow baseline, StageRow deployed) {
        double smaller = (double) baseline.sizeBytes() / deployed.sizeBytes();
        double faster1 = baseline.latencyMs() / deployed.latencyMs();
        double faster32 = baseline.latencyBatch32Ms() / deployed.latencyBatch32Ms();
        double points = 100 * (deployed.accuracy() - baseline.accuracy());
        return List.of(
                new Target("size on disk (x smaller)", smaller, 25, smaller >= 25),
                new Target("CPU latency, batch 1 (x faster)", faster1, 15, faster1 >= 15),
                new Target("CPU latency, batch 32 (x faster)", faster32, 8, faster32 >= 8),
                new Target("test accuracy (points vs baseline)", points, -0.5, points >= -0.5));
    }

    /**
     * Formats the target, e.g. {@code size on disk (x smaller): 26.10 (goal >= 25.00) met}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s: %.2f (goal >= %.2f) %s",
                name,
                value,
                goal,
                met ? "met" : "NOT met");
    }
}
