/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/** Validation metrics for the {@link ai.fasterai.core.Learner}: accuracy, top-k, error rate. */
package ai.fasterai.core.metric;
