/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.stats.Latency;
import ai.fasterai.core.stats.ModelStats;
import ai.fasterai.prune.PruneReport;
import ai.fasterai.prune.Pruner;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU latency of the walkthrough's vgg16_bn (1x32x32 inputs, 10 classes, classifier 512) before and
 * after {@link Pruner} removes 50% of its filters (global context, {@code large_final}): the
 * speed-up divided by the MAC reduction, at batch 1 and batch 32 (target at least 0.8; 1.0 is what
 * the arithmetic allows). Both models live side by side and are timed alternately, several rounds,
 * with {@link Latency} (same input values for both); the medians of the rounds are reported.
 *
 * <p>Options: {@code --width-pct N} (width multiplier in percent, default 100: torchvision's
 * vgg16_bn), {@code --round-to N} (default 1), {@code --rounds N} (default 5), {@code --warmup N}
 * and {@code --runs N} at batch 1 (default 30 and 100), {@code --batched-warmup N} and {@code
 * --batched-runs N} at batch 32 (default 5 and 20).
 */
public final class PruneSpeedupBenchmark {

    private static final int[] BATCHES = {1, 32};

    private PruneSpeedupBenchmark() {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns one comparison per context
     * and batch size: the pruning efficiency, speed-up divided by MAC reduction.
     *
     * @param args the options above
     * @param out where the table goes
     * @return the comparisons
     */
    static List<Comparison> run(String[] args, PrintStream out) {
        double width = BenchSupport.intOption(args, "--width-pct", 100) / 100.0;
        int roundTo = BenchSupport.intOption(args, "--round-to", 1);
        int rounds = BenchSupport.intOption(args, "--rounds", 5);
        int warmup = BenchSupport.intOption(args, "--warmup", 30);
        int runs = BenchSupport.intOption(args, "--runs", 100);
        int batchedWarmup = BenchSupport.intOption(args, "--batched-warmup", 5);
        int batchedRuns = BenchSupport.intOption(args, "--batched-runs", 20);
        Shape one = new Shape(1, 1, 32, 32);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block dense = vgg(width, manager, one);
            out.printf(
                    Locale.ROOT,
                    "vgg16_bn width %.2f, 1x32x32, random weights: %,d parameters, %,d MACs;"
                            + " engine threads: %s%n",
                    width,
                    ModelStats.parameters(dense).parameters(),
                    ModelStats.macs(dense, one),
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            out.println(
                    "| context | batch | dense ms | pruned ms | speed-up | MAC reduction"
                            + " | speed-up / MAC reduction |");
            out.println("|---|---|---|---|---|---|---|");
            StringBuilder details = new StringBuilder();
            List<Comparison> comparisons = new ArrayList<>();
            for (Context context : Context.values()) {
                Block pruned = vgg(width, manager, one);
                PruneReport report =
                        Pruner.builder()
                                .setModel(pruned)
                                .optInputShape(one)
                                .optContext(context)
                                .optCriteria(Criteria.largeFinal())
                                .optRoundTo(roundTo)
                                .build()
                                .prune(50);
                double macRatio =
                        (double) ModelStats.macs(dense, one) / ModelStats.macs(pruned, one);
                details.append(
                        String.format(
                                Locale.ROOT,
                                "%s: %d filters removed (roundTo %d), %,d parameters, %,d MACs%n",
                                context,
                                report.getRemoved(),
                                roundTo,
                                ModelStats.parameters(pruned).parameters(),
                                ModelStats.macs(pruned, one)));
                for (int batch : BATCHES) {
                    Latency latency =
                            Latency.builder()
                                    .setInputShape(new Shape(batch, 1, 32, 32))
                                    .optWarmup(batch == 1 ? warmup : batchedWarmup)
                                    .optRuns(batch == 1 ? runs : batchedRuns)
                                    .build();
                    double[] denseMs = new double[rounds];
                    double[] prunedMs = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        denseMs[r] = latency.measure(dense).medianMs();
                        prunedMs[r] = latency.measure(pruned).medianMs();
                    }
                    double d = BenchSupport.median(denseMs);
                    double p = BenchSupport.median(prunedMs);
                    out.printf(
                            Locale.ROOT,
                            "| %s | %d | %.2f | %.2f | %.2fx | %.2fx | %.2f |%n",
                            context,
                            batch,
                            d,
                            p,
                            d / p,
                            macRatio,
                            d / p / macRatio);
                    comparisons.add(
                            Comparison.of(
                                            String.format(
                                                    Locale.ROOT,
                                                    "Pruner 50%% %s, batch %d",
                                                    context,
                                                    batch),
                                            "pruned vs dense vgg16_bn, latency",
                                            d,
                                            p,
                                            "ms",
                                            d / p / macRatio,
                                            "pruning efficiency (speed-up / MAC reduction)")
                                    .withTarget(Comparison.Target.ratioAtLeast(0.8))
                                    .withNote(
                                            String.format(
                                                    Locale.ROOT,
                                                    "width %.2f, speed-up %.2fx, MAC reduction"
                                                            + " %.2fx, %d rounds",
                                                    width,
                                                    d / p,
                                                    macRatio,
                                                    rounds)));
                    details.append(
                            String.format(
                                    Locale.ROOT,
                                    "  %s batch %d rounds, dense: %s; pruned: %s%n",
                                    context,
                                    batch,
                                    BenchSupport.fmt(denseMs),
                                    BenchSupport.fmt(prunedMs)));
                }
            }
            out.print(details);
            out.println("Engine: " + Engine.getInstance().getEngineName());
            return comparisons;
        }
    }

    private static Block vgg(double width, NDManager manager, Shape input) {
        Engine.getInstance().setRandomSeed(42);
        Block vgg =
                Vgg.builder()
                        .setDepth(16)
                        .optInChannels(1)
                        .optNumClasses(10)
                        .optWidthMultiplier(width)
                        .optClassifierWidth(512)
                        .optPooledSize(1)
                        .build();
        vgg.initialize(manager, DataType.FLOAT32, input);
        return vgg;
    }
}
