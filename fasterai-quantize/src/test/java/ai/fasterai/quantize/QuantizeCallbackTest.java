/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import static ai.fasterai.quantize.QuantTesting.forward;
import static ai.fasterai.quantize.QuantTesting.maxAbsDiff;
import static ai.fasterai.quantize.QuantTesting.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Callback;
import ai.fasterai.core.CallbackException;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.export.OnnxExporter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link QuantizeCallback} on a tiny conv net with BatchNorm and synthetic data: training runs on
 * the folded, fake-quantized copy, the converted model is the one that was validated during the
 * last epoch, and failures give the float model back.
 */
class QuantizeCallbackTest {

    private static final Shape SAMPLE = new Shape(1, 8, 8);

    @TempDir Path folder;

    @Test
    void trainsWithFakeQuantizationThenConvertsTheTrainedModel() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("tiny")) {
            Engine.getInstance().setRandomSeed(11);
            model.setBlock(tinyNet());
            DataLoaders data = data(manager);
            List<String> seen = new ArrayList<>();
            List<Integer> modelArrays = new ArrayList<>();
            Callback probe =
                    new Callback() {
                        @Override
                        public void afterStep(Learner learn) {
                            if (seen.isEmpty()) {
                                seen.add(describe(learn.getModel().getBlock()));
                            }
                        }

                        @Override
                        public void afterEpoch(Learner learn) {
                            modelArrays.add(model.getNDManager().getManagedArrays().size());
                        }

                        @Override
                        public int getOrder() {
                            return 10;
                        }
                    };
            QuantizeCallback qat = new QuantizeCallback();
            try (Learner learn = learner(data, model)) {
                learn.fit(3, 0.05, qat, probe);
                List<Map<String, Double>> epochs = learn.getRecorder().getEpochs();
                double lastValidLoss = epochs.get(epochs.size() - 1).get("valid_loss");
                double firstTrainLoss = epochs.get(0).get("train_loss");
                double lastTrainLoss = epochs.get(epochs.size() - 1).get("train_loss");
                // During training: BatchNorm folded away, layers and quantizers in QAT modes.
                assertEquals(
                        "QuantizedLayer:QAT ActivationQuantizer:FAKE_QUANT QuantizedLayer:QAT",
                        seen.get(0));
                // Fake quantization leaves nothing behind on the model's manager from epoch to
                // epoch.
                assertEquals(modelArrays.get(0), modelArrays.get(modelArrays.size() - 1));
                // The straight-through estimator lets the fake-quantized net learn.
                assertTrue(lastTrainLoss < 0.8 * firstTrainLoss, epochs.toString());
                // After fit: converted; validating it again gives what the fake-quantized model
                // gave at the last epoch (only the bias rounding to int32 differs).
                Block converted = model.getBlock();
                assertEquals(
                        "QuantizedLayer:CONVERTED ActivationQuantizer:FROZEN"
                                + " QuantizedLayer:CONVERTED",
                        describe(converted));
                double after = learn.validate().get("valid_loss");
                assertEquals(lastValidLoss, after, 1e-3 * Math.max(1, lastValidLoss));
                QuantReport report = qat.getReport();
                assertEquals(2, report.getLayers().size());
                assertEquals(ObserverType.MOVING_AVERAGE, report.getObserver());

                Shape batch = new Shape(4).addAll(SAMPLE);
                Path file = folder.resolve("qat.onnx");
                OnnxExporter.builder().build().export(converted, batch, file);
                NDArray x = manager.randomNormal(batch);
                assertTrue(maxAbsDiff(forward(converted, x), ort(file, x, false)) <= 1e-5f);
            }
        }
    }

    @Test
    void aFailedFitGivesTheFloatModelBack() {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("tiny")) {
            Block net = tinyNet();
            model.setBlock(net);
            Callback failing =
                    new Callback() {
                        @Override
                        public void afterBatch(Learner learn) {
                            throw new IllegalStateException("boom");
                        }
                    };
            try (Learner learn = learner(data(manager), model)) {
                assertThrows(
                        RuntimeException.class,
                        () -> learn.fit(1, 0.05, new QuantizeCallback(), failing));
                assertSame(net, model.getBlock());
                // A quantized model is refused by a new QAT run.
                learn.fit(1, 0.05, new QuantizeCallback());
                CallbackException e =
                        assertThrows(
                                CallbackException.class,
                                () -> learn.fit(1, 0.05, new QuantizeCallback()));
                assertInstanceOf(IllegalStateException.class, e.getCause());
                assertTrue(
                        e.getCause().getMessage().startsWith("the model is already quantized"),
                        e.getCause().getMessage());
            }
        }
    }

    /** Types and modes of the quantization blocks, in order (wrappers only). */
    private static String describe(Block block) {
        List<String> parts = new ArrayList<>();
        collect(block, parts);
        return String.join(" ", parts);
    }

    private static void collect(Block block, List<String> parts) {
        if (block instanceof QuantizedLayer) {
            parts.add("QuantizedLayer:" + ((QuantizedLayer) block).getMode());
            return;
        }
        if (block instanceof ActivationQuantizer) {
            // The input quantizer is listed too; keep the summary to what follows each layer.
            if (!parts.isEmpty()) {
                parts.add("ActivationQuantizer:" + ((ActivationQuantizer) block).getMode());
            }
            return;
        }
        if (block instanceof BatchNorm) {
            parts.add("BatchNorm");
        }
        for (Block child : block.getChildren().values()) {
            collect(child, parts);
        }
    }

    private static SequentialBlock tinyNet() {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(8)
                                .build())
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(MaxPool2d.of(2))
                .add(new Flatten())
                .add(Linear.builder().setUnits(4).build());
    }

    private static DataLoaders data(NDManager manager) {
        SyntheticData synthetic =
                SyntheticData.builder()
                        .setNumSamples(256)
                        .setNumClasses(4)
                        .setShape(SAMPLE)
                        .optSeed(5)
                        .build();
        return DataLoaders.builder()
                .setTrain(synthetic.generate(manager))
                .setValid(synthetic.generate(manager))
                .optBatchSize(32)
                .optSeed(5)
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
}
