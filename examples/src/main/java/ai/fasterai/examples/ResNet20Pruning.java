/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.callback.TerminateOnNaNCallback;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.stats.StageStats;
import ai.fasterai.core.stats.StageTable;
import ai.fasterai.prune.PruneReport;
import ai.fasterai.prune.Pruner;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Structured pruning of a residual network: ResNet-20 (1 input channel, 10 classes) is trained on
 * Fashion-MNIST, then {@link Pruner} physically removes the lowest-scored ({@code large_final})
 * share of the channels of every coupled group (the filters of the convolutions summed by a
 * residual add go together, with their BatchNorms and the input columns of the layers that read
 * them), and the smaller network is fine-tuned. Prints the size, parameters, MACs, CPU latency at
 * batch 1 and test accuracy of the baseline, the pruned network before and after fine-tuning, and
 * saves the pruned network with {@link ModelFile} (its layers changed width, so DJL's own format
 * would not do).
 *
 * <p>Options: the common ones ({@code --epochs N} baseline epochs, default 2; {@code --limit N}
 * training images, default 5,000, 0 for all 60,000; {@code --test-limit N}, default 0 for all
 * 10,000; {@code --batch-size N}, default 64; {@code --lr X}, default 1e-2; {@code --data DIR}, the
 * four {@code *-ubyte.gz} files, default Debian's {@code dataset-fashion-mnist}; {@code --out DIR},
 * default {@code target/fasterai-examples}), {@code --ratio X} (percent of the channels of each
 * group removed, default 50, kept widths rounded up to multiples of 16) and {@code
 * --fine-tune-epochs N} (default 1).
 */
public final class ResNet20Pruning {

    private ResNet20Pruning() {}

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
     * Trains the baseline, prunes and fine-tunes it, measures each stage, saves the pruned model.
     *
     * @param options the settings
     * @return the stages' figures and where the pruned model was saved
     * @throws IOException if the data cannot be read or the model not saved
     */
    public static Result run(Options options) throws IOException {
        OptionParser.CommonOptions c = options.common;
        Engine.getInstance().setRandomSeed(ExampleData.SEED);
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("resnet20")) {
            DataLoaders data =
                    ExampleData.fashionMnist(c.data, c.limit, c.testLimit, c.batchSize, manager);
            model.setBlock(
                    ResNetCifar.builder().setDepth(20).optInChannels(1).optNumClasses(10).build());
            System.out.printf(
                    Locale.ROOT,
                    "Fashion-MNIST: %d training images, %d test images; resnet20 (1 channel in, 10"
                            + " classes)%n",
                    data.getTrain().size(),
                    data.getValid().size());
            StageTable table = new StageTable();

            System.out.printf(Locale.ROOT, "%nbaseline: fitOneCycle(%d, %s)%n", c.epochs, c.lr);
            long start = System.nanoTime();
            try (Learner learn = learner(data, model)) {
                learn.fitOneCycle(c.epochs, c.lr);
                table.add(StageStats.measure("baseline", learn, ExampleData.ONE_IMAGE));
            }
            System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - start) / 1e9);

            // One-shot structured pruning (docs/prune.md: prune(ratio), then fine-tune): the
            // lowest-scored channels of every coupled group go, the layers are rebuilt smaller.
            Pruner pruner =
                    Pruner.builder()
                            .setModel(model)
                            .optInputShape(ExampleData.ONE_IMAGE)
                            .optContext(Context.LOCAL)
                            .optCriteria(Criteria.largeFinal())
                            // Widths in multiples of 16 (16 -> 16, 32 -> 16, 64 -> 32 at 50%):
                            // PyTorch 2.7.1's CPU convolutions gave NaN gradients now and then
                            // for other widths on an AVX-512 machine (docs/prune.md, pitfalls).
                            .optRoundTo(16)
                            .build();
            PruneReport report = pruner.prune(options.ratio);
            System.out.println();
            System.out.println(report);
            String stage = String.format(Locale.ROOT, "pruned %.0f%%", options.ratio);
            // A fresh learner: new optimizer state for the smaller layers.
            try (Learner learn = learner(data, model)) {
                table.add(
                        StageStats.measure(stage + ", no fine-tune", learn, ExampleData.ONE_IMAGE));
                System.out.printf(
                        Locale.ROOT,
                        "%nfine-tune: fitOneCycle(%d, %s)%n",
                        options.fineTuneEpochs,
                        c.lr);
                start = System.nanoTime();
                learn.fitOneCycle(options.fineTuneEpochs, c.lr);
                table.add(StageStats.measure(stage + ", fine-tuned", learn, ExampleData.ONE_IMAGE));
            }
            System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - start) / 1e9);

            Files.createDirectories(c.out);
            Path file = c.out.resolve("resnet20-pruned.fai");
            ModelFile.save(model.getBlock(), file);
            System.out.println();
            System.out.print(table.toMarkdown());
            System.out.println("saved " + file);
            return new Result(table, file);
        }
    }

    private static Learner learner(DataLoaders data, Model model) {
        return Learner.builder()
                .setData(data)
                .setModel(model)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .optMetrics(Metrics.accuracy())
                .addCallback(new TerminateOnNaNCallback())
                .build();
    }

    /**
     * What the example gives.
     *
     * @param table the rows {@code baseline}, {@code pruned N%, no fine-tune} and {@code pruned N%,
     *     fine-tuned}
     * @param prunedModel the pruned network, saved with {@link ModelFile}
     */
    public record Result(StageTable table, Path prunedModel) {}

    /** The example's settings. */
    public static final class Options {
        final OptionParser.CommonOptions common = new OptionParser.CommonOptions(2, 5000, 1e-2);
        double ratio = 50;
        int fineTuneEpochs = 1;

        private Options() {}

        /**
         * Parses command-line options.
         *
         * @param args pairs of {@code --name value}
         * @return the options
         * @throws IllegalArgumentException naming an unknown option (with the allowed ones), an
         *     option without a value or a value out of range
         */
        public static Options parse(String... args) {
            Options o = new Options();
            new OptionParser()
                    .addCommon(o.common)
                    .add("--ratio", v -> o.ratio = OptionParser.within("--ratio", v, 0, 99))
                    .add(
                            "--fine-tune-epochs",
                            v ->
                                    o.fineTuneEpochs =
                                            OptionParser.atLeast("--fine-tune-epochs", v, 1))
                    .parse(args);
            return o;
        }
    }
}
