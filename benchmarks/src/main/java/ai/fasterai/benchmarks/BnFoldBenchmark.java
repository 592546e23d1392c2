/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import static ai.fasterai.benchmarks.BenchSupport.IMAGE;
import static ai.fasterai.benchmarks.BenchSupport.fmt;
import static ai.fasterai.benchmarks.BenchSupport.intOption;
import static ai.fasterai.benchmarks.BenchSupport.median;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.stats.Latency;
import ai.fasterai.misc.BNFolder;
import ai.fasterai.misc.FoldResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Batch-1 CPU latency of vgg16_bn (1x32x32 inputs, random weights) before and after {@link
 * BNFolder}, in one run: the variants alternate in each round; each measure is a median of {@code
 * Latency} runs after warm-up. The seed walkthrough saw 16.41 -> 15.63 ms on its machine.
 *
 * <p>Options: {@code --rounds N} (default 7), {@code --width-percent N} (default 100: the full
 * vgg16_bn widths), {@code --runs N} (default 200).
 */
public final class BnFoldBenchmark {

    private BnFoldBenchmark() {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns the comparison.
     *
     * @param args the options above
     * @param out where the table goes
     * @return folded against unfolded, batch-1 latency
     */
    static List<Comparison> run(String[] args, PrintStream out) {
        int rounds = intOption(args, "--rounds", 7);
        double width = intOption(args, "--width-percent", 100) / 100.0;
        int runs = intOption(args, "--runs", 200);
        Shape input = new Shape(1).addAll(IMAGE);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Block vgg = BenchSupport.vgg16(width, 512);
            vgg.initialize(manager, DataType.FLOAT32, input);
            FoldResult folded = BNFolder.fold(vgg, manager);
            Latency latency =
                    Latency.builder().setInputShape(input).optWarmup(100).optRuns(runs).build();
            Block[] variants = {vgg, folded.getBlock()};
            double[][] ms = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int v = (k + r) % 2;
                    ms[v][r] = latency.measure(variants[v]).medianMs();
                }
            }
            out.printf(
                    Locale.ROOT,
                    "BN folding, vgg16_bn width %s, batch 1 of 1x32x32, %d cores,"
                            + " ai.djl.pytorch.num_threads=%s, %d rounds of %d runs: %d BatchNorms"
                            + " folded%n",
                    width,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    rounds,
                    runs,
                    folded.getFolded().size());
            out.println("| model | median latency (ms) | rounds (ms) |");
            out.println("|---|---|---|");
            String[] names = {"vgg16_bn", "vgg16_bn, BatchNorm folded"};
            for (int v = 0; v < 2; v++) {
                out.printf(
                        Locale.ROOT, "| %s | %.3f | %s |%n", names[v], median(ms[v]), fmt(ms[v]));
            }
            out.printf(Locale.ROOT, "speed-up %.3fx%n", median(ms[0]) / median(ms[1]));
            return List.of(
                    Comparison.speedUp(
                                    "BNFolder, batch 1",
                                    "BatchNorm folded vs vgg16_bn in DJL, latency",
                                    median(ms[0]),
                                    median(ms[1]),
                                    "ms")
                            .withNote(
                                    String.format(
                                            Locale.ROOT,
                                            "width %s, %d BatchNorms folded, %d rounds of %d runs",
                                            width,
                                            folded.getFolded().size(),
                                            rounds,
                                            runs)));
        }
    }
}
