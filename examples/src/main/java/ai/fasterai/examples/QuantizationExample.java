/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.callback.TerminateOnNaNCallback;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.stats.ModelStats;
import ai.fasterai.core.stats.StageStats;
import ai.fasterai.core.stats.StageTable;
import ai.fasterai.export.OnnxExporter;
import ai.fasterai.export.OnnxModel;
import ai.fasterai.quantize.QuantMethod;
import ai.fasterai.quantize.QuantizeCallback;
import ai.fasterai.quantize.QuantizeResult;
import ai.fasterai.quantize.Quantizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Int8 deployment: a small VGG-11 with BatchNorm (width 1/4, classifier 128) is trained on
 * Fashion-MNIST, quantized after training with {@link Quantizer} (static int8: BatchNorm folded,
 * per-channel int8 weights, activation ranges calibrated on training images), optionally fine-tuned
 * with fake quantization instead ({@link QuantizeCallback}, quantization-aware training), exported
 * to ONNX with {@link OnnxExporter} and run by ONNX Runtime's int8 kernels ({@link OnnxModel}).
 * Prints a table with the float model in DJL and in ONNX Runtime and each int8 model in ONNX
 * Runtime: file size, parameters, MACs, latency at batch 1 and test accuracy (ONNX Runtime's rows
 * are measured on the ONNX files themselves).
 *
 * <p>Options: the common ones ({@code --epochs N}, default 2; {@code --limit N} training images,
 * default 5,000, 0 for all 60,000; {@code --test-limit N}, default 0 for all 10,000; {@code
 * --batch-size N}, default 64; {@code --lr X}, default 1e-2; {@code --data DIR}, the four {@code
 * *-ubyte.gz} files, default Debian's {@code dataset-fashion-mnist}; {@code --out DIR}, where the
 * ONNX files go, default {@code target/fasterai-examples}), {@code --calibration N} (calibration
 * images, default 512), {@code --qat-epochs N} (quantization-aware fine-tuning epochs, default 1, 0
 * to skip) and {@code --qat-lr X} (default 1e-4: the folded network has no BatchNorm left to absorb
 * large steps).
 */
public final class QuantizationExample {

    private QuantizationExample() {}

    /**
     * Runs the example from the command line.
     *
     * @param args the options above
     * @throws IOException if the data cannot be read or a file not written
     */
    public static void main(String[] args) throws IOException {
        run(Options.parse(args));
    }

