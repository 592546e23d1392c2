/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Quantization: {@code QuantizeCallback} (QAT), {@code Quantizer} (post-training) and int8
 * inference through QDQ ONNX (not built yet: see the project's issues).
 */
package ai.fasterai.quantize;
