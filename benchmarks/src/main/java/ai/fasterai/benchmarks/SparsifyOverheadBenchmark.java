/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import static ai.fasterai.benchmarks.BenchSupport.IMAGE;
import static ai.fasterai.benchmarks.BenchSupport.fmt;
import static ai.fasterai.benchmarks.BenchSupport.images;
import static ai.fasterai.benchmarks.BenchSupport.intOption;
import static ai.fasterai.benchmarks.BenchSupport.median;
import static ai.fasterai.benchmarks.BenchSupport.time;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.optim.OptimizerConfig;
import ai.fasterai.core.schedule.Schedules;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;
import ai.fasterai.sparse.SparsifyCallback;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Epoch time of {@link Learner#fit} with a {@link SparsifyCallback} against the same fit without
 * it, on the walkthrough's small vgg16_bn (width 0.25, 1x32x32 inputs): same weights, data and
 * optimizer, the variants alternating in one run. With a cosine schedule the sparsity changes at
 * every step, so the masks are recomputed at every step (the callback's worst case); with {@code
 * iterative(3)} they are recomputed three times and only applied at the other steps. Prints the
 * medians and the overhead per training step (target: at most 5%).
 *
 * <p>Options: {@code --rounds N} (default 7), {@code --samples N} (default 2048), {@code
 * --batch-size N} (default 64).
 */
public final class SparsifyOverheadBenchmark {

    private SparsifyOverheadBenchmark() {}

    /** One way of training: a name and the callback it adds (null for plain training). */
    private record Variant(String name, String granularity, Context context) {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns one comparison per
     * sparsifying variant: the time in the callback per step against a plain step.
     *
     * @param args the options above
     * @param out where the table goes
     * @return the comparisons
     */
    static List<Comparison> run(String[] args, PrintStream out) {
        int rounds = intOption(args, "--rounds", 7);
        int samples = intOption(args, "--samples", 2048);
        int batchSize = intOption(args, "--batch-size", 64);
        float lr = 1e-3f;
        List<Variant> variants =
                List.of(
                        new Variant("plain training", null, null),
                        new Variant("filter, global, large_final, cos", "filter", Context.GLOBAL),
                        new Variant("weight, local, large_final, cos", "weight", Context.LOCAL),
                        new Variant(
                                "weight, local, large_final, iterative(3)",
                                "weight",
                                Context.LOCAL));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (NDManager manager = NDManager.newBaseManager()) {
            DataLoaders data =
                    DataLoaders.builder()
                            .setTrain(images(manager, samples, 1))
                            .setValid(images(manager, batchSize, 2))
                            .optBatchSize(batchSize)
                            .optShuffle(false)
                            .build();
            List<Model> models = new ArrayList<>();
            List<Learner> learners = new ArrayList<>();
            try {
                for (Variant variant : variants) {
                    Model model = Model.newInstance(variant.name());
                    models.add(model);
                    Engine.getInstance().setRandomSeed(1);
                    model.setBlock(BenchSupport.vgg16(0.25, 512));
                    model.getBlock()
                            .initialize(
                                    model.getNDManager(),
                                    DataType.FLOAT32,
                                    new Shape(1).addAll(IMAGE));
                    learners.add(
                            Learner.builder()
                                    .setData(data)
                                    .setModel(model)
                                    .setLoss(Loss.softmaxCrossEntropyLoss())
                                    .optOptimizer(OptimizerConfig.adam().build())
                                    .optShowProgress(false)
                                    .optDevice(Device.cpu())
                                    .build());
                }
                double[][] seconds = new double[variants.size()][rounds];
                double[][] inCallback = new double[variants.size()][rounds];
                for (int r = -1; r < rounds; r++) { // round -1 warms up (JIT, allocator)
                    for (int k = 0; k < variants.size(); k++) {
                        // Rotate the order so drift on the machine hits every variant alike.
                        int v = (k + Math.max(r, 0)) % variants.size();
                        Variant variant = variants.get(v);
                        Learner learn = learners.get(v);
                        TimedCallback timed =
                                variant.granularity() == null
                                        ? null
                                        : new TimedCallback(callback(variant, quiet));
                        double s =
                                timed == null
                                        ? time(() -> learn.fit(1, lr))
                                        : time(() -> learn.fit(1, lr, timed));
                        if (r >= 0) {
                            seconds[v][r] = s;
                            inCallback[v][r] = timed == null ? 0 : timed.seconds();
                        }
                    }
                }
                return report(variants, seconds, inCallback, samples, batchSize, rounds, out);
            } finally {
                learners.forEach(Learner::close);
                models.forEach(Model::close);
            }
        }
    }

    private static SparsifyCallback callback(Variant variant, PrintStream log) {
        return SparsifyCallback.builder()
                .setSparsity(50)
                .optGranularity(variant.granularity())
                .optContext(variant.context())
                .optCriteria(Criteria.largeFinal())
                .optSchedule(
                        variant.name().contains("iterative")
                                ? Schedules.iterative(3).window(0, 1)
                                : Schedules.cos())
                .optLog(log)
                .build();
    }

    private static List<Comparison> report(
            List<Variant> variants,
            double[][] seconds,
            double[][] inCallback,
            int samples,
            int batchSize,
            int rounds,
            PrintStream out) {
        int steps = (samples + batchSize - 1) / batchSize;
        out.printf(
                Locale.ROOT,
                "SparsifyCallback overhead: one epoch of %d steps per fit, %d rounds%n",
                steps,
                rounds);
        out.printf(
                Locale.ROOT,
                "machine: %d cores, ai.djl.pytorch.num_threads=%s, device cpu, vgg16_bn width 0.25"
                        + " on %d synthetic 1x32x32 images, batch %d, Adam%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                samples,
                batchSize);
        out.println(
                "| training | median epoch (s) | per step (ms) | epoch vs plain"
                        + " | in callback per step (ms) | callback / plain step | rounds (s) |");
        out.println("|---|---|---|---|---|---|---|");
        double plain = median(seconds[0]);
        List<Comparison> comparisons = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            double m = median(seconds[v]);
            double callback = median(inCallback[v]);
            out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.1f | %+.2f%% | %.2f | %+.2f%% | %s |%n",
                    variants.get(v).name(),
                    m,
                    1000 * m / steps,
                    (m / plain - 1) * 100,
                    1000 * callback / steps,
                    100 * callback / plain,
                    fmt(seconds[v]));
            if (v > 0) {
                // The callback's own time, not whole epochs: those carry the machine's drift.
                comparisons.add(
                        Comparison.of(
                                        "SparsifyCallback 50%, " + variants.get(v).name(),
                                        "time in the callback per step vs a plain step",
                                        1000 * plain / steps,
                                        1000 * callback / steps,
                                        "ms/step",
                                        callback / plain,
                                        "overhead (callback / plain step)")
                                .withTarget(Comparison.Target.ratioAtMost(0.05))
                                .withNote(
                                        String.format(
                                                Locale.ROOT,
                                                "vgg16_bn width 0.25, %d images, batch %d, %d"
                                                        + " rounds; whole epoch vs plain %+.1f%%",
                                                samples,
                                                batchSize,
                                                rounds,
                                                (m / plain - 1) * 100)));
            }
        }
        out.println(
                "epoch vs plain: whole epochs compared (includes the machine's drift between"
                        + " rounds); callback / plain step: time inside the callback's events"
                        + " over the plain epoch");
        out.println("target: SparsifyCallback overhead per training step <= +5%");
        return comparisons;
    }
}
