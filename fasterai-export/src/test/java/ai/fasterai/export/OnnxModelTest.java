/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import ai.fasterai.core.stats.LatencyResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link OnnxModel} on hand-built graphs (the block writers are tested elsewhere), and {@link
 * OnnxVerifier} on a custom block exported through a writer registered here.
 */
class OnnxModelTest {

    // y = relu(x W^T + b), W (2 x 3), as in OnnxGraphTest.
    private static final float[] W = GemmReluGraph.W;
    private static final float[] B = GemmReluGraph.B;

    @TempDir static Path dir;
    private static Path gemm;
    private static NDManager manager;

    @BeforeAll
    static void setUp() throws Exception {
        gemm = dir.resolve("gemm.onnx");
        Files.write(gemm, GemmReluGraph.bytes());
        manager = NDManager.newBaseManager();
        OnnxExporter.register(new ScaleWriter());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void predictsFloatArraysAtBatch1And8() {
        try (OnnxModel onnx = OnnxModel.load(gemm)) {
            for (int batch : new int[] {1, 8}) {
                float[] x = random(batch * 3, batch);
                float[] y = onnx.predict(x, new long[] {batch, 3});
                assertArrayEquals(expected(x), y, 1e-6f, "batch " + batch);
            }
        }
    }

    @Test
    void predictsNdArraysOnTheInputsManager() {
        try (OnnxModel onnx = OnnxModel.load(gemm);
                NDManager local = manager.newSubManager()) {
            for (int batch : new int[] {1, 8}) {
                float[] x = random(batch * 3, 10 + batch);
                NDArray y = onnx.predict(local.create(x, new Shape(batch, 3)));
                assertSame(local, y.getManager());
                assertEquals(DataType.FLOAT32, y.getDataType());
                assertEquals(new Shape(batch, 2), y.getShape());
                assertArrayEquals(expected(x), y.toFloatArray(), 1e-6f, "batch " + batch);
            }
            // A float64 input is read as float32.
            NDArray doubles = local.create(new double[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray y = onnx.predict(doubles);
            assertEquals(DataType.FLOAT32, y.getDataType());
            assertArrayEquals(new float[] {0, 0, 0, 3}, y.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void reportsNamesAndTheDynamicBatch() {
        try (OnnxModel onnx = OnnxModel.load(gemm)) {
            assertEquals("input", onnx.getInputName());
            assertEquals("relu", onnx.getOutputName());
            assertArrayEquals(new long[] {-1, 3}, onnx.getInputShape());
            assertEquals(gemm, onnx.getFile());
            assertEquals(OnnxModel.OptLevel.ALL, onnx.getOptions().getOptimizationLevel());
            assertEquals(0, onnx.getOptions().getIntraOpThreads());
        }
    }

    @Test
    void everyOptimizationLevelAndThreadCountGivesTheSameOutputs() {
        float[] x = random(8 * 3, 3);
        for (OnnxModel.OptLevel level : OnnxModel.OptLevel.values()) {
            OnnxModel.Options options =
                    OnnxModel.Options.builder()
                            .optOptimizationLevel(level)
                            .optIntraOpThreads(2)
                            .optInterOpThreads(1)
                            .build();
            try (OnnxModel onnx = OnnxModel.load(gemm, options)) {
                assertSame(options, onnx.getOptions());
                assertEquals(level, onnx.getOptions().getOptimizationLevel());
                assertEquals(2, onnx.getOptions().getIntraOpThreads());
                assertEquals(1, onnx.getOptions().getInterOpThreads());
                assertArrayEquals(expected(x), onnx.predict(x, new long[] {8, 3}), 1e-6f);
            }
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxModel.Options.builder().optIntraOpThreads(-1));
        assertTrue(e.getMessage().contains("intraOpThreads"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> OnnxModel.Options.builder().optOptimizationLevel(null));
    }

    @Test
    void latencyUsesTheConfiguredRunsWarmupAndThreads() {
        OnnxModel.Options one = OnnxModel.Options.builder().optIntraOpThreads(1).build();
        try (OnnxModel onnx = OnnxModel.load(gemm, one)) {
            LatencyResult result = onnx.latency(new Shape(4, 3), 3, 5);
            assertEquals(5, result.runs());
            assertEquals(3, result.warmup());
            assertEquals(4, result.batchSize());
            assertEquals(1, result.threads());
            assertTrue(result.medianMs() >= 0 && result.p90Ms() >= result.medianMs());
        }
        try (OnnxModel onnx = OnnxModel.load(gemm)) {
            LatencyResult result = onnx.latency(new Shape(1, 3), 1, 2);
            assertEquals(Runtime.getRuntime().availableProcessors(), result.threads());
            assertThrows(IllegalArgumentException.class, () -> onnx.latency(new Shape(1, 3), 0, 2));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> onnx.latency(new Shape(1, 4), 1, 1));
            assertTrue(e.getMessage().contains("input shape [1, 4]"), e.getMessage());
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.onnx");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OnnxModel.load(missing));
        assertEquals("no ONNX model file at " + missing, e.getMessage());
        // A directory is not a model file either.
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.load(dir));
    }

    @Test
    void randomBytesAreRefusedWithOrtsReason() throws Exception {
        Path junk = dir.resolve("junk.onnx");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        assertCorrupt(junk, "Protobuf parsing failed");
        Path empty = dir.resolve("empty.onnx");
        Files.write(empty, new byte[0]);
        assertCorrupt(empty, "ModelProto does not have a graph");
    }

    @Test
    void truncatedExportIsRefusedWithOrtsReason() throws Exception {
        byte[] bytes = GemmReluGraph.bytes();
        for (int keep : new int[] {bytes.length / 2, bytes.length - 3}) {
            Path truncated = dir.resolve("truncated" + keep + ".onnx");
            Files.write(truncated, Arrays.copyOf(bytes, keep));
            assertCorrupt(truncated, "Protobuf parsing failed");
        }
    }

    private static void assertCorrupt(Path file, String ortReason) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OnnxModel.load(file));
        String prefix = "cannot load ONNX model " + file + ": ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        // ONNX Runtime's own reason follows.
        assertTrue(e.getMessage().contains(ortReason), e.getMessage());
        assertTrue(e.getCause() instanceof ai.onnxruntime.OrtException, e.getMessage());
    }

    @Test
    void mismatchedShapesAreRefusedBeforeOnnxRuntime() {
        try (OnnxModel onnx = OnnxModel.load(gemm);
                NDManager local = manager.newSubManager()) {
            assertShapeError(onnx, new long[] {2, 4}, 8);
            assertShapeError(onnx, new long[] {3}, 3);
            assertShapeError(onnx, new long[] {1, 1, 3}, 3);
            assertShapeError(onnx, new long[] {0, 3}, 0);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> onnx.predict(local.zeros(new Shape(2, 2, 3))));
            assertEquals(
                    "input shape [2, 2, 3] does not match the ONNX model's input 'input' of shape"
                            + " [-1, 3] (-1: any size)",
                    e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> onnx.predict(new float[5], new long[] {2, 3}));
            assertEquals("input shape [2, 3] holds 6 values, got 5", e.getMessage());
        }
    }

    private static void assertShapeError(OnnxModel onnx, long[] shape, int size) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> onnx.predict(new float[size], shape));
        assertEquals(
                "input shape "
                        + Arrays.toString(shape)
                        + " does not match the ONNX model's input 'input' of shape [-1, 3] (-1:"
                        + " any size)",
                e.getMessage());
    }

    @Test
    void useAfterCloseThrows() {
        OnnxModel onnx = OnnxModel.load(gemm);
        onnx.close();
        assertDoesNotThrow(onnx::close, "closing twice does nothing");
        String message = "ONNX model " + gemm + " is closed";
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> onnx.predict(new float[3], new long[] {1, 3}));
        assertEquals(message, e.getMessage());
        // Closed is reported before the (wrong) shape.
        e =
                assertThrows(
                        IllegalStateException.class,
                        () -> onnx.predict(new float[4], new long[] {1, 4}));
        assertEquals(message, e.getMessage());
        try (NDManager local = manager.newSubManager()) {
            NDArray x = local.zeros(new Shape(1, 3));
            assertThrows(IllegalStateException.class, () -> onnx.predict(x));
        }
        assertThrows(IllegalStateException.class, () -> onnx.latency(new Shape(1, 3), 1, 1));
    }

