/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import static ai.fasterai.benchmarks.BenchSupport.IMAGE;
import static ai.fasterai.benchmarks.BenchSupport.fmt;
import static ai.fasterai.benchmarks.BenchSupport.intOption;
import static ai.fasterai.benchmarks.BenchSupport.median;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.core.stats.Latency;
import ai.fasterai.examples.ExampleData;
import ai.fasterai.export.OnnxExporter;
import ai.fasterai.export.OnnxModel;
import ai.fasterai.misc.BNFolder;
import ai.fasterai.quantize.QuantMethod;
import ai.fasterai.quantize.QuantizeResult;
import ai.fasterai.quantize.Quantizer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU latency of int8 inference: the same vgg16_bn, trained briefly on Fashion-MNIST, run as DJL
 * fp32 eager (the trained block, BatchNorm included: what a DJL user runs today), as ONNX Runtime
 * fp32 (BatchNorm folded with {@link BNFolder}, exported with {@link OnnxExporter}) and as ONNX
 * Runtime int8 (static post-training quantization with {@link Quantizer}, calibrated on 512
 * training images, exported as a QDQ graph that ONNX Runtime fuses into int8 kernels), at batch 1
 * and batch 32, in one run. The model is trained first because int8 on random weights says little
 * about accuracy (random BatchNorm nets amplify rounding noise).
 *
 * <p>Besides the medians and the ratios against their targets (int8 ONNX Runtime at least 8x faster
 * than DJL fp32 at batch 1 and 3.5x at batch 32, and 3x faster than ONNX Runtime fp32 at batch 32),
 * it prints the test accuracy of DJL fp32, ONNX Runtime fp32, the quantized block run in DJL
 * (simulated int8) and ONNX Runtime int8, the top-1 agreement between the two int8 runs, and the
 * sizes of the two ONNX files.
 *
 * <p>All runtimes use the same intra-op thread count: set PyTorch's with {@code
 * -Dai.djl.pytorch.num_threads=N}; ONNX Runtime gets that value (or {@code --threads N}, default
 * the available processors). The runtimes rotate their order in each round; each measure is a
 * median of {@code Latency} runs after warm-up, and the table shows the median over rounds.
 *
 * <p>Options: {@code --train N} training images (default 2000), {@code --test N} test images
 * (default 1000), {@code --epochs N} (default 1), {@code --width-percent N} (default 100: the full
 * vgg16_bn widths), {@code --rounds N} (default 5), {@code --runs N} (default 100), {@code --warmup
 * N} (default 30), {@code --threads N}.
 */
public final class Int8LatencyBenchmark {

    private static final int[] BATCHES = {1, 32};
    private static final String[] RUNTIMES = {"DJL fp32 eager", "ORT fp32", "ORT int8"};
    // One epoch of 2000 images is only 32 steps: at 1e-2 the full-width net diverges (about 19%
    // test accuracy, int8 then at chance), at 1e-3 it reaches about 71%.
    private static final double LR_MAX = 1e-3;
    private static final int SEED = 42;
    private static final int CALIBRATION_SAMPLES = 512;

    /** int8 ORT / DJL fp32 at batch 1 and 32, then int8 ORT / ORT fp32 at batch 32. */
    private static final double[] TARGETS = {8, 3.5, 3};

    private Int8LatencyBenchmark() {}

