/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Lossless and near-lossless transforms, each returning a transformed copy: {@code BNFolder}
 * (BatchNorm folding), {@code FCDecomposer} and {@code ConvDecomposer} (low-rank factorization by
 * truncated SVD and Tucker-2, on OpenBLAS's LAPACK), {@code WeightClusterer} with {@code
 * ClusterCallback} (weight sharing stored as a codebook and packed indices), and {@code
 * CpuAccelerator} (the CPU inference settings that measured faster, in one call).
 */
package ai.fasterai.misc;
