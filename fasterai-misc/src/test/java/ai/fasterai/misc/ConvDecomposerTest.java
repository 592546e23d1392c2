/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.model.MobileNetV2;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.LayerPaths;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@link ConvDecomposer}: each factorization computes the convolution with the truncated weight
 * (checked against commons-math), exact parameter counts, rank rules, a real network, bad input.
 */
class ConvDecomposerTest {

    private static final Shape FASHION = new Shape(1, 1, 28, 28);

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(11);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    // ---- the factorizations ----

    @Test
    void svdAtATruncatedRankIsTheConvolutionWithTheTruncatedWeight() {
        // Stride 2, padding 1, dilation 2 and a bias: all must stay on the right layer.
        SequentialBlock net = single(conv(8, 3, 2, 1, 2, true), new Shape(2, 6, 11, 11));
        Conv2d conv = (Conv2d) net.getChildren().get(0).getValue();
        float[] w = weight(conv);
        NDArray x = manager.randomNormal(new Shape(2, 6, 11, 11));

        DecomposeResult result =
                ConvDecomposer.builder().optRank(3).build().decompose(net, manager);

        assertEquals(1, result.getDecomposed().size(), result.toString());
        Decomposition d = result.getDecomposed().get(0);
        assertEquals("01Conv2d", d.path());
        assertEquals(List.of(3), d.ranks());
        assertEquals(8 * 54 + 8, d.parametersBefore());
        assertEquals(3 * 6 * 9 + 8 * 3 + 8, d.parametersAfter());
        Block replacement = result.getBlock().getChildren().get(0).getValue();
        assertEquals(d.parametersAfter(), ConvDecomposer.parameters(replacement));
        List<Conv2d> convs = convs(replacement);
        assertEquals(2, convs.size());
        assertConv(convs.get(0), 3, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        assertEquals(new Shape(2, 2), convs.get(0).getDilation());
        assertConv(convs.get(1), 8, new Shape(1, 1), new Shape(1, 1), new Shape(0, 0), true);

        float[] expected = truncated(w, 8, 54, 3);
        Conv2d reference = like(conv, expected, bias(conv), x.getShape());
        assertClose(forward(reference, x), forward(result.getBlock(), x), 1e-4f);
        // The truncation changes the layer: the comparison above is not trivially met.
        assertTrue(maxDiff(forward(net, x), forward(result.getBlock(), x)) > 1e-2f);
    }

    @Test
    void tuckerAtTruncatedRanksIsTheConvolutionWithTheProjectedWeight() {
        SequentialBlock net = single(conv(8, 3, 2, 1, 2, true), new Shape(2, 6, 11, 11));
        Conv2d conv = (Conv2d) net.getChildren().get(0).getValue();
        float[] w = weight(conv);
        NDArray x = manager.randomNormal(new Shape(2, 6, 11, 11));

        // percentRemoved 0.5: R_out = floor(0.5 * min(8, 54)) = 4, R_in = floor(0.5 * 6) = 3.
        DecomposeResult result =
                ConvDecomposer.builder()
                        .optMethod(ConvDecomposer.Method.TUCKER)
                        .optPercentRemoved(0.5)
                        .build()
                        .decompose(net, manager);

        Decomposition d = result.getDecomposed().get(0);
        assertEquals(List.of(4, 3), d.ranks());
        assertEquals(8 * 54 + 8, d.parametersBefore());
        assertEquals(6 * 3 + 3 * 4 * 9 + 4 * 8 + 8, d.parametersAfter());
        Block replacement = result.getBlock().getChildren().get(0).getValue();
        assertEquals(d.parametersAfter(), ConvDecomposer.parameters(replacement));
        List<Conv2d> convs = convs(replacement);
        assertEquals(3, convs.size());
        assertConv(convs.get(0), 3, new Shape(1, 1), new Shape(1, 1), new Shape(0, 0), false);
        assertConv(convs.get(1), 4, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        assertEquals(new Shape(2, 2), convs.get(1).getDilation());
        assertConv(convs.get(2), 8, new Shape(1, 1), new Shape(1, 1), new Shape(0, 0), true);

        // core x_0 U_out x_1 U_in = W x_0 (U_out U_out^T) x_1 (U_in U_in^T), from commons-math.
        double[][] pOut = projector(w, 8, 54, 4);
        double[][] pIn = projector(ConvDecomposer.inputUnfolding(w, 8, 6, 9), 6, 72, 3);
        float[] expected = new float[w.length];
        for (int o = 0; o < 8; o++) {
            for (int i = 0; i < 6; i++) {
                for (int s = 0; s < 9; s++) {
                    double sum = 0;
                    for (int p = 0; p < 8; p++) {
                        for (int q = 0; q < 6; q++) {
                            sum += pOut[o][p] * pIn[i][q] * w[(p * 6 + q) * 9 + s];
                        }
                    }
                    expected[(o * 6 + i) * 9 + s] = (float) sum;
                }
            }
        }
        Conv2d reference = like(conv, expected, bias(conv), x.getShape());
        assertClose(forward(reference, x), forward(result.getBlock(), x), 1e-4f);
        assertTrue(maxDiff(forward(net, x), forward(result.getBlock(), x)) > 1e-2f);
    }

    @Test
    void fullRankReproducesTheConvolutionWithBothMethods() {
        // The public API never picks a full rank (it cannot save parameters): call the factory.
        Shape input = new Shape(2, 5, 9, 9);
        SequentialBlock net = single(conv(7, 3, 1, 2, 2, true), input);
        Conv2d conv = (Conv2d) net.getChildren().get(0).getValue();
        float[] w = weight(conv);
        NDArray x = manager.randomNormal(input);
        NDArray expected = forward(net, x);

        Svd outMode = Svd.of(w, 7, 45);
        Block svd = ConvDecomposer.svd(conv, outMode, 7, manager);
        assertClose(expected, forward(svd, x), 1e-4f);
        assertEquals(7 * 45 + 7 * 7 + 7, ConvDecomposer.parameters(svd));

        Svd inMode = Svd.of(ConvDecomposer.inputUnfolding(w, 7, 5, 9), 5, 63);
        Block tucker = ConvDecomposer.tucker(conv, outMode, inMode, 7, 5, manager);
        assertClose(expected, forward(tucker, x), 1e-4f);
        assertEquals(5 * 5 + 5 * 7 * 9 + 7 * 7 + 7, ConvDecomposer.parameters(tucker));
    }

    @Test
    void arraysSetBeforeTheSequentialInitializeAreKept() {
        // The order the decomposer relies on: new convs, setArray, add, initialize the container.
        Conv2d a = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build();
        Conv2d b = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build();
        float[] wa = new float[4 * 3 * 9];
        Random random = new Random(1);
        for (int i = 0; i < wa.length; i++) {
            wa[i] = (float) random.nextGaussian();
        }
        float[] wb = {1, 2, 3, 4, 5, 6, 7, 8};
        a.getParameters().get("weight").setArray(manager.create(wa, new Shape(4, 3, 3, 3)));
        a.getParameters().get("bias").setArray(manager.create(new float[] {1, 2, 3, 4}));
        b.getParameters().get("weight").setArray(manager.create(wb, new Shape(2, 4, 1, 1)));
        b.getParameters().get("bias").setArray(manager.create(new float[] {-1, -2}));
        SequentialBlock block = new SequentialBlock().add(a).add(b);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 6, 6));
        assertTrue(block.isInitialized());
        assertArrayEquals(wa, weight(a));
        assertArrayEquals(wb, weight(b));
        assertArrayEquals(new float[] {-1, -2}, bias(b));
        assertEquals(
                new Shape(1, 2, 4, 4),
                forward(block, manager.ones(new Shape(1, 3, 6, 6))).getShape());
    }

