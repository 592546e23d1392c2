/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import static ai.fasterai.benchmarks.BenchSupport.fmt;
import static ai.fasterai.benchmarks.BenchSupport.intOption;
import static ai.fasterai.benchmarks.BenchSupport.median;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.stats.Latency;
import ai.fasterai.misc.DecomposeResult;
import ai.fasterai.misc.Decomposition;
import ai.fasterai.misc.FCDecomposer;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of {@link FCDecomposer} on VGG16's first classifier layer (a Linear 25088 -> 4096,
 * random weights), the whole call: copy, SVD, new layers. Also the layer's batch-1 latency before
 * and after and the relative error of its outputs. Target: at most 30 s on a 2-core machine.
 *
 * <p>Options: {@code --repeats N} (default 3), {@code --percent-removed-percent N} (default 50,
 * fasterai's default: half of the singular values dropped), {@code --runs N} (latency runs, default
 * 50).
 */
public final class FcDecomposeBenchmark {

    private static final int IN = 25088;
    private static final int OUT = 4096;

    private FcDecomposeBenchmark() {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns the decomposition's wall time
     * against its budget, the layer's parameter reduction and its batch-1 speed-up.
     *
     * @param args the options above
     * @param out where the table goes
     * @return the comparisons
     */
    static List<Comparison> run(String[] args, PrintStream out) {
        int repeats = intOption(args, "--repeats", 3);
        double removed = intOption(args, "--percent-removed-percent", 50) / 100.0;
        int runs = intOption(args, "--runs", 50);
        Shape input = new Shape(1, IN);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Block layer = new SequentialBlock().add(Linear.builder().setUnits(OUT).build());
            layer.initialize(manager, DataType.FLOAT32, input);
            FCDecomposer decomposer = FCDecomposer.builder().optPercentRemoved(removed).build();
            double[] seconds = new double[repeats];
            DecomposeResult result = null;
            for (int r = 0; r < repeats; r++) {
                // Every run but the last goes into its own scope, freed before the next one.
                NDManager owner = r == repeats - 1 ? manager : manager.newSubManager();
                long start = System.nanoTime();
                result = decomposer.decompose(layer, owner);
                seconds[r] = (System.nanoTime() - start) / 1e9;
                if (owner != manager) {
                    owner.close();
                }
            }
            Decomposition d = result.getDecomposed().get(0);
            NDArray x = manager.randomNormal(new Shape(64, IN));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray exact = layer.forward(store, new NDList(x), false).head();
            NDArray approx = result.getBlock().forward(store, new NDList(x), false).head();
            double error = approx.sub(exact).norm().getFloat() / exact.norm().getFloat();
            Latency latency =
                    Latency.builder().setInputShape(input).optWarmup(20).optRuns(runs).build();
            double before = latency.measure(layer).medianMs();
            double after = latency.measure(result.getBlock()).medianMs();
            out.printf(
                    Locale.ROOT,
                    "FCDecomposer on a Linear %d -> %d (random weights), percentRemoved %.2f,"
                            + " %d cores, %d repeats%n",
                    IN,
                    OUT,
                    removed,
                    Runtime.getRuntime().availableProcessors(),
                    repeats);
            out.println("| measure | value |");
            out.println("|---|---|");
            out.printf(
                    Locale.ROOT,
                    "| decompose wall time (s), median | %.2f (runs %s) |%n",
                    median(seconds),
                    fmt(seconds));
            out.printf(Locale.ROOT, "| rank kept | %s |%n", d.ranks());
            out.printf(
                    Locale.ROOT,
                    "| parameters | %d -> %d (%.2fx fewer) |%n",
                    d.parametersBefore(),
                    d.parametersAfter(),
                    (double) d.parametersBefore() / d.parametersAfter());
            out.printf(Locale.ROOT, "| relative output error, 64 random inputs | %.4f |%n", error);
            out.printf(
                    Locale.ROOT,
                    "| batch-1 latency (ms) | %.3f -> %.3f (%.2fx) |%n",
                    before,
                    after,
                    before / after);
            String layerNote =
                    String.format(
                            Locale.ROOT,
                            "Linear %d -> %d, random weights, percentRemoved %.2f, rank %s,"
                                    + " relative output error %.4f",
                            IN,
                            OUT,
                            removed,
                            d.ranks(),
                            error);
            return List.of(
                    Comparison.of(
                                    "FCDecomposer wall time",
                                    "decomposing VGG16's first classifier layer (no baseline)",
                                    Double.NaN,
                                    median(seconds),
                                    "s",
                                    Double.NaN,
                                    "-")
                            .withTarget(Comparison.Target.candidateAtMost(30))
                            .withNote(
                                    String.format(
                                            Locale.ROOT,
                                            "%d repeats, %d cores",
                                            repeats,
                                            Runtime.getRuntime().availableProcessors())),
                    Comparison.of(
                                    "FCDecomposer parameters",
                                    "decomposed vs original layer, parameters",
                                    d.parametersBefore(),
                                    d.parametersAfter(),
                                    "parameters",
                                    (double) d.parametersBefore() / d.parametersAfter(),
                                    "compression (baseline / candidate)")
                            .withNote(layerNote),
                    Comparison.speedUp(
                                    "FCDecomposer, batch 1",
                                    "decomposed vs original layer, latency",
                                    before,
                                    after,
                                    "ms")
                            .withNote(runs + " runs"));
        }
    }
}
