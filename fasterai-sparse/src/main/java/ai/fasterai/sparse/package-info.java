/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Sparsification as fasterai does it, on DJL blocks: {@link ai.fasterai.sparse.Sparsifier} zeroes
 * the least important groups of weights (granularity, context, criteria) and keeps their masks;
 * {@link ai.fasterai.sparse.SparsifyCallback} does it during training along a schedule and
 * re-applies the masks after every optimizer step; {@link ai.fasterai.sparse.RegularizeCallback}
 * adds a group-lasso penalty; {@link ai.fasterai.sparse.SensitivityAnalyzer} measures how much each
 * layer can take.
 */
package ai.fasterai.sparse;
