/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Structured pruning that physically removes channels, so the network really gets smaller and
 * faster: a {@link ai.fasterai.prune.DependencyGraph} over DJL blocks finds which channels are
 * coupled (residual adds, concatenations, depthwise convolutions, flattening into a Linear), {@link
 * ai.fasterai.prune.Pruner} removes zeroed channels losslessly or the lowest-scored ones to a
 * ratio, and {@link ai.fasterai.prune.PruneCallback} prunes along a schedule while a {@code
 * Learner} trains.
 */
package ai.fasterai.prune;