    @Test
    void exportedCustomBlockMatchesDjl() throws Exception {
        SequentialBlock net = new SequentialBlock().add(new Scale());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        Path file = dir.resolve("scale.onnx");
        // Exercises the extension point: Scale is only known through the registered writer.
        OnnxExporter.builder().build().export(net, new Shape(1, 3), file);
        try (NDManager local = manager.newSubManager()) {
            NDList samples =
                    new NDList(
                            local.create(random(3, 1), new Shape(1, 3)),
                            local.create(random(8 * 3, 2), new Shape(8, 3)));
            VerificationResult result = OnnxVerifier.verify(net, file, samples);
            assertTrue(result.getMaxAbsDiff() < 1e-6, result.toString());
            assertTrue(result.isWithin(1e-6), result.toString());
            assertEquals(2, result.getSampleMaxAbsDiffs().length);
            assertTrue(result.getOutputScale() > 0);
            // The samples are still usable: the DJL pass gave them back to their manager.
            assertSame(local, samples.get(0).getManager());

            try (Model model = Model.newInstance("scale")) {
                model.setBlock(net);
                assertTrue(OnnxVerifier.verify(model, file, samples).isWithin(1e-6));
            }
            try (OnnxModel onnx = OnnxModel.load(file)) {
                assertTrue(onnx.verify(net, samples).isWithin(1e-6));
            }
        }
    }

