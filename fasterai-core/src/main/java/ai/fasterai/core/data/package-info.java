/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Data for the Learner: real Fashion-MNIST from local files ({@link
 * ai.fasterai.core.data.FashionMnist}, never downloaded) and deterministic synthetic data for fast
 * tests ({@link ai.fasterai.core.data.SyntheticData}). Both return DJL {@link
 * ai.djl.training.dataset.ArrayDataset}s whose arrays belong to the caller's manager.
 */
package ai.fasterai.core.data;
