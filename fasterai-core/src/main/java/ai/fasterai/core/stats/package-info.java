/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Measuring models, what Python's fasterbench does: {@link ai.fasterai.core.stats.ModelStats}
 * (layer table, parameters, sparsity, MACs, size), {@link ai.fasterai.core.stats.Latency} (CPU
 * inference time) and, for compression reports, {@link ai.fasterai.core.stats.StageStats} rows in a
 * {@link ai.fasterai.core.stats.StageTable}.
 *
 * <p>Everything that needs shapes walks the block tree with {@link
 * ai.fasterai.core.stats.BlockWalker}; containers and leaf layers that DJL does not know are made
 * known through two registries keyed by block class: {@link
 * ai.fasterai.core.stats.BlockWalker#register} (how a container feeds its children, or {@link
 * ai.fasterai.core.stats.FanOut}) and {@link ai.fasterai.core.stats.MacCounters#register}.
 */
package ai.fasterai.core.stats;