    @Test
    void energyThresholdPicksTheSmallestRankKeepingThatShare() {
        Shape input = new Shape(1, 16, 6, 6);
        SequentialBlock net = single(conv(16, 3, 1, 1, 1, false), input);
        Conv2d conv = (Conv2d) net.getChildren().get(0).getValue();
        // A weight of Tucker ranks (4, 5) plus noise: both unfoldings have a decaying spectrum.
        float[] w = lowRank(16, 16, 9, 4, 5, 0.05, 3);
        conv.getParameters().get("weight").getArray().set(w);
        int svdRank = Svd.of(w, 16, 144).rankForEnergy(0.95);
        int inRank =
                Svd.of(ConvDecomposer.inputUnfolding(w, 16, 16, 9), 16, 144).rankForEnergy(0.95);
        assertTrue(svdRank < 16 && inRank < 16, svdRank + ", " + inRank);

        DecomposeResult svd =
                ConvDecomposer.builder().optEnergyThreshold(0.95).build().decompose(net, manager);
        assertEquals(List.of(svdRank), svd.getDecomposed().get(0).ranks());
        // The rank really is the smallest: one less keeps less than 95%.
        double[] sigma = Svd.of(w, 16, 144).singularValues();
        assertTrue(share(sigma, svdRank - 1) < 0.95 && share(sigma, svdRank) >= 0.95);

        DecomposeResult tucker =
                ConvDecomposer.builder()
                        .optMethod(ConvDecomposer.Method.TUCKER)
                        .optEnergyThreshold(0.95)
                        .build()
                        .decompose(net, manager);
        assertEquals(List.of(svdRank, inRank), tucker.getDecomposed().get(0).ranks());
        long expected = 16L * inRank + (long) inRank * svdRank * 9 + 16L * svdRank;
        assertEquals(expected, tucker.getDecomposed().get(0).parametersAfter());
    }

