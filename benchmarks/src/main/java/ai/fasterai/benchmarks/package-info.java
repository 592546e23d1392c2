/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Side-by-side benchmarks, measured in one run on one machine. Each {@code *Benchmark} class has a
 * main that prints its comparison and a {@code run(args, out)} that also returns it as {@link
 * ai.fasterai.benchmarks.Comparison} rows; {@link ai.fasterai.benchmarks.PipelineBenchmark} runs
 * them all and writes one dated JSON and markdown table. The {@code *Jmh} classes are JMH
 * micro-benchmarks (mask application, BatchNorm folding, the forward pass of each walkthrough
 * stage), run through {@link ai.fasterai.benchmarks.JmhBenchmarks}. See docs/benchmarks.md.
 */
package ai.fasterai.benchmarks;
