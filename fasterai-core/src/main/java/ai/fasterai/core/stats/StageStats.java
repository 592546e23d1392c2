/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.fasterai.core.Learner;
import ai.fasterai.core.util.Checks;

/**
 * One row of a compression report: a model's figures after one stage (e.g. "baseline", "pruned
 * 50%", "quantized"). Collect rows in a {@link StageTable}.
 *
 * <pre>{@code
 * StageTable table = new StageTable();
 * table.add(StageStats.measure("baseline", block, new Shape(1, 3, 32, 32), accuracy));
 * }</pre>
 *
 * @param stage the stage's name
 * @param sizeBytes the size on disk, {@link ModelStats#sizeOnDisk}
 * @param parameters the parameter count, BatchNorm's running statistics excluded
 * @param nonZeroParameters those parameter values that are not zero
 * @param macs the MACs of one forward pass for the measured input, batch included
 * @param latencyMedianMs the median latency in milliseconds, {@link Latency}
 * @param accuracy the accuracy as a fraction in [0, 1], NaN if unknown
 */
public record StageStats(
        String stage,
        long sizeBytes,
        long parameters,
        long nonZeroParameters,
        long macs,
        double latencyMedianMs,
        double accuracy) {

    /**
     * Validates the row.
     *
     * @param stage the stage's name
     * @param sizeBytes the serialized size in bytes
     * @param parameters the parameter count
     * @param nonZeroParameters the non-zero parameter values
     * @param macs the MACs of one forward pass
     * @param latencyMedianMs the median latency in milliseconds
     * @param accuracy the accuracy in [0, 1], NaN if unknown
     * @throws IllegalArgumentException if the stage is null, a count is negative, the latency is
     *     not finite or the accuracy is neither NaN nor in [0, 1]
     */
    public StageStats {
        Checks.notNull("stage", stage);
        if (sizeBytes < 0 || parameters < 0 || nonZeroParameters < 0 || macs < 0) {
            throw new IllegalArgumentException(
                    "sizeBytes, parameters, nonZeroParameters and macs must be >= 0, got "
                            + sizeBytes
                            + ", "
                            + parameters
                            + ", "
                            + nonZeroParameters
                            + ", "
                            + macs);
        }
        if (!Double.isFinite(latencyMedianMs) || latencyMedianMs < 0) {
            throw new IllegalArgumentException(
                    "latencyMedianMs must be finite and >= 0, got " + latencyMedianMs);
        }
        checkAccuracy(accuracy);
    }

    /**
     * Measures a model after a stage, timing it with the default {@link Latency} settings (50
     * warm-up passes, 200 timed passes, CPU).
     *
     * @param stage the stage's name
     * @param block the model, initialized
     * @param inputShape the input shape, batch included (pass batch 1 for per-sample figures)
     * @param accuracy the accuracy the caller measured (e.g. with the Learner), NaN if unknown
     * @return the row
     * @throws IllegalArgumentException if an argument is null or out of range
     * @throws IllegalStateException if the block is not initialized
     */
    public static StageStats measure(String stage, Block block, Shape inputShape, double accuracy) {
        Checks.notNull("inputShape", inputShape);
        return measure(stage, block, Latency.builder().setInputShape(inputShape).build(), accuracy);
    }

    /**
     * Measures the model a learner trains, with its accuracy on the learner's test data (its
     * validation data when there is no test set), computed by {@link Learner#validate}.
     *
     * @param stage the stage's name
     * @param learn the learner; its metrics must include one named {@code accuracy}
     * @param inputShape the input of one latency measurement, e.g. (1, 1, 32, 32)
     * @return the row
     * @throws IllegalArgumentException if the learner has no {@code accuracy} metric
     */
    public static StageStats measure(String stage, Learner learn, Shape inputShape) {
        Checks.notNull("learn", learn);
        RandomAccessDataset data = learn.getData().getTest().orElse(learn.getData().getValid());
        Double accuracy = learn.validate(data).get("accuracy");
        if (accuracy == null) {
            throw new IllegalArgumentException(
                    "learn has no metric named accuracy; its metrics: "
                            + learn.getRecorder().getLastValidation().keySet());
        }
        return measure(stage, learn.getModel().getBlock(), inputShape, accuracy);
    }

    /**
     * Measures a model after a stage, timing it with the given settings; MACs are counted for the
     * latency's input shape.
     *
     * @param stage the stage's name
     * @param block the model, initialized
     * @param latency the timing settings and input shape
     * @param accuracy the accuracy the caller measured, NaN if unknown
     * @return the row
     * @throws IllegalArgumentException if an argument is null or out of range
     * @throws IllegalStateException if the block is not initialized
     */
    public static StageStats measure(String stage, Block block, Latency latency, double accuracy) {
        // Check cheap arguments first: timing before failing on them would waste seconds.
        Checks.notNull("stage", stage);
        Checks.notNull("latency", latency);
        checkAccuracy(accuracy);
        BlockChecks.initialized("block", block);
        ParameterCounts counts = ModelStats.parameters(block);
        return new StageStats(
                stage,
                ModelStats.sizeOnDisk(block),
                counts.parameters(),
                counts.nonZero(),
                ModelStats.macs(block, latency.getInputShape()),
                latency.measure(block).medianMs(),
                accuracy);
    }

    private static void checkAccuracy(double accuracy) {
        if (!Double.isNaN(accuracy) && !(accuracy >= 0.0 && accuracy <= 1.0)) {
            throw new IllegalArgumentException(
                    "accuracy must be in [0, 1] or NaN (unknown), got " + accuracy);
        }
    }
}
