/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

/**
 * One row of the walkthrough: the model after one stage, measured the same way for every stage.
 *
 * @param stage the stage's name, e.g. {@code pruned}
 * @param runtime what ran the model: {@code DJL} (PyTorch eager) or {@code ONNX Runtime}
 * @param sizeBytes the size on disk of the stage's model file (a {@code .fai} model file for DJL,
 *     the {@code .onnx} file for ONNX Runtime)
 * @param parameters the parameter count, BatchNorm's running statistics excluded
 * @param nonZeroParameters the parameter values that are not zero
 * @param macs the multiply-accumulates of one 1x32x32 image
 * @param latencyMs the median CPU latency at batch 1, in milliseconds
 * @param latencyBatch32Ms the median CPU latency at batch 32, in milliseconds
 * @param accuracy the test accuracy, a fraction
 * @param seconds how long the stage took, training included
 */
public record StageRow(
        String stage,
        String runtime,
        long sizeBytes,
        long parameters,
        long nonZeroParameters,
        long macs,
        double latencyMs,
        double latencyBatch32Ms,
        double accuracy,
        double seconds) {}
