/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.callback.TerminateOnNaNCallback;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.stats.StageStats;
import ai.fasterai.core.stats.StageTable;
import ai.fasterai.distill.KnowledgeDistillationCallback;
import ai.fasterai.distill.SoftTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Knowledge distillation: a teacher (VGG-11 with BatchNorm at width 1/2) is trained on
 * Fashion-MNIST; then a student four times smaller in MACs (the same layout at width 1/4) is
 * trained on the first images of that set, twice from the same initial weights in the same data
 * order: alone, and with {@link KnowledgeDistillationCallback} adding Hinton et al.'s {@link
 * SoftTarget} loss (the teacher's temperature-softened class probabilities) to the labels' loss.
 * Distillation pays most where the student's own labels are few (docs/distill.md). Prints the three
 * accuracies and a table of size, parameters, MACs, latency at batch 1 and test accuracy, and saves
 * the distilled student with {@link ModelFile}.
 *
 * <p>Options: the common ones ({@code --epochs N} student epochs, default 8; {@code --limit N}
 * teacher training images, default 5,000, 0 for all 60,000; {@code --test-limit N}, default 0 for
 * all 10,000; {@code --batch-size N}, default 64; {@code --lr X}, default 1e-2; {@code --data DIR},
 * the four {@code *-ubyte.gz} files, default Debian's {@code dataset-fashion-mnist}; {@code --out
 * DIR}, default {@code target/fasterai-examples}), {@code --student-limit N} (the first N training
 * images are the students', default 1,000), {@code --teacher-epochs N} (default 2), {@code
 * --temperature X} (default 2) and {@code --weight X} (the distillation loss's share, default 0.5).
 */
public final class DistillationExample {

    private DistillationExample() {}

    /**
     * Runs the example from the command line.
     *
     * @param args the options above
     * @throws IOException if the data cannot be read or the student not saved
     */
    public static void main(String[] args) throws IOException {
        run(Options.parse(args));
    }

    /**
     * Trains the teacher, the student alone and the distilled student, and measures them.
     *
     * @param options the settings
     * @return the three accuracies and the table
     * @throws IOException if the data cannot be read or the student not saved
     */
    public static Result run(Options options) throws IOException {
        OptionParser.CommonOptions c = options.common;
        try (NDManager manager = NDManager.newBaseManager();
                Model teacher = Model.newInstance("teacher");
                Model alone = Model.newInstance("student-alone");
                Model distilled = Model.newInstance("student-distilled")) {
            DataLoaders teacherData =
                    ExampleData.fashionMnist(c.data, c.limit, c.testLimit, c.batchSize, manager);
            DataLoaders studentData =
                    ExampleData.fashionMnist(
                            c.data, options.studentLimit, c.testLimit, c.batchSize, manager);
            StageTable table = new StageTable();

            System.out.printf(
                    Locale.ROOT,
                    "teacher: vgg11_bn width 0.5 on %d training images, fitOneCycle(%d, %s)%n",
                    teacherData.getTrain().size(),
                    options.teacherEpochs,
                    c.lr);
            teacher.setBlock(vgg11(0.5, teacher));
            StageStats teacherRow =
                    train("teacher", teacher, teacherData, options.teacherEpochs, c);
            table.add(teacherRow);

            System.out.printf(
                    Locale.ROOT,
                    "%nstudent alone: vgg11_bn width 0.25 on %d training images,"
                            + " fitOneCycle(%d, %s)%n",
                    studentData.getTrain().size(),
                    c.epochs,
                    c.lr);
            alone.setBlock(vgg11(0.25, alone));
            StageStats aloneRow = train("student alone", alone, studentData, c.epochs, c);
            table.add(aloneRow);

            KnowledgeDistillationCallback kd =
                    KnowledgeDistillationCallback.builder()
                            .setTeacher(teacher)
                            .setLoss(new SoftTarget(options.temperature))
                            .optWeight(options.weight)
                            .build();
            System.out.printf(
                    Locale.ROOT,
                    "%nstudent distilled: the same initial weights and data order, %s at weight"
                            + " %s%n",
                    kd.getLoss(),
                    options.weight);
            distilled.setBlock(vgg11(0.25, distilled));
            StageStats distilledRow =
                    train("student distilled", distilled, studentData, c.epochs, c, kd);
            table.add(distilledRow);

            Files.createDirectories(c.out);
            Path file = c.out.resolve("vgg11_bn-student-distilled.fai");
            ModelFile.save(distilled.getBlock(), file);
            System.out.printf(
                    Locale.ROOT,
                    "%nteacher %.4f, student alone %.4f, student distilled %.4f (%+.2f points)%n%n",
                    teacherRow.accuracy(),
                    aloneRow.accuracy(),
                    distilledRow.accuracy(),
                    100 * (distilledRow.accuracy() - aloneRow.accuracy()));
            System.out.print(table.toMarkdown());
            System.out.println("saved " + file);
            return new Result(
                    teacherRow.accuracy(), aloneRow.accuracy(), distilledRow.accuracy(), table);
        }
    }

    /**
     * Builds a VGG-11 with BatchNorm, initialized from the examples' seed: two students built alike
     * start from the same weights.
     */
    private static Block vgg11(double width, Model model) {
        Engine.getInstance().setRandomSeed(ExampleData.SEED);
        Block net =
                Vgg.builder()
                        .setDepth(11)
                        .optInChannels(1)
                        .optNumClasses(10)
                        .optWidthMultiplier(width)
                        .optClassifierWidth(128)
                        .optPooledSize(1)
                        .optDropout(0.1f)
                        .build();
        net.initialize(model.getNDManager(), DataType.FLOAT32, ExampleData.ONE_IMAGE);
        return net;
    }

    private static StageStats train(
            String stage,
            Model model,
            DataLoaders data,
            int epochs,
            OptionParser.CommonOptions c,
            Callback... callbacks) {
        // The same seed before each fit: dropout draws the same masks in both students.
        Engine.getInstance().setRandomSeed(ExampleData.SEED);
        try (Learner learn =
                Learner.builder()
                        .setData(data)
                        .setModel(model)
                        .setLoss(Loss.softmaxCrossEntropyLoss())
                        .optMetrics(Metrics.accuracy())
                        .addCallback(new TerminateOnNaNCallback())
                        .build()) {
            learn.fitOneCycle(epochs, c.lr, callbacks);
            return StageStats.measure(stage, learn, ExampleData.ONE_IMAGE);
        }
    }

    /**
     * What the example gives; accuracies are on the same test images.
     *
     * @param teacherAccuracy the teacher's test accuracy
     * @param aloneAccuracy the student's trained alone
     * @param distilledAccuracy the student's trained with the teacher
     * @param table the rows {@code teacher}, {@code student alone}, {@code student distilled}
     */
    public record Result(
            double teacherAccuracy,
            double aloneAccuracy,
            double distilledAccuracy,
            StageTable table) {}

    /** The example's settings. */
    public static final class Options {
        final OptionParser.CommonOptions common = new OptionParser.CommonOptions(8, 5000, 1e-2);
        int studentLimit = 1000;
        int teacherEpochs = 2;
        double temperature = 2;
        double weight = 0.5;

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
                    .add(
                            "--student-limit",
                            v -> o.studentLimit = OptionParser.atLeast("--student-limit", v, 1))
                    .add(
                            "--teacher-epochs",
                            v -> o.teacherEpochs = OptionParser.atLeast("--teacher-epochs", v, 1))
                    .add(
                            "--temperature",
                            v -> o.temperature = OptionParser.positive("--temperature", v))
                    .add("--weight", v -> o.weight = OptionParser.within("--weight", v, 0, 1))
                    .parse(args);
            return o;
        }
    }
}
