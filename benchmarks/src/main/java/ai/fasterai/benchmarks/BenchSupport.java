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

import java.util.Arrays;
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
}
