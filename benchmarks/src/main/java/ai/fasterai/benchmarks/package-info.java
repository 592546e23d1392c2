/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Side-by-side benchmarks, measured in one run on one machine: {@link
 * ai.fasterai.benchmarks.LearnerOverheadBenchmark} compares the Learner's loop with DJL's
 * EasyTrain.
 */
package ai.fasterai.benchmarks;