    @Test
    void differentWeightsGiveTheExactDifference() throws Exception {
        SequentialBlock net = new SequentialBlock().add(new Scale()); // y = 2x
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        OnnxGraph graph = new OnnxGraph();
        String input = graph.setInput("input", 3);
        String factor = graph.addInitializer("factor", new float[] {3}, 1);
        String y = graph.addNode("Mul", "mul", OnnxAttributes.of(), input, factor); // y = 3x
        graph.setOutput(y, 3);
        Path file = dir.resolve("times3.onnx");
        Files.write(file, graph.toBytes(17, "times3", "test"));
        try (NDManager local = manager.newSubManager()) {
            NDList samples =
                    new NDList(
                            local.create(new float[] {1, -2, 0.5f}, new Shape(1, 3)),
                            local.create(new float[] {4, 1, -1, 0.25f, 2, 3}, new Shape(2, 3)));
            VerificationResult result = OnnxVerifier.verify(net, file, samples);
            // |3x - 2x| = |x|: the samples' largest magnitudes are 2 and 4; DJL's outputs reach 8.
            assertArrayEquals(new double[] {2, 4}, result.getSampleMaxAbsDiffs(), 0);
            assertEquals(4, result.getMaxAbsDiff(), 0);
            assertEquals(8, result.getOutputScale(), 0);
            assertEquals(0.5, result.getMaxRelativeDiff(), 0);
            assertTrue(!result.isWithin(1e-6));

            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    OnnxVerifier.verify(
                                            net, file, new NDList(local.zeros(new Shape(1, 4)))));
            assertTrue(e.getMessage().contains("input shape [1, 4]"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> OnnxVerifier.verify(net, file, new NDList()));
        }
    }

    @Test
    void outputShapeMismatchIsReported() throws Exception {
        SequentialBlock net = new SequentialBlock().add(new Scale()); // (batch, 3)
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        try (NDManager local = manager.newSubManager()) {
            NDList samples = new NDList(local.ones(new Shape(1, 3)));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> OnnxVerifier.verify(net, gemm, samples)); // (batch, 2)
            assertEquals(
                    "sample 0: the DJL output's shape [1, 3] differs from the ONNX output's [1, 2]",
                    e.getMessage());
        }
    }

    /** relu(x W^T + b) by hand, row by row, in double. */
    private static float[] expected(float[] x) {
        int batch = x.length / 3;
        float[] y = new float[batch * 2];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < 2; o++) {
                double sum = B[o];
                for (int i = 0; i < 3; i++) {
                    sum += (double) x[n * 3 + i] * W[o * 3 + i];
                }
                y[n * 2 + o] = (float) Math.max(0, sum);
            }
        }
        return y;
    }

    /** Values in [-5, 5), so that both Relu branches are taken. */
    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 10 - 5;
        }
        return values;
    }

    /** Multiplies its input by a one-element parameter, initialized to 2. */
    static final class Scale extends AbstractBlock {

        private final Parameter factor;

        Scale() {
            factor =
                    addParameter(
                            Parameter.builder()
                                    .setName("factor")
                                    .setType(Parameter.Type.WEIGHT)
                                    .optShape(new Shape(1))
                                    .optInitializer(new ConstantInitializer(2f))
                                    .build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.mul(store.getValue(factor, x.getDevice(), training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }

        Parameter getFactor() {
            return factor;
        }
    }

    /** Writes {@link Scale} as a Mul by its factor, broadcast over the input. */
    static final class ScaleWriter implements OnnxBlockWriter<Scale> {

        @Override
        public Class<Scale> blockClass() {
            return Scale.class;
        }

        @Override
        public String write(Scale block, OnnxExportContext context, String input, Shape shape) {
            String factor = context.addWeight("factor", block.getFactor().getArray());
            return context.getGraph()
                    .addNode("Mul", context.name("mul"), OnnxAttributes.of(), input, factor);
        }
    }
}
