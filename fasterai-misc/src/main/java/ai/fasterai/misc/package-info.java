/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Lossless and near-lossless transforms: {@code BNFolder} (BatchNorm folding); {@code
 * FCDecomposer}, {@code ConvDecomposer} and {@code WeightClusterer} are not built yet (see the
 * project's issues).
 */
package ai.fasterai.misc;
