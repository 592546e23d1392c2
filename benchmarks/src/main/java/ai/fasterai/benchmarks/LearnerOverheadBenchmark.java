/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import static ai.fasterai.benchmarks.BenchSupport.fmt;
import static ai.fasterai.benchmarks.BenchSupport.intOption;
import static ai.fasterai.benchmarks.BenchSupport.median;
import static ai.fasterai.benchmarks.BenchSupport.time;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.optim.OptimizerConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Epoch time of {@link Learner#fit} against DJL's {@link EasyTrain#fit}: same model, weights, data
 * order, optimizer and validation data, alternating in one run. Prints both medians and the
 * Learner's overhead (target: at most 3%).
 *
 * <p>Options: {@code --rounds N} (default 9), {@code --samples N} (default 4096), {@code
 * --batch-size N} (default 64).
 */
public final class LearnerOverheadBenchmark {

    private LearnerOverheadBenchmark() {}

    /**
     * Runs the benchmark and prints its table.
     *
     * @param args the options above
     * @throws Exception if the model cannot be copied
     */
    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /**
     * Runs the benchmark, prints its table to {@code out} and returns the comparison.
     *
     * @param args the options above
     * @param out where the table goes
     * @return Learner against EasyTrain, epoch time
     * @throws Exception if the model cannot be copied
     */
    static List<Comparison> run(String[] args, PrintStream out) throws Exception {
        int rounds = intOption(args, "--rounds", 9);
        int samples = intOption(args, "--samples", 4096);
        int batchSize = intOption(args, "--batch-size", 64);
        float lr = 1e-3f;
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager();
                Model ours = Model.newInstance("learner");
                Model theirs = Model.newInstance("easytrain")) {
            ArrayDataset trainBatched = data(manager, samples, batchSize, 1);
            ArrayDataset validBatched = data(manager, samples / 4, batchSize, 2);
            ours.setBlock(cnn());
            ours.getBlock()
                    .initialize(ours.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
            theirs.setBlock(cnn());
            theirs.getBlock()
                    .initialize(theirs.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
            copyWeights(ours, theirs);

            DataLoaders loaders =
                    DataLoaders.builder()
                            .setTrain(trainBatched)
                            .setValid(validBatched)
                            .optBatchSize(batchSize)
                            .optShuffle(false)
                            .build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(lr))
                                            .build())
                            .optDevices(new Device[] {Device.cpu()});
            double[] learnerSeconds = new double[rounds];
            double[] easySeconds = new double[rounds];
            try (Learner learn =
                            Learner.builder()
                                    .setData(loaders)
                                    .setModel(ours)
                                    .setLoss(Loss.softmaxCrossEntropyLoss())
                                    .optOptimizer(OptimizerConfig.adam().build())
                                    .optShowProgress(false)
                                    .optDevice(Device.cpu())
                                    .build();
                    Trainer trainer = theirs.newTrainer(config)) {
                for (int w = 0; w < 2; w++) { // warm-up (JIT, allocator), not timed
                    learn.fit(1, lr);
                    EasyTrain.fit(trainer, 1, trainBatched, validBatched);
                }
                for (int r = 0; r < rounds; r++) {
                    // Alternate which goes first so drift on the machine hits both alike.
                    if (r % 2 == 0) {
                        learnerSeconds[r] = time(() -> learn.fit(1, lr));
                        easySeconds[r] = time(() -> easyFit(trainer, trainBatched, validBatched));
                    } else {
                        easySeconds[r] = time(() -> easyFit(trainer, trainBatched, validBatched));
                        learnerSeconds[r] = time(() -> learn.fit(1, lr));
                    }
                }
            }
            double learner = median(learnerSeconds);
            double easy = median(easySeconds);
            out.printf(
                    Locale.ROOT,
                    "Learner.fit vs EasyTrain.fit, one epoch each, %d rounds%n",
                    rounds);
            out.printf(
                    Locale.ROOT,
                    "machine: %d cores, ai.djl.pytorch.num_threads=%s, device cpu, "
                            + "CNN on %d synthetic 1x28x28 images, batch %d, Adam lr %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    samples,
                    batchSize,
                    lr);
            out.println("| loop | median epoch (s) | all rounds (s) |");
            out.println("|---|---|---|");
            out.printf(Locale.ROOT, "| EasyTrain.fit | %.3f | %s |%n", easy, fmt(easySeconds));
            out.printf(Locale.ROOT, "| Learner.fit | %.3f | %s |%n", learner, fmt(learnerSeconds));
            out.printf(
                    Locale.ROOT,
                    "Learner/EasyTrain epoch-time ratio: %.4f (overhead %+.2f%%, target <= +3%%)%n",
                    learner / easy,
                    (learner / easy - 1) * 100);
            return List.of(
                    Comparison.of(
                                    "epoch time",
                                    "Learner.fit vs DJL EasyTrain.fit",
                                    easy,
                                    learner,
                                    "s",
                                    learner / easy,
                                    Comparison.COST_RATIO)
                            .withTarget(Comparison.Target.ratioAtMost(1.03))
                            .withNote(
                                    String.format(
                                            Locale.ROOT,
                                            "CNN, %d synthetic 1x28x28 images, batch %d, %d"
                                                    + " rounds; overhead %+.2f%%",
                                            samples,
                                            batchSize,
                                            rounds,
                                            (learner / easy - 1) * 100)));
        }
    }

    private static void easyFit(Trainer trainer, ArrayDataset train, ArrayDataset valid) {
        try {
            EasyTrain.fit(trainer, 1, train, valid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SequentialBlock cnn() {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(16)
                                .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(32)
                                .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static ArrayDataset data(NDManager manager, int n, int batchSize, long seed) {
        ArrayDataset generated =
                SyntheticData.builder()
                        .setNumSamples(n)
                        .setNumClasses(10)
                        .setShape(new Shape(1, 28, 28))
                        .optSeed(seed)
                        .optNoise(1f)
                        .build()
                        .generate(manager);
        // EasyTrain iterates with the dataset's own sampler: give it the batch size.
        ai.djl.ndarray.NDList all = generated.getByIndices(manager, range(n)).getData();
        ai.djl.ndarray.NDList labels = generated.getByIndices(manager, range(n)).getLabels();
        return new ArrayDataset.Builder()
                .setData(all.head())
                .optLabels(labels.head())
                .setSampling(batchSize, false)
                .build();
    }

    private static long[] range(int n) {
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    private static void copyWeights(Model from, Model to) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        from.getBlock().saveParameters(new DataOutputStream(bytes));
        to.getBlock()
                .loadParameters(
                        to.getNDManager(),
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        // Loaded arrays carry no gradient; EasyTrain (unlike the Learner) does not restore it.
        to.getBlock().getParameters().values().stream()
                .filter(p -> p.requiresGradient())
                .forEach(p -> p.getArray().setRequiresGradient(true));
    }
}
