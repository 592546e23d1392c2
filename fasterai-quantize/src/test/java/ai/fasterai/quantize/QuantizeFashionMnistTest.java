/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.FashionMnist;
import ai.fasterai.core.data.ImageTransforms;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.export.OnnxExporter;
import ai.fasterai.export.OnnxModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Real data: a small vgg16_bn (width 1/4) trained on a Fashion-MNIST subset, then quantized two
 * ways against its fp32 accuracy on all 10,000 test images: static post-training quantization (512
 * calibration images) must lose at most 1 point, quantization-aware fine-tuning ({@link
 * QuantizeCallback}, one epoch) at most 0.5 point. The static model exported as QDQ ONNX and run by
 * ONNX Runtime's int8 kernels must agree with its DJL simulation on the top-1 class of at least 99%
 * of the first 1,000 test images, and its file must be at most 0.27x the fp32 file.
 *
 * <p>Measured figures are printed and recorded in docs/quantize.md. System properties {@code
 * quant.train}, {@code quant.epochs}, {@code quant.width}, {@code quant.seed} vary the run.
 */
class QuantizeFashionMnistTest {

    private static final int TRAIN_IMAGES = Integer.getInteger("quant.train", 10000);
    private static final int QAT_IMAGES = Integer.getInteger("quant.qat", 2000);
    private static final int EPOCHS = Integer.getInteger("quant.epochs", 2);
    private static final double QAT_LR =
            Double.parseDouble(System.getProperty("quant.qatlr", "1e-4"));
    private static final double WIDTH =
            Double.parseDouble(System.getProperty("quant.width", "0.25"));
    private static final int SEED = Integer.getInteger("quant.seed", 42);
    private static final int AGREEMENT_IMAGES = 1000;
    private static final Shape INPUT = new Shape(1, 1, 32, 32);

    @TempDir Path folder;

