/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Quantization to int8: post-training ({@link ai.fasterai.quantize.Quantizer}, methods {@link
 * ai.fasterai.quantize.QuantMethod}) and quantization-aware training ({@link
 * ai.fasterai.quantize.QuantizeCallback}), configured by {@link ai.fasterai.quantize.QuantConfig}
 * and reported by {@link ai.fasterai.quantize.QuantReport}.
 *
 * <p>A quantized network holds {@link ai.fasterai.quantize.QuantizedLayer}s (Conv2d / Linear with
 * integer weights and int32 biases) and {@link ai.fasterai.quantize.ActivationQuantizer}s. It runs
 * in DJL in simulated int8, saves with core's {@code ModelFile} at about a quarter of the float
 * size ({@link ai.fasterai.quantize.QuantizeBlockSpecProvider}) and exports with fasterai-export as
 * a QDQ ONNX graph ({@link ai.fasterai.quantize.QuantizeWriterProvider}) that ONNX Runtime runs
 * with int8 kernels.
 *
 * <p>The building blocks: {@link ai.fasterai.quantize.QuantScheme} (bit width 2 to 8, signed or
 * unsigned, symmetric or affine, per tensor or per channel), {@link
 * ai.fasterai.quantize.QuantParams}, {@link ai.fasterai.quantize.FakeQuantize} (with a
 * straight-through estimator) and the observers ({@link ai.fasterai.quantize.MinMaxObserver},
 * {@link ai.fasterai.quantize.MovingAverageMinMaxObserver}, {@link
 * ai.fasterai.quantize.PercentileObserver}; {@link ai.fasterai.quantize.ObserverType} names them).
 */
package ai.fasterai.quantize;
