/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.FashionMnist;
import ai.fasterai.core.data.ImageTransforms;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.model.Vgg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real data: a small student (vgg16_bn at width 0.125) learns Fashion-MNIST from a wider trained
 * teacher (vgg16_bn at width 0.25, saved to disk and loaded back) with {@link SoftTarget}, and
 * beats the same student trained alone for the same epochs, from the same initial weights and in
 * the same data order. The teacher has seen 20,000 training images; the student learns from the
 * first 1,000 of them (distillation pays where the student's own labels are few: the teacher's soft
 * targets carry what it learned from the rest). Accuracies are on all 10,000 test images; the
 * per-epoch validation uses the first 1,000.
 *
 * <p>Measured on 2 CPU cores: see {@code docs/distill.md}. System properties {@code kd.*} vary the
 * run for such measurements.
 */
class DistillFashionMnistTest {

    private static final int TEACHER_IMAGES = Integer.getInteger("kd.teacherTrain", 20000);
    private static final int STUDENT_IMAGES = Integer.getInteger("kd.studentTrain", 1000);
    private static final int VALID_IMAGES = Integer.getInteger("kd.valid", 1000);
    private static final int TEACHER_EPOCHS = Integer.getInteger("kd.teacherEpochs", 2);
    private static final int EPOCHS = Integer.getInteger("kd.epochs", 10);
    private static final double LR_MAX = Double.parseDouble(System.getProperty("kd.lr", "1e-2"));
    private static final double TEMPERATURE = Double.parseDouble(System.getProperty("kd.t", "2"));
    private static final double WEIGHT = Double.parseDouble(System.getProperty("kd.weight", "0.5"));
    private static final int SEED = Integer.getInteger("kd.seed", 42);
    private static final Shape INPUT = new Shape(1, 1, 32, 32);

    @TempDir Path dir;

    @Test
    void aStudentTaughtBySoftTargetsBeatsTheSameStudentTrainedAlone() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset test = split(manager, FashionMnist.Split.TEST, 10000);
            long start = System.nanoTime();
            double teacherAccuracy = trainTeacher(manager, test, dir.resolve("teacher.fai"));
            double teacherSeconds = (System.nanoTime() - start) / 1e9;

            try (Model teacher = ModelFile.loadModel(dir.resolve("teacher.fai"), "teacher")) {
                List<float[]> teacherBefore = values(teacher.getBlock());
                DataLoaders data = data(manager, STUDENT_IMAGES);
                start = System.nanoTime();
                double alone = trainStudent(data, test, null);
                double aloneSeconds = (System.nanoTime() - start) / 1e9;
                KnowledgeDistillationCallback distill =
                        KnowledgeDistillationCallback.builder()
                                .setTeacher(teacher)
                                .setLoss(new SoftTarget(TEMPERATURE))
                                .optWeight(WEIGHT)
                                .build();
                start = System.nanoTime();
                double taught = trainStudent(data, test, distill);
                double taughtSeconds = (System.nanoTime() - start) / 1e9;

                System.out.printf(
                        Locale.ROOT,
                        "Fashion-MNIST: teacher vgg16_bn width 0.25 on %d images, %d epochs:"
                                + " %.4f (%.0f s); student vgg16_bn width 0.125 on %d images, %d"
                                + " epochs: alone %.4f (%.0f s), SoftTarget(T=%s) weight %s:"
                                + " %.4f (%.0f s)%n",
                        TEACHER_IMAGES,
                        TEACHER_EPOCHS,
                        teacherAccuracy,
                        teacherSeconds,
                        STUDENT_IMAGES,
                        EPOCHS,
                        alone,
                        aloneSeconds,
                        TEMPERATURE,
                        WEIGHT,
                        taught,
                        taughtSeconds);

                List<float[]> teacherAfter = values(teacher.getBlock());
                for (int i = 0; i < teacherBefore.size(); i++) {
                    assertArrayEquals(
                            teacherBefore.get(i), teacherAfter.get(i), "teacher parameter " + i);
                }
                assertTrue(
                        teacherAccuracy > alone, "teacher " + teacherAccuracy + ", alone " + alone);
                assertTrue(
                        taught > alone,
                        "distilled student " + taught + " not above the student alone " + alone);
            }
        }
    }

    /** Trains the teacher, saves it and returns its test accuracy. */
    private static double trainTeacher(NDManager manager, ArrayDataset test, Path file)
            throws IOException {
        Engine.getInstance().setRandomSeed(SEED);
        Block net = vgg(0.25, 128);
        try (Model model = Model.newInstance("teacher")) {
            net.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
            model.setBlock(net);
            try (Learner learn = learner(data(manager, TEACHER_IMAGES), model)) {
                learn.fitOneCycle(TEACHER_EPOCHS, LR_MAX);
                ModelFile.save(model, file);
                return learn.validate(test).get("accuracy");
            }
        }
    }

    private static double trainStudent(DataLoaders data, ArrayDataset test, Callback distill) {
        Engine.getInstance().setRandomSeed(SEED);
        Block vgg = vgg(0.125, 64);
        try (Model model = Model.newInstance("student")) {
            vgg.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
            model.setBlock(vgg);
            try (Learner learn = learner(data, model)) {
                if (distill == null) {
                    learn.fitOneCycle(EPOCHS, LR_MAX);
                } else {
                    learn.fitOneCycle(EPOCHS, LR_MAX, distill);
                }
                return learn.validate(test).get("accuracy");
            }
        }
    }

    private static Block vgg(double width, int classifierWidth) {
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

    private static Learner learner(DataLoaders data, Model model) {
        return Learner.builder()
                .setData(data)
                .setModel(model)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .optMetrics(Metrics.accuracy())
                .optShowProgress(false)
                .build();
    }

    private static ArrayDataset split(NDManager manager, FashionMnist.Split split, int limit)
            throws IOException {
        return FashionMnist.builder().optSplit(split).optLimit(limit).build().load(manager);
    }

    private static DataLoaders data(NDManager manager, int trainImages) throws IOException {
        return DataLoaders.builder()
                .setTrain(split(manager, FashionMnist.Split.TRAIN, trainImages))
                .setValid(split(manager, FashionMnist.Split.TEST, VALID_IMAGES))
                .optBatchSize(64)
                .optSeed(SEED)
                .addTransform(ImageTransforms.padTo(32, 32))
                .addTransform(
                        ImageTransforms.normalize(
                                new float[] {ImageTransforms.FASHION_MNIST_MEAN},
                                new float[] {ImageTransforms.FASHION_MNIST_STD}))
                .build();
    }

    private static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.add(pair.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
