/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import static ai.fasterai.benchmarks.BenchSupport.IMAGE;
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
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.misc.BNFolder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What speeds up CPU inference of a DJL model on the PyTorch engine, each knob alone and together,
 * in one run: PyTorch's grad mode (on by default on every thread but the one that started the
 * engine; turned off as {@code torch.no_grad()} would), BatchNorm folding, and the intra-op thread
 * count. vgg16_bn, random weights, 1x32x32 inputs, batch 1 and batch 32, timed on a worker thread
 * as a server would run it; the variants alternate in each round and each figure is a median.
 *
 * <p>Options: {@code --rounds N} (default 5), {@code --runs N} (forwards per measure at batch 1,
 * default 100; a quarter of them at batch 32), {@code --width-percent N} (default 100). The whole
 * run takes about 8 minutes on 2 cores.
 */
public final class CpuInferenceBenchmark {

    private static final String[] NAMES = {
        "DJL eager (worker thread, grad mode on)",
        "no grad",
        "no grad + BatchNorm folded",
        "no grad + BatchNorm folded, 1 intra-op thread"
    };

    private CpuInferenceBenchmark() {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     * @throws Exception if the worker thread fails
     */
    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns one comparison per knob
     * combination and batch size against DJL eager.
     *
     * @param args the options above
     * @param out where the table goes
     * @return the comparisons
     * @throws Exception if the worker thread fails
     */
    static List<Comparison> run(String[] args, PrintStream out) throws Exception {
        int rounds = intOption(args, "--rounds", 5);
        int runs = intOption(args, "--runs", 100);
        double width = intOption(args, "--width-percent", 100) / 100.0;
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Block vgg = BenchSupport.vgg16(width, 512);
            vgg.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(IMAGE));
            Block folded = BNFolder.fold(vgg, manager).getBlock();
            int threads = JniUtils.getNumThreads();
            out.printf(
                    Locale.ROOT,
                    "CPU inference knobs, vgg16_bn width %s, %d cores, default intra-op threads"
                            + " %d, %d rounds of %d forwards at batch 1 (a quarter at batch 32),"
                            + " worker thread%n",
                    width,
                    Runtime.getRuntime().availableProcessors(),
                    threads,
                    rounds,
                    runs);
            out.println("| variant | batch | median (ms) | rounds (ms) | speed-up |");
            out.println("|---|---|---|---|---|");
            List<Comparison> comparisons = new ArrayList<>();
            for (int batch : new int[] {1, 32}) {
                NDArray x = manager.randomUniform(0, 1, new Shape(batch).addAll(IMAGE));
                int forwards = batch == 1 ? runs : Math.max(10, runs / 4);
                double[][] ms = new double[NAMES.length][rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < NAMES.length; k++) {
                        int v = (k + r) % NAMES.length;
                        Block block = v >= 2 ? folded : vgg;
                        boolean noGrad = v >= 1;
                        int intraOp = v == 3 ? 1 : threads;
                        ms[v][r] =
                                worker.submit(
                                                () ->
                                                        time(
                                                                block, x, noGrad, intraOp, threads,
                                                                forwards))
                                        .get();
                    }
                }
                for (int v = 0; v < NAMES.length; v++) {
                    out.printf(
                            Locale.ROOT,
                            "| %s | %d | %.3f | %s | %.2fx |%n",
                            NAMES[v],
                            batch,
                            median(ms[v]),
                            fmt(ms[v]),
                            median(ms[0]) / median(ms[v]));
                    if (v > 0) {
                        comparisons.add(
                                Comparison.speedUp(
                                                NAMES[v] + ", batch " + batch,
                                                "vs " + NAMES[0] + ", latency",
                                                median(ms[0]),
                                                median(ms[v]),
                                                "ms")
                                        .withNote(
                                                String.format(
                                                        Locale.ROOT,
                                                        "width %s, %d rounds of %d forwards,"
                                                                + " default intra-op threads %d",
                                                        width,
                                                        rounds,
                                                        forwards,
                                                        threads)));
                    }
                }
            }
            return comparisons;
        } catch (ExecutionException e) {
            throw e;
        } finally {
            worker.shutdownNow();
        }
    }

    /** Median milliseconds of one forward, after a warm-up of a fifth of the runs. */
    private static double time(
            Block block, NDArray x, boolean noGrad, int intraOp, int threads, int runs) {
        JniUtils.setNumThreads(intraOp);
        double[] ms = new double[runs];
        try (NoGrad scope = noGrad ? NoGrad.enter() : null;
                NDManager sub = x.getManager().newSubManager()) {
            ParameterStore store = new ParameterStore(sub, false);
            for (int i = -runs / 5; i < runs; i++) {
                try (NDManager step = sub.newSubManager()) {
                    NDArray input = x.duplicate();
                    input.attach(step);
                    long start = System.nanoTime();
                    NDList out = block.forward(store, new NDList(input), false);
                    out.head().toFloatArray();
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        } finally {
            JniUtils.setNumThreads(threads);
        }
        Arrays.sort(ms);
        return median(ms);
    }
}
