/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import static ai.fasterai.benchmarks.BenchSupport.IMAGE;
import static ai.fasterai.benchmarks.BenchSupport.fmt;
import static ai.fasterai.benchmarks.BenchSupport.intOption;
import static ai.fasterai.benchmarks.BenchSupport.median;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.stats.Latency;
import ai.fasterai.export.OnnxExporter;
import ai.fasterai.export.OnnxModel;
import ai.fasterai.export.VerificationResult;
import ai.fasterai.misc.BNFolder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU latency of the same vgg16_bn (1x32x32 inputs, random weights) in DJL's PyTorch engine and in
 * ONNX Runtime, at batch 1 and batch 32, in one run. BatchNorm is folded ({@link BNFolder}) before
 * both, so that the two runtimes run the same Conv/Linear graph (ONNX Runtime would fuse the
 * BatchNorms itself, PyTorch's eager mode would not). The file is checked against the block with
 * {@link OnnxModel#verify} before timing. The runtimes alternate in each round; each measure is a
 * median of {@code Latency} runs after warm-up.
 *
 * <p>Both use the same intra-op thread count: set PyTorch's with {@code
 * -Dai.djl.pytorch.num_threads=N}; ONNX Runtime gets that value (or {@code --threads N}, default
 * the available processors).
 *
 * <p>Options: {@code --rounds N} (default 5), {@code --width-percent N} (default 100: the full
 * vgg16_bn widths), {@code --runs N} (default 100), {@code --warmup N} (default 30), {@code
 * --threads N}.
 */
public final class OnnxLatencyBenchmark {

    private static final int[] BATCHES = {1, 32};

    private OnnxLatencyBenchmark() {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     * @throws IOException if the temporary ONNX file cannot be written
     */
    public static void main(String[] args) throws IOException {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns one comparison per batch
     * size: ONNX Runtime's speed-up over DJL on the same folded graph.
     *
     * @param args the options above
     * @param out where the table goes
     * @return the comparisons
     * @throws IOException if the temporary ONNX file cannot be written
     */
    static List<Comparison> run(String[] args, PrintStream out) throws IOException {
        int rounds = intOption(args, "--rounds", 5);
        double width = intOption(args, "--width-percent", 100) / 100.0;
        int runs = intOption(args, "--runs", 100);
        int warmup = intOption(args, "--warmup", 30);
        int threads = BenchSupport.threads(args);
        Path file = Files.createTempFile("vgg16_bn-folded", ".onnx");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Shape one = new Shape(1).addAll(IMAGE);
            Block vgg = BenchSupport.vgg16(width, 512);
            vgg.initialize(manager, DataType.FLOAT32, one);
            Block folded = BNFolder.fold(vgg, manager).getBlock();
            OnnxExporter.builder().build().export(folded, one, file);
            OnnxModel.Options options =
                    OnnxModel.Options.builder().optIntraOpThreads(threads).build();
            try (OnnxModel onnx = OnnxModel.load(file, options)) {
                VerificationResult check =
                        onnx.verify(
                                folded,
                                new NDList(
                                        manager.randomNormal(one),
                                        manager.randomNormal(new Shape(4).addAll(IMAGE))));
                // ms[batch][runtime][round], runtime 0 = DJL, 1 = ONNX Runtime.
                double[][][] ms = new double[BATCHES.length][2][rounds];
                for (int b = 0; b < BATCHES.length; b++) {
                    Shape input = new Shape(BATCHES[b]).addAll(IMAGE);
                    Latency latency =
                            Latency.builder()
                                    .setInputShape(input)
                                    .optWarmup(warmup)
                                    .optRuns(runs)
                                    .build();
                    for (int r = 0; r < rounds; r++) {
                        for (int k = 0; k < 2; k++) {
                            // Alternating the order spreads drifts (heat, other jobs) over both.
                            int v = (k + r) % 2;
                            ms[b][v][r] =
                                    v == 0
                                            ? latency.measure(folded).medianMs()
                                            : onnx.latency(input, warmup, runs).medianMs();
                        }
                    }
                }
                return print(width, threads, rounds, runs, warmup, check, ms, out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<Comparison> print(
            double width,
            int threads,
            int rounds,
            int runs,
            int warmup,
            VerificationResult check,
            double[][][] ms,
            PrintStream out) {
        out.printf(
                Locale.ROOT,
                "DJL (PyTorch) vs ONNX Runtime, vgg16_bn width %s with BatchNorm folded, 1x32x32"
                        + " inputs, %d cores, %d intra-op threads"
                        + " (ai.djl.pytorch.num_threads=%s), %d rounds of %d runs after %d"
                        + " warm-up; ONNX vs DJL outputs: %s%n",
                width,
                Runtime.getRuntime().availableProcessors(),
                threads,
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                rounds,
                runs,
                warmup,
                check);
        out.println(
                "| batch | DJL median (ms) | ONNX Runtime median (ms) | DJL / ONNX Runtime |"
                        + " DJL rounds (ms) | ONNX Runtime rounds (ms) |");
        out.println("|---|---|---|---|---|---|");
        List<Comparison> comparisons = new ArrayList<>();
        for (int b = 0; b < BATCHES.length; b++) {
            double djl = median(ms[b][0]);
            double ort = median(ms[b][1]);
            out.printf(
                    Locale.ROOT,
                    "| %d | %.3f | %.3f | %.2fx | %s | %s |%n",
                    BATCHES[b],
                    djl,
                    ort,
                    djl / ort,
                    fmt(ms[b][0]),
                    fmt(ms[b][1]));
            comparisons.add(
                    Comparison.speedUp(
                                    "ONNX Runtime fp32, batch " + BATCHES[b],
                                    "ONNX Runtime vs DJL, same folded vgg16_bn, latency",
                                    djl,
                                    ort,
                                    "ms")
                            .withNote(
                                    String.format(
                                            Locale.ROOT,
                                            "width %s, %d threads, %d rounds of %d runs",
                                            width,
                                            threads,
                                            rounds,
                                            runs)));
        }
        return comparisons;
    }
}
