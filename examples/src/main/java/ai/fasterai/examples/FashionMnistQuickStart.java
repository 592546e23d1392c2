/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.callback.TerminateOnNaNCallback;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.FashionMnist;
import ai.fasterai.core.metric.Metrics;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains a small CNN on Fashion-MNIST with the one-cycle policy and prints fastai's epoch table,
 * then the accuracy on the 10,000 test images.
 *
 * <p>Options: {@code --epochs N} (default 2), {@code --limit N} (first N training images, default
 * all 60,000), {@code --batch-size N} (default 128), {@code --lr X} (default 3e-3), {@code --data
 * DIR} (the four *-ubyte.gz files; default: Debian's dataset-fashion-mnist).
 */
public final class FashionMnistQuickStart {

    private FashionMnistQuickStart() {}

    /**
     * Runs the example.
     *
     * @param args the options above
     * @throws Exception if the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Engine.getInstance().setRandomSeed(42);
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("fashion-cnn")) {
            ArrayDataset train =
                    load(FashionMnist.Split.TRAIN, options.limit, options.data, manager);
            ArrayDataset test = load(FashionMnist.Split.TEST, 0, options.data, manager);
            DataLoaders data =
                    DataLoaders.builder()
                            .setTrain(train)
                            .setValid(test)
                            .optBatchSize(options.batchSize)
                            .optSeed(42)
                            .build();
            model.setBlock(smallCnn());
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
                        "Fashion-MNIST: %d training images, %d test images; small CNN, "
                                + "fitOneCycle(%d, %s) on %s%n",
                        train.size(),
                        test.size(),
                        options.epochs,
                        options.lr,
                        learn.getDevice());
                learn.fitOneCycle(options.epochs, options.lr);
                double accuracy = learn.validate(test).get("accuracy");
                System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", accuracy);
            }
        }
    }

    /** Two conv-BN-ReLU-pool stages and a linear classifier: 28x28 -> 14x14 -> 7x7 -> 10. */
    static SequentialBlock smallCnn() {
        return new SequentialBlock()
                .add(conv(32))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(64))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    private static ArrayDataset load(
            FashionMnist.Split split, int limit, Path dir, NDManager manager)
            throws java.io.IOException {
        FashionMnist.Builder builder = FashionMnist.builder().optSplit(split);
        if (limit > 0) {
            builder.optLimit(limit);
        }
        if (dir != null) {
            builder.optDirectory(dir);
        }
        return builder.build().load(manager);
    }

    /** The command-line options. */
    private static final class Options {
        int epochs = 2;
        int limit;
        int batchSize = 128;
        double lr = 3e-3;
        Path data;

        static Options parse(String[] args) {
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
                    case "--data" -> o.data = Path.of(value);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option "
                                            + arg
                                            + "; allowed: --epochs, --limit, --batch-size, --lr,"
                                            + " --data");
                }
            }
            return o;
        }
    }
}
