/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

/** How {@link Quantizer} quantizes a trained model (fasterai's {@code method}). */
public enum QuantMethod {
    /**
     * Post-training static quantization: int8 weights, activation ranges calibrated once on sample
     * batches and then fixed. The fastest deployment: ONNX Runtime runs int8 kernels.
     */
    STATIC,
    /**
     * Dynamic quantization: int8 weights of the Linear layers, activation ranges computed from each
     * input at run time (no calibration). Suits models dominated by fully connected layers.
     */
    DYNAMIC,
    /**
     * Quantization-aware preparation: fake quantization with moving-average observers during
     * calibration, then conversion. To train with fake quantization, use {@link QuantizeCallback}.
     */
    QAT,
    /** Weights stored in int8, computation in float: a quarter of the size, no speed-up. */
    INT8_WEIGHT_ONLY
}
