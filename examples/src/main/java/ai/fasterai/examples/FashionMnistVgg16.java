/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.callback.TerminateOnNaNCallback;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.stats.StageStats;
import ai.fasterai.core.stats.StageTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains a small VGG16-BN (width 0.25, classifier 512, 32x32 input) on Fashion-MNIST with the
 * one-cycle policy, prints fastai's epoch table, then the model's figures (size on disk,
 * parameters, MACs, CPU latency at batch 1, test accuracy) as the first row of a compression table,
 * and saves the model with its structure.
 *
 * <p>Options: {@code --epochs N} (default 2), {@code --limit N} (first N training images, default
 * all 60,000), {@code --batch-size N} (default 64), {@code --lr X} (default 1e-2), {@code --width
 * X} (default 0.25), {@code --dropout X} (classifier dropout, default 0.1: two epochs underfit and
 * torchvision's 0.5 slows them further), {@code --data DIR} (the four *-ubyte.gz files; default:
 * Debian's dataset-fashion-mnist), {@code --out DIR} (default target/fasterai-examples).
 */
public final class FashionMnistVgg16 {

    private static final Shape ONE_IMAGE = ExampleData.ONE_IMAGE;

    private FashionMnistVgg16() {}

    /**
     * Runs the example from the command line.
     *
     * @param args the options above
     * @throws IOException if the data cannot be read or the model not saved
     */
    public static void main(String[] args) throws IOException {
        run(Options.parse(args));
    }

    /**
     * Trains, measures and saves the model.
     *
     * @param options the settings
     * @return the test accuracy
     * @throws IOException if the data cannot be read or the model not saved
     */
    public static double run(Options options) throws IOException {
        Engine.getInstance().setRandomSeed(ExampleData.SEED);
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("vgg16_bn")) {
            DataLoaders data =
                    ExampleData.fashionMnist(
                            options.data, options.limit, 0, options.batchSize, manager);
            RandomAccessDataset train = data.getTrain();
            RandomAccessDataset test = data.getValid();
            model.setBlock(
                    Vgg.builder()
                            .setDepth(16)
                            .optInChannels(1)
                            .optNumClasses(10)
                            .optWidthMultiplier(options.width)
                            .optClassifierWidth(512)
                            .optPooledSize(1)
                            .optDropout(options.dropout)
                            .build());
            try (Learner learn =
                    Learner.builder()
                            .setData(data)
                            .setModel(model)
                            .setLoss(Loss.softmaxCrossEntropyLoss())
                            .optMetrics(Metrics.accuracy())
                            .addCallback(new TerminateOnNaNCallback())
                            .build()) {
                System.out.printf(
                        Locale.ROOT,
                        "Fashion-MNIST: %d training images, %d test images (padded to 32x32);"
                                + " vgg16_bn width %s, fitOneCycle(%d, %s) on %s%n",
                        train.size(),
                        test.size(),
                        options.width,
                        options.epochs,
                        options.lr,
                        learn.getDevice());
                learn.fitOneCycle(options.epochs, options.lr);
                // One row of figures: size on disk, parameters, MACs, latency, test accuracy.
                StageStats row = StageStats.measure("baseline", learn, ONE_IMAGE);
                System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", row.accuracy());

                Files.createDirectories(options.out);
                Path file = options.out.resolve("vgg16_bn-fashion-mnist.fai");
                ModelFile.save(model.getBlock(), file);
                StageTable table = new StageTable();
                table.add(row);
                System.out.println();
                System.out.println(table.toMarkdown());
                System.out.println("saved " + file);
                return row.accuracy();
            }
        }
    }

    /** The example's settings. */
    public static final class Options {
        int epochs = 2;
        int limit;
        int batchSize = 64;
        double lr = 1e-2;
        double width = 0.25;
        float dropout = 0.1f;
        Path data;
        Path out = Path.of("target", "fasterai-examples");

        /**
         * Parses command-line options.
         *
         * @param args pairs of {@code --name value}
         * @return the options
         * @throws IllegalArgumentException naming an unknown option or one without a value
         */
        public static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.isBlank()) {
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--epochs" -> o.epochs = Integer.parseInt(value);
                    case "--limit" -> o.limit = Integer.parseInt(value);
                    case "--batch-size" -> o.batchSize = Integer.parseInt(value);
                    case "--lr" -> o.lr = Double.parseDouble(value);
                    case "--width" -> o.width = Double.parseDouble(value);
                    case "--dropout" -> o.dropout = Float.parseFloat(value);
                    case "--data" -> o.data = Path.of(value);
                    case "--out" -> o.out = Path.of(value);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option "
                                            + arg
                                            + "; allowed: --epochs, --limit, --batch-size, --lr,"
                                            + " --width, --dropout, --data, --out");
                }
            }
            return o;
        }
    }
}
