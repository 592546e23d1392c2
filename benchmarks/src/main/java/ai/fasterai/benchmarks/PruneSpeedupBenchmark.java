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
 * (default 30), {@code --runs N} (default 100).
 */
public final class PruneSpeedupBenchmark {

    private static final int[] BATCHES = {1, 32};

    private PruneSpeedupBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        double width = BenchSupport.intOption(args, "--width-pct", 100) / 100.0;
        int roundTo = BenchSupport.intOption(args, "--round-to", 1);
        int rounds = BenchSupport.intOption(args, "--rounds", 5);
        int warmup = BenchSupport.intOption(args, "--warmup", 30);
        int runs = BenchSupport.intOption(args, "--runs", 100);
        Shape one = new Shape(1, 1, 32, 32);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block dense = vgg(width, manager, one);
            Block pruned = vgg(width, manager, one);
            PruneReport report =
                    Pruner.builder()
                            .setModel(pruned)
                            .optInputShape(one)
                            .optContext(Context.GLOBAL)
                            .optCriteria(Criteria.largeFinal())
                            .optRoundTo(roundTo)
                            .build()
                            .prune(50);
            long denseMacs = ModelStats.macs(dense, one);
            long prunedMacs = ModelStats.macs(pruned, one);
            double macRatio = (double) denseMacs / prunedMacs;
            System.out.printf(
                    Locale.ROOT,
                    "vgg16_bn width %.2f, 1x32x32: %,d -> %,d parameters, %,d -> %,d MACs (%.2fx"
                            + " fewer), %d filters removed (50%% global, large_final, roundTo"
                            + " %d); engine threads: %s%n",
                    width,
                    ModelStats.parameters(dense).parameters(),
                    ModelStats.parameters(pruned).parameters(),
                    denseMacs,
                    prunedMacs,
                    macRatio,
                    report.getRemoved(),
                    roundTo,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.println(
                    "| batch | dense ms (median of rounds) | pruned ms | speed-up | MAC reduction"
                            + " | speed-up / MAC reduction |");
            System.out.println("|---|---|---|---|---|---|");
            for (int batch : BATCHES) {
                Latency latency =
                        Latency.builder()
                                .setInputShape(new Shape(batch, 1, 32, 32))
                                .optWarmup(warmup)
                                .optRuns(runs)
                                .build();
                double[] denseMs = new double[rounds];
                double[] prunedMs = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    denseMs[r] = latency.measure(dense).medianMs();
                    prunedMs[r] = latency.measure(pruned).medianMs();
                }
                double d = BenchSupport.median(denseMs);
                double p = BenchSupport.median(prunedMs);
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %.2f | %.2f | %.2fx | %.2fx | %.2f |%n",
                        batch,
                        d,
                        p,
                        d / p,
                        macRatio,
                        d / p / macRatio);
                System.out.println(
                        "  rounds dense: "
                                + BenchSupport.fmt(denseMs)
                                + "; pruned: "
                                + BenchSupport.fmt(prunedMs));
            }
            System.out.println("Engine: " + Engine.getInstance().getEngineName());
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
