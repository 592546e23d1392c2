/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Quantization. Built so far, the foundation of quantization-aware training (QAT) and post-training
 * quantization (PTQ):
 *
 * <ul>
 *   <li>{@link ai.fasterai.quantize.QuantScheme}: bit width (2 to 8), signed or unsigned, symmetric
 *       or affine, per tensor or per channel, and the scale / zero point formulas (ONNX Runtime's
 *       conventions; presets for int8 per-channel weights and uint8 activations);
 *   <li>{@link ai.fasterai.quantize.QuantParams}: scales and zero points with their integer range;
 *   <li>{@link ai.fasterai.quantize.FakeQuantize}: quantize-dequantize in float, round half to
 *       even, with a straight-through estimator on NDArrays;
 *   <li>observers ({@link ai.fasterai.quantize.Observer}): {@link
 *       ai.fasterai.quantize.MinMaxObserver}, {@link
 *       ai.fasterai.quantize.MovingAverageMinMaxObserver} and {@link
 *       ai.fasterai.quantize.PercentileObserver}.
 * </ul>
 *
 * {@code QuantizeCallback} (QAT), {@code Quantizer} (PTQ) and int8 inference through QDQ ONNX are
 * not built yet: see the project's issues (#9).
 */
package ai.fasterai.quantize;
