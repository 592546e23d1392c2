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
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.core.optim.OptimizerConfig;
import ai.fasterai.distill.Attention;
import ai.fasterai.distill.FeatureLayers;
import ai.fasterai.distill.KnowledgeDistillationCallback;
import ai.fasterai.distill.SoftTarget;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time per training step with a {@link KnowledgeDistillationCallback} against a plain step of the
 * same student, and the teacher's forward time on the same batches, in one run. The student is the
 * walkthrough's small vgg16_bn (width 0.125), the teacher a vgg16_bn four times wider (width 0.5);
 * 1x32x32 synthetic images. Variants alternate within each round. The distillation overhead per
 * step should be at most the teacher's forward time plus 10%: the callback adds one teacher pass in
 * inference mode without gradient recording, and little else.
 *
 * <p>Options: {@code --rounds N} (default 9), {@code --samples N} (default 2048), {@code
 * --batch-size N} (default 64).
 */
public final class DistillOverheadBenchmark {

    private DistillOverheadBenchmark() {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns the distillation overhead per
     * step of each distilling variant against the teacher's forward time.
     *
     * @param args the options above
     * @param out where the table goes
     * @return the comparisons
     */
    static List<Comparison> run(String[] args, PrintStream out) {
        int rounds = intOption(args, "--rounds", 9);
        int samples = intOption(args, "--samples", 2048);
        int batchSize = intOption(args, "--batch-size", 64);
        Shape input = new Shape(1).addAll(IMAGE);
        try (NDManager manager = NDManager.newBaseManager();
                Model teacherModel = Model.newInstance("teacher");
                Model student = Model.newInstance("student")) {
            DataLoaders data =
                    DataLoaders.builder()
                            .setTrain(images(manager, samples, 1))
                            .setValid(images(manager, batchSize, 2))
                            .optBatchSize(batchSize)
                            .optShuffle(false)
                            .build();
            Engine.getInstance().setRandomSeed(1);
            Block teacher = BenchSupport.vgg16(0.5, 256);
            teacher.initialize(teacherModel.getNDManager(), DataType.FLOAT32, input);
            student.setBlock(BenchSupport.vgg16(0.125, 64));
            student.getBlock().initialize(student.getNDManager(), DataType.FLOAT32, input);
            FeatureLayers pairs =
                    FeatureLayers.matchFeatureLayers(student.getBlock(), teacher, input);
            String[] names = {
                "plain student step",
                "SoftTarget(4)",
                "SoftTarget(4) + Attention on " + pairs.getStudentLayers().size() + " pairs",
                "teacher forward alone (no grad, inference)"
            };
            double[][] seconds = new double[names.length][rounds];
            double[][] inCallback = new double[names.length][rounds];
            try (Learner learn =
                    Learner.builder()
                            .setData(data)
                            .setModel(student)
                            .setLoss(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(OptimizerConfig.adam().build())
                            .optShowProgress(false)
                            .optDevice(Device.cpu())
                            .build()) {
                for (int r = -1; r < rounds; r++) { // round -1 warms up (JIT, allocator)
                    for (int k = 0; k < names.length; k++) {
                        int v = (k + Math.max(r, 0)) % names.length;
                        double[] s = run(v, learn, teacher, pairs, data, manager);
                        if (r >= 0) {
                            seconds[v][r] = s[0];
                            inCallback[v][r] = s[1];
                        }
                    }
                }
            }
            return report(names, seconds, inCallback, samples, batchSize, rounds, out);
        }
    }

    /** Runs one variant over one epoch of batches: {wall seconds, seconds inside the callback}. */
    private static double[] run(
            int variant,
            Learner learn,
            Block teacher,
            FeatureLayers pairs,
            DataLoaders data,
            NDManager manager) {
        double lr = 1e-4; // small: the student changes little across rounds
        switch (variant) {
            case 0:
                return new double[] {time(() -> learn.fit(1, lr)), 0};
            case 1:
            case 2:
                KnowledgeDistillationCallback.Builder builder =
                        KnowledgeDistillationCallback.builder()
                                .setTeacher(teacher)
                                .setLoss(new SoftTarget(4))
                                .optWeight(0.5);
                if (variant == 2) {
                    builder.setLoss(new SoftTarget(4).plus(new Attention())).optLayers(pairs);
                }
                TimedCallback timed = new TimedCallback(builder.build());
                Callback[] callbacks = {timed};
                double s = time(() -> learn.fit(1, lr, callbacks));
                return new double[] {s, timed.seconds()};
            default:
                return new double[] {time(() -> teacherPasses(teacher, data, manager)), 0};
        }
    }

    /** The teacher's forward over the training batches, as the callback runs it. */
    private static void teacherPasses(Block teacher, DataLoaders data, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            for (Batch batch : data.trainBatches(scope, 0)) {
                try (batch;
                        NoGrad ignored = NoGrad.enter()) {
                    NDList x = data.transform(batch.getData());
                    teacher.forward(store, x, false).head().stopGradient();
                }
            }
        }
    }

    private static List<Comparison> report(
            String[] names,
            double[][] seconds,
            double[][] inCallback,
            int samples,
            int batchSize,
            int rounds,
            PrintStream out) {
        int steps = (samples + batchSize - 1) / batchSize;
        out.printf(
                Locale.ROOT,
                "KnowledgeDistillationCallback overhead: one epoch of %d steps per fit, %d"
                        + " rounds%n",
                steps,
                rounds);
        out.printf(
                Locale.ROOT,
                "machine: %d cores, ai.djl.pytorch.num_threads=%s, device cpu; student vgg16_bn"
                        + " width 0.125, teacher vgg16_bn width 0.5; %d synthetic 1x32x32 images,"
                        + " batch %d, Adam%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                samples,
                batchSize);
        out.println(
                "| variant | median epoch (s) | per step (ms) | step vs plain (ms) | in callback"
                        + " per step (ms) | rounds (s) |");
        out.println("|---|---|---|---|---|---|");
        double plain = median(seconds[0]) / steps;
        for (int v = 0; v < names.length; v++) {
            double perStep = median(seconds[v]) / steps;
            out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.1f | %s | %s | %s |%n",
                    names[v],
                    median(seconds[v]),
                    1000 * perStep,
                    v == 0 || v == names.length - 1
                            ? "-"
                            : String.format(Locale.ROOT, "%+.1f", 1000 * (perStep - plain)),
                    v == 0 || v == names.length - 1
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%.1f", 1000 * median(inCallback[v]) / steps),
                    fmt(seconds[v]));
        }
        double teacher = median(seconds[names.length - 1]) / steps;
        double overhead = median(seconds[1]) / steps - plain;
        out.printf(
                Locale.ROOT,
                "SoftTarget overhead per step %.1f ms vs teacher forward %.1f ms: %.2fx the"
                        + " teacher (target <= 1.10x)%n",
                1000 * overhead,
                1000 * teacher,
                overhead / teacher);
        List<Comparison> comparisons = new ArrayList<>();
        for (int v = 1; v < names.length - 1; v++) {
            double extra = median(seconds[v]) / steps - plain;
            Comparison c =
                    Comparison.of(
                                    "KnowledgeDistillationCallback, " + names[v],
                                    "extra time per step vs the teacher's forward",
                                    1000 * teacher,
                                    1000 * extra,
                                    "ms/step",
                                    extra / teacher,
                                    Comparison.COST_RATIO)
                            .withNote(
                                    String.format(
                                            Locale.ROOT,
                                            "student width 0.125, teacher width 0.5, %d images,"
                                                    + " batch %d, %d rounds; plain step %.1f ms",
                                            samples,
                                            batchSize,
                                            rounds,
                                            1000 * plain));
            // The target is for the output loss alone: feature losses add hooks and their backward.
            comparisons.add(v == 1 ? c.withTarget(Comparison.Target.ratioAtMost(1.10)) : c);
        }
        return comparisons;
    }
}
