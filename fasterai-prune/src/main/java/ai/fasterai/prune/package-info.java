/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Structured pruning that physically removes filters: a dependency graph over DJL blocks, {@code
 * Pruner} and {@code PruneCallback} (not built yet: see the project's issues).
 */
package ai.fasterai.prune;
