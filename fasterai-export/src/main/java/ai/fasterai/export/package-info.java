/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * ONNX export of DJL models ({@code OnnxExporter}, with {@code OnnxBlockWriter} as the extension
 * point) and ONNX Runtime inference in Java.
 */
package ai.fasterai.export;