    @Test
    void staticAndQatKeepTheAccuracyAndOnnxRuntimeAgreesWithTheSimulation() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DataLoaders data = data(manager, TRAIN_IMAGES);
            DataLoaders qatData = data(manager, QAT_IMAGES);
            ArrayDataset test =
                    FashionMnist.builder().optSplit(FashionMnist.Split.TEST).build().load(manager);
            Engine.getInstance().setRandomSeed(SEED);
            Block net =
                    Vgg.builder()
                            .setDepth(16)
                            .optInChannels(1)
                            .optNumClasses(10)
                            .optWidthMultiplier(WIDTH)
                            .optClassifierWidth(128)
                            .optPooledSize(1)
                            .optDropout(0.1f)
                            .build();
            try (Model model = Model.newInstance("vgg16_bn")) {
                net.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
                model.setBlock(net);
                try (Learner learn = learner(data, model)) {
                    long start = System.nanoTime();
                    learn.fitOneCycle(EPOCHS, 1e-2);
                    double trainSeconds = (System.nanoTime() - start) / 1e9;
                    double fp32 = learn.validate(test).get("accuracy");

                    start = System.nanoTime();
                    QuantizeResult ptq =
                            Quantizer.builder()
                                    .setMethod(QuantMethod.STATIC)
                                    .optCalibrationData(data)
                                    .optMaxCalibrationSamples(512)
                                    .build()
                                    .quantize(model);
                    double ptqSeconds = (System.nanoTime() - start) / 1e9;
                    double ptqAccuracy;
                    double agreement;
                    long fp32Bytes;
                    long int8Bytes;
                    try (Model quantized = ptq.getModel();
                            Learner check = learner(data, quantized)) {
                        ptqAccuracy = check.validate(test).get("accuracy");
                        Path fp32File = folder.resolve("fp32.onnx");
                        Path int8File = folder.resolve("int8.onnx");
                        OnnxExporter.builder().build().export(net, INPUT, fp32File);
                        OnnxExporter.builder().build().export(ptq.getBlock(), INPUT, int8File);
                        fp32Bytes = Files.size(fp32File);
                        int8Bytes = Files.size(int8File);
                        agreement = agreement(ptq.getBlock(), int8File, data, test, manager);
                    }

                    start = System.nanoTime();
                    QuantizeCallback qat = new QuantizeCallback();
                    double qatAccuracy;
                    try (Learner fineTune = learner(qatData, model)) {
                        fineTune.fitOneCycle(1, QAT_LR, qat);
                        qatAccuracy = fineTune.validate(test).get("accuracy");
                    }
                    double qatSeconds = (System.nanoTime() - start) / 1e9;

                    System.out.printf(
                            Locale.ROOT,
                            "Fashion-MNIST %d train / 10000 test, vgg16_bn width %s, %d epochs"
                                    + " (%.0f s): fp32 %.4f; static PTQ %.4f (%.1f s); QAT 1"
                                    + " epoch on %d images at lr %s %.4f (%.0f s); ORT int8 vs"
                                    + " DJL top-1 agreement %.4f on %d images; ONNX int8 %d /"
                                    + " fp32 %d bytes = %.4f%n",
                            TRAIN_IMAGES,
                            WIDTH,
                            EPOCHS,
                            trainSeconds,
                            fp32,
                            ptqAccuracy,
                            ptqSeconds,
                            QAT_IMAGES,
                            QAT_LR,
                            qatAccuracy,
                            qatSeconds,
                            agreement,
                            AGREEMENT_IMAGES,
                            int8Bytes,
                            fp32Bytes,
                            (double) int8Bytes / fp32Bytes);
                    System.out.print(qat.getReport());

                    assertTrue(fp32 > 0.83, "fp32 accuracy " + fp32); // chance: 0.10
                    assertTrue(
                            ptqAccuracy >= fp32 - 0.01,
                            "static PTQ " + ptqAccuracy + " more than 1 point below " + fp32);
                    assertTrue(
                            qatAccuracy >= fp32 - 0.005,
                            "QAT " + qatAccuracy + " more than 0.5 point below " + fp32);
                    assertTrue(agreement >= 0.99, "top-1 agreement " + agreement);
                    assertTrue(
                            int8Bytes <= 0.27 * fp32Bytes,
                            "int8 file " + int8Bytes + " > 0.27 x " + fp32Bytes);
                    assertTrue(qat.getReport().getLayers().size() == 16);
                }
            }
        }
    }

    /** Share of images whose top-1 class is the same in ONNX Runtime (int8) and DJL (simulated). */
    private static double agreement(
            Block block, Path file, DataLoaders data, ArrayDataset test, NDManager manager)
            throws IOException {
        int same = 0;
        int seen = 0;
        try (OnnxModel onnx = OnnxModel.load(file);
                NDManager scope = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            for (Batch batch : data.inOrder(test, scope)) {
                try (batch) {
                    if (seen >= AGREEMENT_IMAGES) {
                        continue;
                    }
                    NDArray x = data.transform(batch.getData()).head();
                    long n = Math.min(x.getShape().get(0), AGREEMENT_IMAGES - seen);
                    x = x.get("0:" + n);
                    NDArray djl = block.forward(store, new NDList(x), false).head().argMax(1);
                    NDArray ort = onnx.predict(x).argMax(1);
                    same += (int) djl.eq(ort).sum().getLong();
                    seen += (int) n;
                }
            }
        }
        return (double) same / seen;
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

    /** Training images and 1,000 test images for the per-epoch validation. */
    private static DataLoaders data(NDManager manager, int trainImages) throws IOException {
        ArrayDataset train =
                FashionMnist.builder()
                        .optSplit(FashionMnist.Split.TRAIN)
                        .optLimit(trainImages)
                        .build()
                        .load(manager);
        ArrayDataset valid =
                FashionMnist.builder()
                        .optSplit(FashionMnist.Split.TEST)
                        .optLimit(1000)
                        .build()
                        .load(manager);
        return DataLoaders.builder()
                .setTrain(train)
                .setValid(valid)
                .optBatchSize(64)
                .optSeed(SEED)
                .addTransform(ImageTransforms.padTo(32, 32))
                .addTransform(
                        ImageTransforms.normalize(
                                new float[] {ImageTransforms.FASHION_MNIST_MEAN},
                                new float[] {ImageTransforms.FASHION_MNIST_STD}))
                .build();
    }
}
