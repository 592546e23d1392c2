/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * ONNX export of DJL models and ONNX Runtime inference in Java (not built yet: see the project's
 * issues).
 */
package ai.fasterai.export;