    /**
     * Trains the float model, quantizes it, exports both to ONNX and measures them.
     *
     * @param options the settings
     * @return the table and the ONNX files
     * @throws IOException if the data cannot be read or a file not written
     */
    public static Result run(Options options) throws IOException {
        OptionParser.CommonOptions c = options.common;
        Engine.getInstance().setRandomSeed(ExampleData.SEED);
        Files.createDirectories(c.out);
        Path fp32File = c.out.resolve("vgg11_bn-fp32.onnx");
        Path int8File = c.out.resolve("vgg11_bn-int8-static.onnx");
        Path qatFile = c.out.resolve("vgg11_bn-int8-qat.onnx");
        OnnxExporter exporter = OnnxExporter.builder().build();
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("vgg11_bn")) {
            DataLoaders data =
                    ExampleData.fashionMnist(c.data, c.limit, c.testLimit, c.batchSize, manager);
            Block net =
                    Vgg.builder()
                            .setDepth(11)
                            .optInChannels(1)
                            .optNumClasses(10)
                            .optWidthMultiplier(0.25)
                            .optClassifierWidth(128)
                            .optPooledSize(1)
                            .optDropout(0.1f)
                            .build();
            net.initialize(model.getNDManager(), DataType.FLOAT32, ExampleData.ONE_IMAGE);
            model.setBlock(net);
            System.out.printf(
                    Locale.ROOT,
                    "Fashion-MNIST: %d training images, %d test images; vgg11_bn width 0.25,"
                            + " fitOneCycle(%d, %s)%n",
                    data.getTrain().size(),
                    data.getValid().size(),
                    c.epochs,
                    c.lr);
            StageTable table = new StageTable();
            try (Learner learn = learner(data, model)) {
                learn.fitOneCycle(c.epochs, c.lr);
                table.add(StageStats.measure("fp32 (DJL)", learn, ExampleData.ONE_IMAGE));
            }
            exporter.export(net, ExampleData.ONE_IMAGE, fp32File);
            table.add(onnxRow("fp32 (ONNX Runtime)", net, fp32File, data));

            // Static post-training quantization: a new model; the float one is unchanged.
            QuantizeResult ptq =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(data)
                            .optMaxCalibrationSamples(options.calibration)
                            .build()
                            .quantize(model);
            try (Model quantized = ptq.getModel();
                    Learner check = learner(data, quantized)) {
                double simulated = check.validate(data.getValid()).get("accuracy");
                System.out.printf(
                        Locale.ROOT,
                        "%nstatic int8 (%d calibration images): %d layers quantized; simulated"
                                + " in DJL: accuracy %.4f%n",
                        options.calibration,
                        ptq.getReport().getLayers().size(),
                        simulated);
                exporter.export(ptq.getBlock(), ExampleData.ONE_IMAGE, int8File);
                table.add(onnxRow("int8 static (ONNX Runtime)", ptq.getBlock(), int8File, data));
            }

            if (options.qatEpochs > 0) {
                // QAT fine-tunes the float model itself: at the end of fit it is quantized.
                System.out.printf(
                        Locale.ROOT,
                        "%nquantization-aware training: fitOneCycle(%d, %s)%n",
                        options.qatEpochs,
                        options.qatLr);
                QuantizeCallback qat = new QuantizeCallback();
                try (Learner learn = learner(data, model)) {
                    learn.fitOneCycle(options.qatEpochs, options.qatLr, qat);
                }
                exporter.export(model.getBlock(), ExampleData.ONE_IMAGE, qatFile);
                table.add(onnxRow("int8 QAT (ONNX Runtime)", model.getBlock(), qatFile, data));
            }
            System.out.println();
            System.out.print(table.toMarkdown());
            System.out.printf(
                    Locale.ROOT,
                    "ONNX files in %s: fp32 %,d bytes, int8 static %,d bytes (%.3fx)%n",
                    c.out,
                    Files.size(fp32File),
                    Files.size(int8File),
                    (double) Files.size(int8File) / Files.size(fp32File));
            return new Result(table, fp32File, int8File, options.qatEpochs > 0 ? qatFile : null);
        }
    }

    /** Measures an ONNX file in ONNX Runtime; parameters and MACs come from its DJL network. */
    private static StageStats onnxRow(String stage, Block block, Path file, DataLoaders data)
            throws IOException {
        try (OnnxModel onnx = OnnxModel.load(file)) {
            double latency = onnx.latency(ExampleData.ONE_IMAGE, 50, 200).medianMs();
            long params = ModelStats.parameters(block).parameters();
            return new StageStats(
                    stage,
                    Files.size(file),
                    params,
                    params,
                    ModelStats.macs(block, ExampleData.ONE_IMAGE),
                    latency,
                    accuracy(onnx, data));
        }
    }

    /** The share of the test images whose top class in ONNX Runtime is their label. */
    private static double accuracy(OnnxModel onnx, DataLoaders data) {
        long correct = 0;
        long seen = 0;
        try (NDManager scope = NDManager.newBaseManager()) {
            for (Batch batch : data.inOrder(data.getValid(), scope)) {
                try (batch) {
                    NDArray x = data.transform(batch.getData()).head();
                    NDArray predicted = onnx.predict(x).argMax(1);
                    NDArray labels = batch.getLabels().head().toType(DataType.INT64, false);
                    correct += predicted.eq(labels).sum().getLong();
                    seen += x.getShape().get(0);
                }
            }
        }
        return (double) correct / seen;
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
     * @param table the rows {@code fp32 (DJL)}, {@code fp32 (ONNX Runtime)}, {@code int8 static
     *     (ONNX Runtime)} and, unless QAT was skipped, {@code int8 QAT (ONNX Runtime)}
     * @param fp32Onnx the float model's ONNX file
     * @param int8Onnx the statically quantized model's ONNX file
     * @param qatOnnx the QAT model's ONNX file, or null if QAT was skipped
     */
    public record Result(StageTable table, Path fp32Onnx, Path int8Onnx, Path qatOnnx) {}

    /** The example's settings. */
    public static final class Options {
        final OptionParser.CommonOptions common = new OptionParser.CommonOptions(2, 5000, 1e-2);
        int calibration = Quantizer.DEFAULT_MAX_CALIBRATION_SAMPLES;
        int qatEpochs = 1;
        double qatLr = 1e-4;

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
                            "--calibration",
                            v -> o.calibration = OptionParser.atLeast("--calibration", v, 1))
                    .add(
                            "--qat-epochs",
                            v -> o.qatEpochs = OptionParser.atLeast("--qat-epochs", v, 0))
                    .add("--qat-lr", v -> o.qatLr = OptionParser.positive("--qat-lr", v))
                    .parse(args);
            return o;
        }
    }
}