    /**
     * Runs the benchmark and prints its tables.
     *
     * @param args the options above
     * @throws IOException if Fashion-MNIST cannot be read or an ONNX file cannot be written
     */
    public static void main(String[] args) throws IOException {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its tables to {@code out} and returns the int8 speed-ups (with
     * their targets), the ONNX file size ratio and the accuracy changes.
     *
     * @param args the options above
     * @param out where the tables go
     * @return the comparisons
     * @throws IOException if Fashion-MNIST cannot be read or an ONNX file cannot be written
     */
    static List<Comparison> run(String[] args, PrintStream out) throws IOException {
        Settings s = new Settings(args);
        Path fp32File = Files.createTempFile("vgg16_bn-fp32", ".onnx");
        Path int8File = Files.createTempFile("vgg16_bn-int8", ".onnx");
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("vgg16_bn")) {
            Engine.getInstance().setRandomSeed(SEED);
            // The walkthrough's Fashion-MNIST: padded to 32x32, normalized, batches of 64, seeded.
            DataLoaders data = ExampleData.fashionMnist(null, s.train, s.test, 64, manager);
            Shape one = new Shape(1).addAll(IMAGE);
            Block vgg = BenchSupport.vgg16(s.width, 512);
            vgg.initialize(model.getNDManager(), DataType.FLOAT32, one);
            model.setBlock(vgg);
            long start = System.nanoTime();
            try (Learner learn =
                    Learner.builder()
                            .setData(data)
                            .setModel(model)
                            .setLoss(Loss.softmaxCrossEntropyLoss())
                            .optMetrics(Metrics.accuracy())
                            .optShowProgress(false)
                            .build()) {
                learn.fitOneCycle(s.epochs, LR_MAX);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;

            Block folded = BNFolder.fold(vgg, manager).getBlock();
            OnnxExporter.builder().build().export(folded, one, fp32File);
            start = System.nanoTime();
            QuantizeResult quantized =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(data)
                            .optMaxCalibrationSamples(CALIBRATION_SAMPLES)
                            .build()
                            .quantize(vgg, manager);
            double quantizeSeconds = (System.nanoTime() - start) / 1e9;
            Block int8 = quantized.getBlock();
            // The QDQ writers come from fasterai-quantize's OnnxWriterProvider (ServiceLoader).
            OnnxExporter.builder().build().export(int8, one, int8File);

            OnnxModel.Options options =
                    OnnxModel.Options.builder().optIntraOpThreads(s.threads).build();
            try (OnnxModel ortFp32 = OnnxModel.load(fp32File, options);
                    OnnxModel ortInt8 = OnnxModel.load(int8File, options)) {
                Accuracy acc = accuracy(data, manager, vgg, ortFp32, int8, ortInt8);
                String loadBefore = BenchSupport.loadAverage();
                double[][][] ms = time(s, vgg, ortFp32, ortInt8);
                String load =
                        loadBefore + " before timing, " + BenchSupport.loadAverage() + " after";
                Report report =
                        new Report(
                                s,
                                trainSeconds,
                                quantizeSeconds,
                                quantized.getReport().toString().lines().findFirst().orElse("")
                                        + ", weights "
                                        + quantized.getReport().getLayers().get(0).weightScheme(),
                                acc,
                                Files.size(fp32File),
                                Files.size(int8File),
                                load,
                                ms);
                report.print(out);
                return report.comparisons();
            }
        } finally {
            Files.deleteIfExists(fp32File);
            Files.deleteIfExists(int8File);
        }
    }

    /**
     * Runs the four predictors on the same transformed test batches and counts correct top-1
     * classes, and the images on which the two int8 runs agree.
     */
    private static Accuracy accuracy(
            DataLoaders data,
            NDManager manager,
            Block fp32,
            OnnxModel ortFp32,
            Block int8,
            OnnxModel ortInt8) {
        long[] correct = new long[4];
        long agree = 0;
        long total = 0;
        try (NDManager scope = manager.newSubManager();
                NoGrad ignored = NoGrad.enter()) {
            for (Batch batch : data.inOrder(data.getValid(), scope)) {
                // One scope per batch: the forward passes' intermediates of a full-width VGG
                // at batch 64 are hundreds of MB, so they must not pile up over the batches.
                try (batch;
                        NDManager local = scope.newSubManager()) {
                    NDArray x = data.transform(batch.getData()).head().duplicate();
                    x.attach(local);
                    NDArray labels = batch.getLabels().head().toType(DataType.INT64, false);
                    labels.attach(local);
                    ParameterStore store = new ParameterStore(local, false);
                    NDArray[] classes = {
                        top1(fp32.forward(store, new NDList(x), false).head()),
                        top1(ortFp32.predict(x)),
                        top1(int8.forward(store, new NDList(x), false).head()),
                        top1(ortInt8.predict(x))
                    };
                    for (int i = 0; i < classes.length; i++) {
                        correct[i] += classes[i].eq(labels).sum().getLong();
                    }
                    agree += classes[2].eq(classes[3]).sum().getLong();
                    total += x.getShape().get(0);
                }
            }
        }
        double[] accuracy = new double[correct.length];
        for (int i = 0; i < correct.length; i++) {
            accuracy[i] = (double) correct[i] / total;
        }
        return new Accuracy(accuracy, (double) agree / total, total);
    }

    private static NDArray top1(NDArray logits) {
        return logits.argMax(1).toType(DataType.INT64, false);
    }

    /** Returns ms[batch][runtime][round]: runtime 0 = DJL fp32, 1 = ORT fp32, 2 = ORT int8. */
    private static double[][][] time(Settings s, Block fp32, OnnxModel ortFp32, OnnxModel ortInt8) {
        double[][][] ms = new double[BATCHES.length][RUNTIMES.length][s.rounds];
        for (int b = 0; b < BATCHES.length; b++) {
            Shape input = new Shape(BATCHES[b]).addAll(IMAGE);
            Latency latency =
                    Latency.builder()
                            .setInputShape(input)
                            .optWarmup(s.warmup)
                            .optRuns(s.runs)
                            .build();
            for (int r = 0; r < s.rounds; r++) {
                for (int k = 0; k < RUNTIMES.length; k++) {
                    // Rotating who goes first spreads drifts (heat, other jobs) over all three.
                    int v = (k + r) % RUNTIMES.length;
                    ms[b][v][r] =
                            switch (v) {
                                case 0 -> latency.measure(fp32).medianMs();
                                case 1 -> ortFp32.latency(input, s.warmup, s.runs).medianMs();
                                default -> ortInt8.latency(input, s.warmup, s.runs).medianMs();
                            };
                }
            }
        }
        return ms;
    }

    /** The options. */
    private static final class Settings {
        final int train;
        final int test;
        final int epochs;
        final double width;
        final int rounds;
        final int runs;
        final int warmup;
        final int threads;

        Settings(String[] args) {
            train = intOption(args, "--train", 2000);
            test = intOption(args, "--test", 1000);
            epochs = intOption(args, "--epochs", 1);
            width = intOption(args, "--width-percent", 100) / 100.0;
            rounds = intOption(args, "--rounds", 5);
            runs = intOption(args, "--runs", 100);
            warmup = intOption(args, "--warmup", 30);
            threads = BenchSupport.threads(args);
        }
    }

    /**
     * Test accuracies (DJL fp32, ORT fp32, DJL simulated int8, ORT int8), the int8 top-1 agreement
     * and the number of test images.
     */
    private record Accuracy(double[] accuracy, double agreement, long images) {}

    /** Everything measured, and how to print it. */
    private record Report(
            Settings s,
            double trainSeconds,
            double quantizeSeconds,
            String quantization,
            Accuracy acc,
            long fp32Bytes,
            long int8Bytes,
            String load,
            double[][][] ms) {

        void print(PrintStream out) {
            out.printf(
                    Locale.ROOT,
                    "int8 latency: vgg16_bn width %s (classifier 512-512-10), 1x32x32 inputs,"
                            + " Fashion-MNIST %d training images, fitOneCycle(%d, %s) in %.0f s;"
                            + " %s (%.1f s, %d calibration images)%n",
                    s.width,
                    s.train,
                    s.epochs,
                    LR_MAX,
                    trainSeconds,
                    quantization,
                    quantizeSeconds,
                    Math.min(CALIBRATION_SAMPLES, s.train));
            out.printf(
                    Locale.ROOT,
                    "machine: %s, %d cores, load average %s; %d intra-op threads"
                            + " (ai.djl.pytorch.num_threads=%s); %d rounds of %d runs after %d"
                            + " warm-up, runtimes rotating%n%n",
                    BenchSupport.cpuModel() + (BenchSupport.vnni() ? ", VNNI" : ", no VNNI"),
                    Runtime.getRuntime().availableProcessors(),
                    load,
                    s.threads,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    s.rounds,
                    s.runs,
                    s.warmup);
            out.println(
                    "| batch | DJL fp32 eager (ms) | ORT fp32 (ms) | ORT int8 (ms) |"
                            + " int8 ORT vs DJL fp32 | int8 ORT vs ORT fp32 | rounds (ms):"
                            + " DJL / ORT fp32 / ORT int8 |");
            out.println("|---|---|---|---|---|---|---|");
            double[][] medians = medians();
            for (int b = 0; b < BATCHES.length; b++) {
                out.printf(
                        Locale.ROOT,
                        "| %d | %.3f | %.3f | %.3f | %.2fx | %.2fx | %s / %s / %s |%n",
                        BATCHES[b],
                        medians[b][0],
                        medians[b][1],
                        medians[b][2],
                        medians[b][0] / medians[b][2],
                        medians[b][1] / medians[b][2],
                        fmt(ms[b][0]),
                        fmt(ms[b][1]),
                        fmt(ms[b][2]));
            }
            double[] ratios = {
                medians[0][0] / medians[0][2],
                medians[1][0] / medians[1][2],
                medians[1][1] / medians[1][2]
            };
            String[] names = {
                "int8 ORT vs DJL fp32, batch 1",
                "int8 ORT vs DJL fp32, batch 32",
                "int8 ORT vs ORT fp32, batch 32"
            };
            out.println();
            out.println("| speed-up | measured | target | |");
            out.println("|---|---|---|---|");
            for (int i = 0; i < ratios.length; i++) {
                out.printf(
                        Locale.ROOT,
                        "| %s | %.2fx | >= %sx | %s |%n",
                        names[i],
                        ratios[i],
                        TARGETS[i],
                        ratios[i] >= TARGETS[i] ? "PASS" : "MISS");
            }
            out.println();
            out.printf(
                    Locale.ROOT,
                    "| test accuracy (%d images) | DJL fp32 | ORT fp32 | DJL simulated int8 |"
                            + " ORT int8 |%n",
                    acc.images());
            out.println("|---|---|---|---|---|");
            double[] a = acc.accuracy();
            out.printf(Locale.ROOT, "| | %.4f | %.4f | %.4f | %.4f |%n", a[0], a[1], a[2], a[3]);
            out.println();
            out.printf(
                    Locale.ROOT,
                    "top-1 agreement ORT int8 vs DJL simulated int8: %.4f; ONNX files: fp32"
                            + " %.2f MB, int8 %.2f MB (%.2fx smaller)%n",
                    acc.agreement(),
                    fp32Bytes / 1e6,
                    int8Bytes / 1e6,
                    (double) fp32Bytes / int8Bytes);
        }

        /** medians[batch][runtime]: the median over rounds. */
        double[][] medians() {
            double[][] medians = new double[BATCHES.length][RUNTIMES.length];
            for (int b = 0; b < BATCHES.length; b++) {
                for (int v = 0; v < RUNTIMES.length; v++) {
                    medians[b][v] = median(ms[b][v]);
                }
            }
            return medians;
        }

        /** The speed-ups against their targets, the file size ratio and the accuracy changes. */
        List<Comparison> comparisons() {
            double[][] medians = medians();
            String setting =
                    String.format(
                            Locale.ROOT,
                            "width %s, trained on %d images, %d threads, %d rounds of %d runs",
                            s.width,
                            s.train,
                            s.threads,
                            s.rounds,
                            s.runs);
            // The same three speed-ups as the printed target table, in its order.
            int[][] pairs = {{0, 0}, {1, 0}, {1, 1}};
            List<Comparison> comparisons = new ArrayList<>();
            for (int i = 0; i < pairs.length; i++) {
                int b = pairs[i][0];
                int base = pairs[i][1];
                comparisons.add(
                        Comparison.speedUp(
                                        "int8 ORT vs " + RUNTIMES[base] + ", batch " + BATCHES[b],
                                        "ONNX Runtime int8 vs " + RUNTIMES[base] + ", latency",
                                        medians[b][base],
                                        medians[b][2],
                                        "ms")
                                .withTarget(Comparison.Target.ratioAtLeast(TARGETS[i]))
                                .withNote(setting));
            }
            comparisons.add(
                    Comparison.of(
                                    "int8 ONNX file size",
                                    "int8 vs fp32 ONNX file",
                                    fp32Bytes / 1e6,
                                    int8Bytes / 1e6,
                                    "MB",
                                    (double) fp32Bytes / int8Bytes,
                                    "compression (baseline / candidate)")
                            .withNote(quantization));
            String[] names = {"ORT fp32", "DJL simulated int8", "ORT int8"};
            for (int i = 0; i < names.length; i++) {
                double[] a = acc.accuracy();
                comparisons.add(
                        Comparison.of(
                                        "test accuracy, " + names[i],
                                        names[i] + " vs DJL fp32",
                                        100 * a[0],
                                        100 * a[i + 1],
                                        "%",
                                        100 * (a[i + 1] - a[0]),
                                        "accuracy change (points)")
                                .withNote(
                                        String.format(
                                                Locale.ROOT,
                                                "%d test images; int8 top-1 agreement ORT vs DJL"
                                                        + " %.4f",
                                                acc.images(),
                                                acc.agreement())));
            }
            return comparisons;
        }
    }
}
