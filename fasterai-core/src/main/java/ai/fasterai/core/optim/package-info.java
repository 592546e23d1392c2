/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Optimizers for the {@link ai.fasterai.core.Learner}: {@link
 * ai.fasterai.core.optim.OptimizerConfig} chooses Adam, AdamW or SGD; the optimizers it makes
 * follow the learner's scheduled learning rate and momentum.
 */
package ai.fasterai.core.optim;
