/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import static ai.fasterai.quantize.QuantTesting.forward;
import static ai.fasterai.quantize.QuantTesting.maxAbsDiff;
import static ai.fasterai.quantize.QuantTesting.ort;
import static ai.fasterai.quantize.QuantTesting.randomBatches;
import static ai.fasterai.quantize.QuantTesting.smallVgg;
import static ai.fasterai.quantize.QuantTesting.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.model.MobileNetV2;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.nn.LayerPaths;
import ai.fasterai.core.stats.ModelStats;
import ai.fasterai.export.OnnxExporter;
import ai.fasterai.misc.BNFolder;
import ai.fasterai.sparse.SensitivityResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link Quantizer}: placement of quantizers, the QDQ ONNX graph and what ONNX Runtime makes of it,
 * sizes, save/load, the other methods, mixed precision and refusals. Small random networks;
 * accuracy on real data is in {@code QuantizeFashionMnistTest}.
 */
class QuantizerTest {

    private static final Shape INPUT = new Shape(8, 1, 32, 32);

    @TempDir Path folder;

    @Test
    void staticQdqGraphRunsAsInt8KernelsAndUnfusedEqualsTheDjlSimulation() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            List<float[]> before = values(net);
            QuantizeResult result =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(randomBatches(manager, 4, INPUT))
                            .build()
                            .quantize(net, manager);
            Block q = result.getBlock();
            // The input network is untouched.
            List<float[]> after = values(net);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i));
            }
            QuantReport report = result.getReport();
            assertEquals(16, report.getLayers().size()); // 13 convs + 3 linears
            assertTrue(report.getFp32().isEmpty(), report.getFp32().toString());
            // One input quantizer, one after each layer's ReLU (none after the last layer: the
            // logits stay float), one in front of the classifier (average pooling leaves the grid).
            assertEquals(17, report.getActivations().size());
            assertEquals("01SequentialBlock/01Conv2d.qin", report.getActivations().get(0).path());
            assertEquals(
                    "01SequentialBlock/03ActivationBlock.qout",
                    report.getActivations().get(1).path());
            assertEquals(0, report.getActivations().get(1).zeroPoint()); // after a ReLU
            assertEquals(
                    "03SequentialBlock/06ActivationBlock.qout",
                    report.getActivations().get(16).path());
            // BatchNorm was folded, every weight holds at most 255 levels per output channel.
            for (String path : LayerPaths.all(q)) {
                Block b = LayerPaths.find(q, path, "path").getBlock();
                assertFalse(b instanceof BatchNorm, path);
                if (b instanceof QuantizedLayer) {
                    QuantizedLayer layer = (QuantizedLayer) b;
                    int[] ints = layer.getWeightIntegers();
                    int bound = layer.getWeightScheme().qmax();
                    for (int v : ints) {
                        assertTrue(v >= -bound && v <= bound, path + ": " + v);
                    }
                    assertEquals(0, layer.getWeightParams().zeroPoint(0));
                }
            }

            Path int8 = folder.resolve("int8.onnx");
            OnnxExporter.builder().build().export(q, INPUT, int8);
            NDArray x = manager.randomNormal(INPUT);
            float[] djl = forward(q, x);
            // Computed as written (QuantizeLinear/DequantizeLinear in float), the graph is the
            // DJL simulation: every sample's logits within 1e-4 (two engines), except that a
            // convolution summing in another order (oneDNN capped at SSE4.1 in the tests) can put
            // one activation on the other side of a rounding boundary, which moves that one
            // sample's logits by a step (0.027 seen) and no other sample's.
            float[] unfused = ort(int8, x, false);
            int classes = djl.length / (int) INPUT.get(0);
            int off = 0;
            for (int sample = 0; sample < INPUT.get(0); sample++) {
                float diff =
                        maxAbsDiff(
                                Arrays.copyOfRange(djl, sample * classes, (sample + 1) * classes),
                                Arrays.copyOfRange(
                                        unfused, sample * classes, (sample + 1) * classes));
                if (diff > 1e-4) {
                    off++;
                    assertTrue(diff <= 0.1f, "sample " + sample + ": " + diff);
                }
            }
            assertTrue(off <= 1, off + " samples differ");
            // Fused, every conv and gemm is an int8 kernel; no float Conv or Gemm is left.
            List<String> ops = OnnxOps.optimized(int8, folder);
            assertEquals(13, Collections.frequency(ops, "QLinearConv"), ops.toString());
            assertEquals(3, Collections.frequency(ops, "QGemm"), ops.toString());
            for (String op : List.of("Conv", "FusedConv", "Gemm", "FusedGemm", "MatMul")) {
                assertFalse(ops.contains(op), op + " in " + ops);
            }
            // The int8 kernels round differently (integer requantization); on this random
            // network the outputs still agree to a few percent of their range.
            float[] fused = ort(int8, x, true);
            float range = 0;
            for (float v : djl) {
                range = Math.max(range, Math.abs(v));
            }
            assertTrue(maxAbsDiff(djl, fused) <= 0.2f * range, maxAbsDiff(djl, fused) + "");
        }
    }

    @Test
    void int8FilesAreAboutAQuarterOfFp32() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            Shape one = new Shape(1, 1, 32, 32);
            Block net = smallVgg(0.5);
            net.initialize(manager, DataType.FLOAT32, one);
            Block q =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(randomBatches(manager, 2, new Shape(4, 1, 32, 32)))
                            .build()
                            .quantize(net, manager)
                            .getBlock();
            Path fp32 = folder.resolve("fp32.onnx");
            Path int8 = folder.resolve("int8.onnx");
            OnnxExporter.builder().build().export(net, one, fp32);
            OnnxExporter.builder().build().export(q, one, int8);
            double onnxRatio = (double) Files.size(int8) / Files.size(fp32);
            double diskRatio = (double) ModelStats.sizeOnDisk(q) / ModelStats.sizeOnDisk(net);
            System.out.printf(
                    "int8 / fp32: ONNX %d / %d = %.4f, ModelFile %.4f%n",
                    Files.size(int8), Files.size(fp32), onnxRatio, diskRatio);
            assertTrue(onnxRatio <= 0.27, "ONNX ratio " + onnxRatio);
            assertTrue(diskRatio <= 0.27 && diskRatio >= 0.24, "ModelFile ratio " + diskRatio);
            // Same multiply-adds as the float network with BatchNorm folded.
            assertEquals(
                    ModelStats.macs(BNFolder.fold(net, manager).getBlock(), one),
                    ModelStats.macs(q, one));
        }
    }

    @Test
    void aQuantizedModelSavesAndLoadsToTheSameOutputsAndGraph() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            Block q =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(randomBatches(manager, 2, INPUT))
                            .build()
                            .quantize(net, manager)
                            .getBlock();
            Path file = folder.resolve("q.fai");
            ModelFile.save(q, file);
            Block loaded = ModelFile.load(file, manager);
            NDArray x = manager.randomNormal(INPUT);
            assertArrayEquals(forward(q, x), forward(loaded, x), 1e-6f);
            OnnxExporter exporter = OnnxExporter.builder().build();
            assertArrayEquals(
                    exporter.toBytes(q, INPUT, "m"), exporter.toBytes(loaded, INPUT, "m"));
        }
    }

    @Test
    void weightOnlyKeepsFloatActivationsAndExportsExactly() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(6);
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            QuantizeResult result =
                    Quantizer.builder()
                            .setMethod(QuantMethod.INT8_WEIGHT_ONLY)
                            .build()
                            .quantize(net, manager);
            assertTrue(result.getReport().getActivations().isEmpty());
            assertEquals(16, result.getReport().getLayers().size());
            assertFalse(result.getReport().getLayers().get(0).int32Bias());
            Path file = folder.resolve("w8.onnx");
            OnnxExporter.builder().build().export(result.getBlock(), INPUT, file);
            NDArray x = manager.randomNormal(INPUT);
            float[] djl = forward(result.getBlock(), x);
            assertTrue(maxAbsDiff(djl, ort(file, x, true)) <= 1e-4f);
        }
    }

    @Test
    void dynamicQuantizesTheLinearLayersWithPerBatchRanges() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            QuantizeResult result =
                    Quantizer.builder()
                            .setMethod(QuantMethod.DYNAMIC)
                            .build()
                            .quantize(net, manager);
            QuantReport report = result.getReport();
            assertEquals(3, report.getLayers().size());
            assertEquals(13, report.getFp32().size());
            assertTrue(
                    report.getFp32().get("01SequentialBlock/01Conv2d").startsWith("dynamic"),
                    report.toString());
            assertEquals(3, report.getActivations().size());
            assertEquals(ActivationQuantizer.Mode.DYNAMIC, report.getActivations().get(0).mode());
            Path file = folder.resolve("dyn.onnx");
            OnnxExporter.builder().build().export(result.getBlock(), INPUT, file);
            NDArray x = manager.randomNormal(INPUT);
            float[] djl = forward(result.getBlock(), x);
            // DynamicQuantizeLinear's scale is computed the same way; only float rounding differs.
            assertTrue(maxAbsDiff(djl, ort(file, x, false)) <= 1e-4f);
        }
    }

    @Test
    void theCalibrationUsesAtMostMaxSamples() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            // 6 ordinary samples, then samples a thousand times larger that must not be seen.
            NDArray first = manager.randomUniform(-1f, 2f, new Shape(6, 1, 32, 32));
            NDArray outliers = manager.randomUniform(-1000f, 1000f, new Shape(8, 1, 32, 32));
            List<NDList> batches = new ArrayList<>();
            batches.add(new NDList(first.concat(outliers.get("0:2"))));
            batches.add(new NDList(outliers));
            QuantizeResult result =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(batches)
                            .optMaxCalibrationSamples(6)
                            .build()
                            .quantize(net, manager);
            float min = Math.min(0f, first.min().getFloat());
            float max = Math.max(0f, first.max().getFloat());
            QuantReport.Activation input = result.getReport().getActivations().get(0);
            assertEquals((max - min) / 255f, input.scale(), 1e-7f);
            assertEquals((int) Math.rint(-min / ((max - min) / 255f)), input.zeroPoint());
        }
    }

    @Test
    void theQatMethodAveragesTheRangesOfEveryCalibrationBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            float[][] ranges = {{-1f, 2f}, {-11f, 22f}};
            List<NDList> batches = new ArrayList<>();
            for (float[] r : ranges) {
                NDArray x = manager.randomUniform(r[0] / 2, r[1] / 2, INPUT);
                x.set(new NDIndex("0, 0, 0, 0"), r[0]);
                x.set(new NDIndex("0, 0, 0, 1"), r[1]);
                batches.add(new NDList(x));
            }
            QuantizeResult result =
                    Quantizer.builder()
                            .setMethod(QuantMethod.QAT)
                            .optCalibrationData(batches)
                            .build()
                            .quantize(net, manager);
            // Moving average (c = 0.01) over both batches, not the first batch alone.
            float c = MovingAverageMinMaxObserver.DEFAULT_AVERAGING_CONSTANT;
            float min = ranges[0][0] + c * (ranges[1][0] - ranges[0][0]);
            float max = ranges[0][1] + c * (ranges[1][1] - ranges[0][1]);
            QuantParams expected =
                    QuantScheme.uint8Activations().qparams(new float[] {min}, new float[] {max});
            QuantReport.Activation input = result.getReport().getActivations().get(0);
            assertEquals(ObserverType.MOVING_AVERAGE, input.observer());
            assertEquals(expected.scale(0), input.scale(), 0f);
            assertEquals(expected.zeroPoint(0), input.zeroPoint());
        }
    }

    @Test
    void layersKeptInFp32ByPathStayFloatAndAreReported() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            QuantizeResult result =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(randomBatches(manager, 2, INPUT))
                            .optConfig(
                                    QuantConfig.builder()
                                            .optKeepFp32(
                                                    "01SequentialBlock/01Conv2d",
                                                    "03SequentialBlock")
                                            .build())
                            .build()
                            .quantize(net, manager);
            QuantReport report = result.getReport();
            assertEquals(12, report.getLayers().size());
            assertEquals(
                    "kept in fp32 by path", report.getFp32().get("01SequentialBlock/01Conv2d"));
            assertEquals(
                    "kept in fp32 by path '03SequentialBlock'",
                    report.getFp32().get("03SequentialBlock/08Linear"));
            Block q = result.getBlock();
            assertInstanceOf(
                    Conv2d.class,
                    LayerPaths.find(q, "01SequentialBlock/01Conv2d", "path").getBlock());
            assertInstanceOf(
                    Linear.class,
                    LayerPaths.find(q, "03SequentialBlock/08Linear", "path").getBlock());
            // The first quantized conv quantizes its own input, after the float one's ReLU.
            assertEquals("01SequentialBlock/04Conv2d.qin", report.getActivations().get(0).path());
            Path file = folder.resolve("mixed.onnx");
            OnnxExporter.builder().build().export(q, INPUT, file);
            NDArray x = manager.randomNormal(INPUT);
            // The float first conv differs between the engines by float rounding, which can move
            // a value across a rounding boundary of the next quantizer (one step, amplified by
            // this random network); a wrong graph would differ by the outputs' whole range.
            float[] djl = forward(q, x);
            float diff = maxAbsDiff(djl, ort(file, x, false));
            float range = 0;
            for (float v : djl) {
                range = Math.max(range, Math.abs(v));
            }
            System.out.printf("mixed precision: max |ORT - DJL| %.3g, range %.3g%n", diff, range);
            assertTrue(diff <= 0.05f * range, diff + " vs range " + range);
            List<String> ops = OnnxOps.optimized(file, folder);
            assertEquals(12, Collections.frequency(ops, "QLinearConv"), ops.toString());
        }
    }

    @Test
    void residualAndDepthwiseNetworksQuantizeInsideTheirBranches() throws Exception {
        Shape input = new Shape(2, 1, 32, 32);
        Block[] nets = {
            ResNetCifar.builder()
                    .setDepth(20)
                    .optInChannels(1)
                    .optNumClasses(10)
                    .optWidthMultiplier(0.5)
                    .build(),
            MobileNetV2.builder()
                    .optInChannels(1)
                    .optNumClasses(10)
                    .optWidthMultiplier(0.25)
                    .build()
        };
        for (Block net : nets) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(8);
                net.initialize(manager, DataType.FLOAT32, input);
                QuantizeResult result =
                        Quantizer.builder()
                                .setMethod(QuantMethod.STATIC)
                                .optCalibrationData(randomBatches(manager, 2, input))
                                .build()
                                .quantize(net, manager);
                QuantReport report = result.getReport();
                List<Block> blocks =
                        LayerPaths.all(net).stream()
                                .map(p -> LayerPaths.find(net, p, "path").getBlock())
                                .collect(Collectors.toList());
                long convs = blocks.stream().filter(b -> b instanceof Conv2d).count();
                long layers = convs + blocks.stream().filter(b -> b instanceof Linear).count();
                System.out.printf(
                        "%s: %d of %d layers quantized, fp32: %s%n",
                        net.getClass().getSimpleName(),
                        report.getLayers().size(),
                        layers,
                        report.getFp32());
                // Every conv and linear, in residual branches and depthwise too.
                assertEquals(layers, report.getLayers().size(), report.toString());
                assertTrue(report.getFp32().isEmpty(), report.toString());
                Path file = folder.resolve("net.onnx");
                OnnxExporter.builder().build().export(result.getBlock(), input, file);
                NDArray x = manager.randomNormal(input);
                float[] djl = forward(result.getBlock(), x);
                float diff = maxAbsDiff(djl, ort(file, x, false));
                float range = 0;
                for (float v : djl) {
                    range = Math.max(range, Math.abs(v));
                }
                List<String> ops = OnnxOps.optimized(file, folder);
                System.out.printf(
                        "unfused max |ORT - DJL| %.3g (range %.3g); %d QLinearConv%n",
                        diff, range, Collections.frequency(ops, "QLinearConv"));
                // Float convolutions sum in another order in each engine; a value that lands on
                // a rounding boundary moves one step: far below the range a wrong graph gives.
                assertTrue(diff <= 0.05f * range, diff + " vs range " + range);
                // ... and every conv runs as an int8 kernel in ONNX Runtime.
                assertEquals(convs, Collections.frequency(ops, "QLinearConv"), ops.toString());
            }
        }
    }

    @Test
    void sensitiveLayersFromASensitivityAnalysisStayFp32() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            Map<String, double[]> accuracy = new LinkedHashMap<>();
            accuracy.put("01SequentialBlock/01Conv2d", new double[] {0.90, 0.60}); // fragile
            accuracy.put("01SequentialBlock/04Conv2d", new double[] {0.90, 0.89});
            accuracy.put("03SequentialBlock/08Linear", new double[] {0.90, 0.85}); // fragile
            SensitivityResult sensitivity =
                    SensitivityResult.of("accuracy", true, 0.90, new double[] {0, 50}, accuracy);
            QuantConfig config = QuantConfig.builder().optKeepFp32(sensitivity, 50, 0.02).build();
            assertEquals(
                    List.of("01SequentialBlock/01Conv2d", "03SequentialBlock/08Linear"),
                    config.getKeepFp32());
            QuantReport report =
                    Quantizer.builder()
                            .setMethod(QuantMethod.INT8_WEIGHT_ONLY)
                            .optConfig(config)
                            .build()
                            .quantize(net, manager)
                            .getReport();
            assertEquals(14, report.getLayers().size());
            assertEquals(config.getKeepFp32(), new ArrayList<>(report.getFp32().keySet()));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> QuantConfig.builder().optKeepFp32(sensitivity, 50, -1));
            assertEquals("maxDrop must be >= 0, got -1.0", e.getMessage());
        }
    }

    @Test
    void badInputIsRefusedWithTheModelUntouched() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = smallVgg(0.125);
            net.initialize(manager, DataType.FLOAT32, INPUT);
            List<float[]> before = values(net);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Quantizer.builder().setMethod(QuantMethod.STATIC).build());
            assertTrue(e.getMessage().startsWith("calibrationData is required for method STATIC"));
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Quantizer.builder().setMethod(QuantMethod.QAT).build());
            assertTrue(e.getMessage().startsWith("calibrationData is required for method QAT"));
            e = assertThrows(IllegalArgumentException.class, () -> Quantizer.builder().build());
            assertTrue(e.getMessage().startsWith("method must be set"), e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Quantizer.builder()
                                            .setMethod(QuantMethod.DYNAMIC)
                                            .optMaxCalibrationSamples(0)
                                            .build());
            assertTrue(e.getMessage().contains("maxCalibrationSamples"), e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> QuantScheme.builder().setBits(9).build());
            assertTrue(e.getMessage().contains("bits"), e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Quantizer.builder()
                                            .setMethod(QuantMethod.DYNAMIC)
                                            .optConfig(
                                                    QuantConfig.builder()
                                                            .optActivationScheme(
                                                                    QuantScheme.builder()
                                                                            .setBits(8)
                                                                            .optSigned(true)
                                                                            .optSymmetric(true)
                                                                            .build())
                                                            .build())
                                            .build());
            assertTrue(e.getMessage().startsWith("DYNAMIC quantization computes uint8"));
            Quantizer keepsAMissingPath =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(randomBatches(manager, 1, INPUT))
                            .optConfig(
                                    QuantConfig.builder()
                                            .optKeepFp32("01SequentialBlock/02Conv2d")
                                            .build())
                            .build();
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> keepsAMissingPath.quantize(net, manager));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "keepFp32 path '01SequentialBlock/02Conv2d' does not exist"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("01SequentialBlock/01Conv2d"), e.getMessage());
            Quantizer empty =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(List.of())
                            .build();
            e = assertThrows(IllegalArgumentException.class, () -> empty.quantize(net, manager));
            assertEquals("calibrationData held no samples", e.getMessage());
            // An observer that saw nothing: convert a prepared copy without calibration.
            Prepared prepared =
                    Quantizer.prepare(net, manager, QuantMethod.STATIC, QuantConfig.defaults());
            IllegalStateException s = assertThrows(IllegalStateException.class, prepared::convert);
            assertTrue(
                    s.getMessage().startsWith("the observers at [01SequentialBlock/01Conv2d.qin,"),
                    s.getMessage());
            // ... and an unconverted model does not export.
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    OnnxExporter.builder()
                                            .build()
                                            .toBytes(prepared.block(), INPUT, "m"));
            assertTrue(e.getMessage().contains("convert the model first"), e.getMessage());
            List<float[]> after = values(net);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i));
            }
            SequentialBlock uninitialized =
                    new SequentialBlock().add(Linear.builder().setUnits(2).build());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Quantizer.builder()
                                            .setMethod(QuantMethod.DYNAMIC)
                                            .build()
                                            .quantize(uninitialized, manager));
            assertTrue(e.getMessage().startsWith("block must be initialized"), e.getMessage());
            assertNull(
                    Quantizer.builder()
                            .setMethod(QuantMethod.DYNAMIC)
                            .build()
                            .quantize(net, manager)
                            .getModel());
        }
    }
}
