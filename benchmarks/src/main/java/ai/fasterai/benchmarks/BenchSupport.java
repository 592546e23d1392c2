/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.model.Vgg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Timing, statistics, option parsing and the models and data shared by the benchmarks. */
final class BenchSupport {

    /** The walkthrough's image size: Fashion-MNIST padded to 32x32. */
    static final Shape IMAGE = new Shape(1, 32, 32);

    private BenchSupport() {}

    /** The walkthrough's vgg16_bn for 1x32x32 images and 10 classes, not initialized. */
    static Block vgg16(double width, int classifierWidth) {
        return Vgg.builder()
                .setDepth(16)
                .optInChannels(1)
                .optNumClasses(10)
                .optWidthMultiplier(width)
                .optClassifierWidth(classifierWidth)
                .optPooledSize(1)
                .optDropout(0.1f)
                .build();
    }

    /** {@code n} synthetic 1x32x32 images of 10 classes, noise 1. */
    static ArrayDataset images(NDManager manager, int n, long seed) {
        return SyntheticData.builder()
                .setNumSamples(n)
                .setNumClasses(10)
                .setShape(IMAGE)
                .optSeed(seed)
                .optNoise(1f)
                .build()
                .generate(manager);
    }

    /** Runs once and returns the wall time in seconds. */
    static double time(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The median of the values (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The values with three decimals, separated by spaces. */
    static String fmt(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.toString();
    }

    /** The integer after {@code name} in {@code args}, or {@code fallback}. */
    static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** Whether {@code name} is one of {@code args} (a flag without a value). */
    static boolean flag(String[] args, String name) {
        return Arrays.asList(args).contains(name);
    }

    /** The value after {@code name} in {@code args}, or {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /**
     * The intra-op thread count PyTorch runs with when {@code -Dai.djl.pytorch.num_threads} is set,
     * else the available processors: ONNX Runtime gets the same count so that the runtimes compete
     * on equal terms.
     */
    static int engineThreads() {
        return Integer.getInteger(
                "ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
    }

    /** {@code --threads N} from {@code args}, else {@link #engineThreads()}. */
    static int threads(String[] args) {
        return intOption(args, "--threads", engineThreads());
    }

    /** A figure with four significant digits, plain (no exponent) in the usual ranges. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs >= 1e7 || abs < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        if (abs >= 1e4) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        // %g keeps trailing zeros (2.000); drop them so that tables stay narrow.
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** The CPU's model name from /proc/cpuinfo, or the architecture when it cannot be read. */
    static String cpuModel() {
        return cpuInfo().stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse(System.getProperty("os.arch"));
    }

    /**
     * Whether the CPU has VNNI (int8 dot products in one instruction): int8 speed-ups depend on it
     * (the int8 targets were set on a VNNI machine).
     */
    static boolean vnni() {
        return cpuInfo().stream()
                .filter(l -> l.startsWith("flags"))
                .anyMatch(l -> l.contains("vnni"));
    }

    private static List<String> cpuInfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable: the CPU model is only informative.
            return List.of();
        }
    }

    /**
     * The 1-minute load average: with 2 cores, another busy process makes PyTorch's OpenMP threads
     * wait for each other at every operator, and DJL's times grow tenfold; this shows it.
     */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