    @Test
    void layersThatWouldNotShrinkAreSkippedWithTheCounts() {
        // A 4 -> 4 1x1 conv at rank 2: 2*4 + 4*2 = 16 = 4*4 parameters, no gain.
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(4, 1, 1, 0, 1, false))
                        .add(ActivationBlock.relu())
                        .add(conv(8, 3, 1, 1, 1, true));
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 5, 5));
        DecomposeResult result = ConvDecomposer.builder().build().decompose(net, manager);
        assertEquals(
                Map.of(
                        "01Conv2d",
                        "SVD at ranks [2] would have 16 parameters, not fewer than"
                                + " the layer's 16"),
                result.getSkipped());
        assertEquals(1, result.getDecomposed().size());
        assertEquals("03Conv2d", result.getDecomposed().get(0).path());
        assertTrue(result.getBlock().getChildren().get(0).getValue() instanceof Conv2d);
        assertTrue(result.getBlock().getChildren().get(2).getValue() instanceof SequentialBlock);
    }

    @Test
    void layersAndExcludeSelectTheConvolutions() {
        Shape input = new Shape(1, 4, 6, 6);
        SequentialBlock inner =
                new SequentialBlock().add(conv(8, 3, 1, 1, 1, true)).add(conv(8, 3, 1, 1, 1, true));
        SequentialBlock net = new SequentialBlock().add(conv(8, 3, 1, 1, 1, true)).add(inner);
        net.initialize(manager, DataType.FLOAT32, input);
        DecomposeResult result =
                ConvDecomposer.builder()
                        .optLayers(List.of("02SequentialBlock"))
                        .optExclude(List.of("02SequentialBlock/02Conv2d"))
                        .build()
                        .decompose(net, manager);
        assertEquals(1, result.getDecomposed().size());
        assertEquals("02SequentialBlock/01Conv2d", result.getDecomposed().get(0).path());
        assertTrue(result.getSkipped().isEmpty());
        NDArray x = manager.randomNormal(input);
        assertEquals(forward(net, x).getShape(), forward(result.getBlock(), x).getShape());
    }

    // ---- real networks ----

    @Test
    void resNetOnFashionMnistShapesDecomposesSavesAndLoads(@TempDir Path dir) throws Exception {
        for (ConvDecomposer.Method method : ConvDecomposer.Method.values()) {
            try (Model model = Model.newInstance("resnet")) {
                model.setBlock(
                        ResNetCifar.builder()
                                .setDepth(8)
                                .optInChannels(1)
                                .optNumClasses(10)
                                .optWidthMultiplier(0.5)
                                .build());
                model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, FASHION);
                Block original = model.getBlock();
                List<float[]> before = values(original);
                NDArray x = manager.randomNormal(new Shape(2, 1, 28, 28));

                DecomposeResult result =
                        ConvDecomposer.builder().optMethod(method).build().decompose(model);
                try (Model decomposed = result.getModel()) {
                    assertNotNull(decomposed);
                    assertEquals("resnet-decomposed", decomposed.getName());
                    assertTrue(result.getDecomposed().size() >= 5, result.toString());
                    long saved = 0;
                    for (Decomposition d : result.getDecomposed()) {
                        assertTrue(d.parametersAfter() < d.parametersBefore(), d.toString());
                        saved += d.parametersBefore() - d.parametersAfter();
                    }
                    Block block = decomposed.getBlock();
                    assertEquals(
                            ConvDecomposer.parameters(original) - saved,
                            ConvDecomposer.parameters(block));
                    NDArray y = forward(block, x);
                    assertEquals(new Shape(2, 10), y.getShape());
                    for (float v : y.toFloatArray()) {
                        assertTrue(Float.isFinite(v));
                    }
                    // The input model is bit-identical.
                    List<float[]> after = values(original);
                    assertEquals(before.size(), after.size());
                    for (int i = 0; i < before.size(); i++) {
                        assertArrayEquals(before.get(i), after.get(i), "parameter " + i);
                    }
                    // The model file describes the replacement: same outputs after a reload.
                    Path file = dir.resolve(method + ".fai");
                    ModelFile.save(decomposed, file);
                    Block loaded = ModelFile.load(file, manager);
                    assertArrayEquals(y.toFloatArray(), forward(loaded, x).toFloatArray());
                    assertEquals(LayerPaths.all(block), LayerPaths.all(loaded));
                }
            }
        }
    }

    @Test
    void depthwiseConvolutionsOfMobileNetV2AreSkippedWithAReason() {
        SequentialBlock net =
                MobileNetV2.builder()
                        .optInChannels(1)
                        .optNumClasses(10)
                        .optWidthMultiplier(0.25)
                        .optSmallInput(true)
                        .build();
        net.initialize(manager, DataType.FLOAT32, FASHION);
        List<String> grouped = new ArrayList<>();
        for (String path : LayerPaths.all(net)) {
            Block b = LayerPaths.find(net, path, "layer").getBlock();
            if (b instanceof Conv2d && ((Conv2d) b).getGroups() > 1) {
                grouped.add(path);
            }
        }
        assertFalse(grouped.isEmpty());
        DecomposeResult result = ConvDecomposer.builder().build().decompose(net, manager);
        for (String path : grouped) {
            String reason = result.getSkipped().get(path);
            assertNotNull(reason, path);
            assertTrue(reason.startsWith("grouped convolution (groups = "), reason);
        }
        assertFalse(result.getDecomposed().isEmpty());
        NDArray y = forward(result.getBlock(), manager.randomNormal(new Shape(2, 1, 28, 28)));
        assertEquals(new Shape(2, 10), y.getShape());
        for (float v : y.toFloatArray()) {
            assertTrue(Float.isFinite(v));
        }
    }

    // ---- bad input ----

    @Test
    void badOptionsAreRefusedByBuild() {
        assertMessage(
                () -> ConvDecomposer.builder().optPercentRemoved(0).build(),
                "percentRemoved must be in (0, 1), got 0.0");
        assertMessage(
                () -> ConvDecomposer.builder().optPercentRemoved(1).build(),
                "percentRemoved must be in (0, 1), got 1.0");
        assertMessage(
                () -> ConvDecomposer.builder().optPercentRemoved(Double.NaN).build(),
                "percentRemoved must be in (0, 1), got NaN");
        assertMessage(
                () -> ConvDecomposer.builder().optRank(0).build(), "rank must be >= 1, got 0");
        assertMessage(
                () -> ConvDecomposer.builder().optEnergyThreshold(0).build(),
                "energyThreshold must be in (0, 1], got 0.0");
        assertMessage(
                () -> ConvDecomposer.builder().optEnergyThreshold(1.5).build(),
                "energyThreshold must be in (0, 1], got 1.5");
        assertMessage(
                () -> ConvDecomposer.builder().optPercentRemoved(0.3).optRank(4).build(),
                "at most one of percentRemoved, rank, energyThreshold may be set, got"
                        + " percentRemoved=0.3 and rank=4");
        assertMessage(
                () -> ConvDecomposer.builder().optRank(4).optEnergyThreshold(0.9).build(),
                "at most one of percentRemoved, rank, energyThreshold may be set, got rank=4 and"
                        + " energyThreshold=0.9");
        assertMessage(
                () -> ConvDecomposer.builder().optMethod(null).build(), "method must not be null");
        // Energy 1 is allowed (the full spectrum).
        assertEquals(
                ConvDecomposer.Method.TUCKER,
                ConvDecomposer.builder()
                        .optMethod(ConvDecomposer.Method.TUCKER)
                        .optEnergyThreshold(1)
                        .build()
                        .getMethod());
    }

    @Test
    void badInputIsRefusedAndTheInputStaysUnchanged() {
        Shape input = new Shape(1, 3, 6, 6);
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv(8, 3, 1, 1, 1, true))
                        .add(ActivationBlock.relu())
                        .add(conv(4, 3, 1, 1, 1, true));
        net.initialize(manager, DataType.FLOAT32, input);
        List<float[]> before = values(net);
        ConvDecomposer svd = ConvDecomposer.builder().build();

        assertMessage(() -> svd.decompose((Model) null), "model must not be null");
        try (Model empty = Model.newInstance("empty")) {
            assertMessage(() -> svd.decompose(empty), "model has no block to decompose");
        }
        assertMessage(() -> svd.decompose(null, manager), "block must not be null");
        assertMessage(() -> svd.decompose(net, null), "manager must not be null");
        SequentialBlock raw = new SequentialBlock().add(conv(2, 3, 1, 1, 1, true));
        assertMessage(
                () -> svd.decompose(raw, manager),
                "block must be initialized (trained or loaded) to decompose its convolutions");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ConvDecomposer.builder()
                                        .optLayers(List.of("01Conv2x"))
                                        .build()
                                        .decompose(net, manager));
        assertTrue(
                e.getMessage().startsWith("layers entry '01Conv2x' does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("01Conv2d"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ConvDecomposer.builder()
                                        .optLayers(List.of("02ActivationBlock"))
                                        .build()
                                        .decompose(net, manager));
        assertTrue(e.getMessage().contains("with no Conv2d"), e.getMessage());
        // Full ranks: 01Conv2d is 8 x 27 (min 8), 03Conv2d is 4 x 72 (min 4; in-mode min(8, 36)).
        assertMessage(
                () -> ConvDecomposer.builder().optRank(4).build().decompose(net, manager),
                "rank must be < min(out, in*kh*kw) = min(4, 72) = 4 for layer '03Conv2d', got 4");
        assertMessage(
                () ->
                        ConvDecomposer.builder()
                                .optMethod(ConvDecomposer.Method.TUCKER)
                                .optRank(3)
                                .build()
                                .decompose(net, manager),
                "rank must be < min(out, in*kh*kw) = 8 (output-channel mode) and < min(in,"
                        + " out*kh*kw) = 3 (input-channel mode) for layer '01Conv2d' with TUCKER,"
                        + " got 3");
        try (Model model = Model.newInstance("net")) {
            model.setBlock(net);
            assertMessage(
                    () -> ConvDecomposer.builder().optRank(9).build().decompose(model),
                    "rank must be < min(out, in*kh*kw) = min(8, 27) = 8 for layer '01Conv2d',"
                            + " got 9");
            List<float[]> after = values(net);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "parameter " + i);
            }
            assertTrue(net.getChildren().get(0).getValue() instanceof Conv2d);
            assertTrue(net.getChildren().get(2).getValue() instanceof Conv2d);
            // After the refusals a valid rank still works on the same input.
            DecomposeResult ok = ConvDecomposer.builder().optRank(2).build().decompose(model);
            try (Model m = ok.getModel()) {
                assertEquals("net-decomposed", m.getName());
                assertEquals(2, ok.getDecomposed().size());
            }
        }
    }

    // ---- helpers ----

    private static Conv2d conv(
            int filters, int kernel, int stride, int padding, int dilation, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optDilation(new Shape(dilation, dilation))
                .optBias(bias)
                .build();
    }

    private SequentialBlock single(Conv2d conv, Shape input) {
        SequentialBlock net = new SequentialBlock().add(conv);
        net.initialize(manager, DataType.FLOAT32, input);
        return net;
    }

    /** A plain convolution with the settings of {@code conv} and the given arrays. */
    private Conv2d like(Conv2d conv, float[] weight, float[] bias, Shape input) {
        Conv2d c =
                Conv2d.builder()
                        .setKernelShape(conv.getKernelShape())
                        .setFilters(conv.getFilters())
                        .optStride(conv.getStride())
                        .optPadding(conv.getPadding())
                        .optDilation(conv.getDilation())
                        .optBias(bias != null)
                        .build();
        Shape shape = conv.getParameters().get("weight").getArray().getShape();
        c.getParameters().get("weight").setArray(manager.create(weight, shape));
        if (bias != null) {
            c.getParameters().get("bias").setArray(manager.create(bias));
        }
        c.initialize(manager, DataType.FLOAT32, input);
        return c;
    }

    private static void assertConv(
            Conv2d c, int filters, Shape kernel, Shape stride, Shape padding, boolean bias) {
        assertEquals(filters, c.getFilters());
        assertEquals(kernel, c.getKernelShape());
        assertEquals(stride, c.getStride());
        assertEquals(padding, c.getPadding());
        assertEquals(1, c.getGroups());
        assertEquals(bias, c.isIncludeBias());
    }

    private static List<Conv2d> convs(Block block) {
        List<Conv2d> convs = new ArrayList<>();
        for (Pair<String, Block> child : block.getChildren()) {
            convs.add((Conv2d) child.getValue());
        }
        return convs;
    }

    private static float[] weight(Block conv) {
        return conv.getParameters().get("weight").getArray().toFloatArray();
    }

    private static float[] bias(Block conv) {
        return conv.getParameters().get("bias").getArray().toFloatArray();
    }

    /** The rank-k truncation U_k diag(s) V_k^T by commons-math, row-major. */
    private static float[] truncated(float[] m, int rows, int cols, int k) {
        SingularValueDecomposition svd = new SingularValueDecomposition(matrix(m, rows, cols));
        RealMatrix u = svd.getU().getSubMatrix(0, rows - 1, 0, k - 1);
        RealMatrix s = svd.getS().getSubMatrix(0, k - 1, 0, k - 1);
        RealMatrix vt = svd.getVT().getSubMatrix(0, k - 1, 0, cols - 1);
        RealMatrix product = u.multiply(s).multiply(vt);
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) product.getEntry(r, c);
            }
        }
        return out;
    }

    /** U_k U_k^T by commons-math: the projection onto the first k left singular vectors. */
    private static double[][] projector(float[] m, int rows, int cols, int k) {
        RealMatrix u =
                new SingularValueDecomposition(matrix(m, rows, cols))
                        .getU()
                        .getSubMatrix(0, rows - 1, 0, k - 1);
        return u.multiply(u.transpose()).getData();
    }

    private static RealMatrix matrix(float[] m, int rows, int cols) {
        double[][] data = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[r][c] = m[r * cols + c];
            }
        }
        return new Array2DRowRealMatrix(data, false);
    }

    /** A weight (out, in, k) = core x_0 A x_1 B with core ranks (rOut, rIn), plus noise. */
    private static float[] lowRank(
            int out, int in, int k, int rOut, int rIn, double noise, long seed) {
        Random random = new Random(seed);
        double[][][] core = new double[rOut][rIn][k];
        double[][] a = new double[out][rOut];
        double[][] b = new double[in][rIn];
        for (double[][] plane : core) {
            for (double[] row : plane) {
                fill(row, random);
            }
        }
        for (double[] row : a) {
            fill(row, random);
        }
        for (double[] row : b) {
            fill(row, random);
        }
        float[] w = new float[out * in * k];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int s = 0; s < k; s++) {
                    double sum = noise * random.nextGaussian();
                    for (int p = 0; p < rOut; p++) {
                        for (int q = 0; q < rIn; q++) {
                            sum += a[o][p] * b[i][q] * core[p][q][s];
                        }
                    }
                    w[(o * in + i) * k + s] = (float) sum;
                }
            }
        }
        return w;
    }

    private static void fill(double[] row, Random random) {
        for (int i = 0; i < row.length; i++) {
            row[i] = random.nextGaussian();
        }
    }

    private static double share(double[] sigma, int k) {
        double total = 0;
        double kept = 0;
        for (int i = 0; i < sigma.length; i++) {
            total += sigma[i] * sigma[i];
            if (i < k) {
                kept += sigma[i] * sigma[i];
            }
        }
        return kept / total;
    }

    private static NDArray forward(Block block, NDArray x) {
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .head();
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    /** Equal within {@code tolerance} of the output's scale (at least 1). */
    private static void assertClose(NDArray expected, NDArray actual, float tolerance) {
        assertEquals(expected.getShape(), actual.getShape());
        float scale = Math.max(1f, expected.abs().max().getFloat());
        float diff = maxDiff(expected, actual);
        assertTrue(diff <= tolerance * scale, "max difference " + diff + " at scale " + scale);
    }

    private static void assertMessage(Executable call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    private static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.add(pair.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
