/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

class SparsifierTest {

    private static final String[] CONV_GRANULARITIES = {
        "weight",
        "shared_weight",
        "channel",
        "column",
        "row",
        "kernel",
        "filter",
        "shared_channel",
        "shared_column",
        "shared_row",
        "vertical_slice",
        "horizontal_slice",
        "shared_vertical_slice",
        "shared_horizontal_slice",
        "shared_kernel",
        "layer"
    };

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static Stream<Arguments> convCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String g : CONV_GRANULARITIES) {
            for (Context c : Context.values()) {
                cases.add(Arguments.of(g, c, 50.0));
                cases.add(Arguments.of(g, c, 30.0));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}%")
    @MethodSource("convCases")
    void everyConvGranularityGivesTheExactSparsityInWholeGroups(
            String granularity, Context context, double sparsity) {
        SequentialBlock net = SparseNets.convNet(manager, 1);
        try (Sparsifier sparsifier =
                Sparsifier.of(net, granularity, context, Criteria.largeFinal())) {
            sparsifier.sparsifyModel(sparsity);
            assertExactGroups(net, sparsifier, new int[] {0, 3}, granularity, context, sparsity);
        }
    }

    static Stream<Arguments> linearCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String g : new String[] {"weight", "column", "row", "layer"}) {
            for (Context c : Context.values()) {
                cases.add(Arguments.of(g, c, 50.0));
                cases.add(Arguments.of(g, c, 70.0));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}%")
    @MethodSource("linearCases")
    void everyLinearGranularityGivesTheExactSparsityInWholeGroups(
            String granularity, Context context, double sparsity) {
        SequentialBlock net = SparseNets.convNet(manager, 2);
        try (Sparsifier sparsifier =
                Sparsifier.builder()
                        .setModel(net)
                        .optGranularity(granularity)
                        .optContext(context)
                        .optLayerTypes(Linear.class)
                        .build()) {
            sparsifier.sparsifyModel(sparsity);
            assertExactGroups(net, sparsifier, new int[] {7, 9}, granularity, context, sparsity);
        }
    }

    private static void assertExactGroups(
            SequentialBlock net,
            Sparsifier sparsifier,
            int[] children,
            String granularity,
            Context context,
            double sparsity) {
        long totalGroups = 0;
        long totalZero = 0;
        for (int child : children) {
            NDArray w = SparseNets.weight(net, child);
            int[] axes =
                    Granularities.axes(
                            net.getChildren().get(child).getValue(), granularity, "child");
            long groups = w.getShape().size();
            for (int axis : axes) {
                groups /= w.getShape().get(axis);
            }
            long zero = SparseNets.zeroGroups(w, axes);
            if (context == Context.LOCAL) {
                assertEquals(Math.round(sparsity / 100 * groups), zero, "layer " + child);
            }
            totalGroups += groups;
            totalZero += zero;
        }
        if (context == Context.GLOBAL) {
            assertEquals(Math.round(sparsity / 100 * totalGroups), totalZero);
        }
        assertEquals(children.length, sparsifier.getLayerPaths().size());
    }

    @Test
    void globalTakesMoreFromTheLayerWithSmallerWeightsAndLocalTakesTheSameShare() {
        SequentialBlock net = SparseNets.convNet(manager, 3);
        SparseNets.weight(net, 3).muli(0.01f);
        Map<String, float[]> before = SparseNets.snapshot(net);
        try (Sparsifier global =
                Sparsifier.of(net, "filter", Context.GLOBAL, Criteria.largeFinal())) {
            global.sparsifyModel(50);
            long first = SparseNets.zeroGroups(SparseNets.weight(net, 0), new int[] {1, 2, 3});
            long second = SparseNets.zeroGroups(SparseNets.weight(net, 3), new int[] {1, 2, 3});
            assertEquals(8, first + second);
            assertEquals(8, second, "the layer scaled by 0.01 gives every filter first");
            assertEquals(0, first);
        }
        SequentialBlock fresh = SparseNets.convNet(manager, 3);
        SparseNets.weight(fresh, 3).muli(0.01f);
        try (Sparsifier local =
                Sparsifier.of(fresh, "filter", Context.LOCAL, Criteria.largeFinal())) {
            local.sparsifyModel(50);
            assertEquals(
                    4, SparseNets.zeroGroups(SparseNets.weight(fresh, 0), new int[] {1, 2, 3}));
            assertEquals(
                    4, SparseNets.zeroGroups(SparseNets.weight(fresh, 3), new int[] {1, 2, 3}));
        }
        assertTrue(before.size() > 0);
    }

    @Test
    void filterGranularityZeroesBiasAndTheFollowingBatchNorm() {
        SequentialBlock net = SparseNets.convNet(manager, 4);
        try (Sparsifier sparsifier =
                Sparsifier.of(net, "filter", Context.LOCAL, Criteria.largeFinal())) {
            sparsifier.sparsifyModel(50);
            for (int conv : new int[] {0, 3}) {
                SparseNets.assertDeadFilters(net, conv, 4);
                // Kept filters keep their BatchNorm shift too.
                float[] norms =
                        SparseNets.weight(net, conv).abs().sum(new int[] {1, 2, 3}).toFloatArray();
                float[] beta = SparseNets.param(net, conv + 1, "beta").toFloatArray();
                for (int f = 0; f < norms.length; f++) {
                    if (norms[f] != 0f) {
                        assertNotEquals(0f, beta[f]);
                    }
                }
            }
            // The zeroed channels output exactly zero after BatchNorm in inference.
            NDArray x = manager.randomNormal(SparseNets.INPUT);
            NDArray out =
                    new SequentialBlock()
                            .addAll(
                                    net.getChildren().get(0).getValue(),
                                    net.getChildren().get(1).getValue())
                            .forward(
                                    new ai.djl.training.ParameterStore(manager, false),
                                    new NDList(x),
                                    false)
                            .singletonOrThrow();
            float[] norms = SparseNets.weight(net, 0).abs().sum(new int[] {1, 2, 3}).toFloatArray();
            float[] channelAbs = out.abs().sum(new int[] {0, 2, 3}).toFloatArray();
            for (int f = 0; f < norms.length; f++) {
                if (norms[f] == 0f) {
                    assertEquals(0f, channelAbs[f], "channel " + f);
                }
            }
        }
    }

    @Test
    void twoFourKeepsExactlyTwoOfEveryFourAlongTheInputAxis() {
        SequentialBlock net = SparseNets.convNet(manager, 5);
        try (Sparsifier sparsifier =
                Sparsifier.builder()
                        .setModel(net)
                        .optLayerTypes(Conv2d.class, Linear.class)
                        .optSemiStructured()
                        .build()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            Sparsifier.builder()
                                    .setModel(SparseNets.convNet(manager, 5))
                                    .optNM(2, 3)
                                    .build(),
                    "4 input channels are not a multiple of 3");
            sparsifier.sparsifyModel(50);
            for (int child : new int[] {3, 7, 9}) {
                NDArray w = SparseNets.weight(net, child);
                int rank = w.getShape().dimension();
                int[] order = new int[rank];
                order[0] = 0;
                for (int i = 2; i < rank; i++) {
                    order[i - 1] = i;
                }
                order[rank - 1] = 1;
                float[] v = w.transpose(order).toFloatArray();
                for (int start = 0; start < v.length; start += 4) {
                    int nonZero = 0;
                    for (int j = 0; j < 4; j++) {
                        nonZero += v[start + j] != 0f ? 1 : 0;
                    }
                    assertEquals(2, nonZero, "child " + child + " run at " + start);
                }
            }
        }
    }

    @Test
    void nmOnALayerWhoseInputIsNotAMultipleOfMThrowsNamingTheLayer() {
        SequentialBlock net = SparseNets.convNet(manager, 5);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Sparsifier.builder().setModel(net).optNM(2, 8).build());
        assertTrue(e.getMessage().contains("01Conv2d"), e.getMessage());
        assertTrue(e.getMessage().contains("M=8"), e.getMessage());
    }

    @Test
    void roundToKeepsAMultipleOfGroups() {
        SequentialBlock net = SparseNets.convNet(manager, 6);
        try (Sparsifier sparsifier =
                Sparsifier.of(net, "filter", Context.LOCAL, Criteria.largeFinal())) {
            sparsifier.sparsifyModel(50, 3); // keep 4 -> rounded up to 6
            assertEquals(2, SparseNets.zeroGroups(SparseNets.weight(net, 0), new int[] {1, 2, 3}));
            assertEquals(2, SparseNets.zeroGroups(SparseNets.weight(net, 3), new int[] {1, 2, 3}));
        }
    }

    @Test
    void perLayerSparsitiesApplyLocallyAndAreRefusedGlobally() {
        SequentialBlock net = SparseNets.convNet(manager, 7);
        try (Sparsifier sparsifier =
                Sparsifier.of(net, "filter", Context.LOCAL, Criteria.largeFinal())) {
            assertEquals(List.of("01Conv2d", "04Conv2d"), sparsifier.getLayerPaths());
            sparsifier.sparsifyModel(Map.of("01Conv2d", 25.0, "04Conv2d", 75.0));
            assertEquals(2, SparseNets.zeroGroups(SparseNets.weight(net, 0), new int[] {1, 2, 3}));
            assertEquals(6, SparseNets.zeroGroups(SparseNets.weight(net, 3), new int[] {1, 2, 3}));
            IllegalArgumentException unknown =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> sparsifier.sparsifyModel(Map.of("nope", 10.0)));
            assertTrue(unknown.getMessage().contains("01Conv2d"), unknown.getMessage());
        }
        try (Sparsifier global =
                Sparsifier.of(net, "filter", Context.GLOBAL, Criteria.largeFinal())) {
            Map<String, float[]> before = SparseNets.snapshot(net);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> global.sparsifyModel(Map.of("01Conv2d", 25.0)));
            assertTrue(e.getMessage().contains("LOCAL"), e.getMessage());
            assertTrue(SparseNets.sameValues(before, SparseNets.snapshot(net)));
        }
    }

    @Test
    void badInputIsRefusedBeforeTheModelIsTouched() {
        SequentialBlock net = SparseNets.convNet(manager, 8);
        Map<String, float[]> before = SparseNets.snapshot(net);
        try (Sparsifier sparsifier =
                Sparsifier.of(net, "kernel", Context.LOCAL, Criteria.largeFinal())) {
            for (double bad : new double[] {-1, 100.5, Double.NaN}) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> sparsifier.sparsifyModel(bad));
                assertTrue(e.getMessage().contains("sparsity"), e.getMessage());
                assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            }
        }
        IllegalArgumentException granularity =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Sparsifier.builder()
                                        .setModel(net)
                                        .optGranularity("filter")
                                        .optLayerTypes(Linear.class)
                                        .build());
        assertTrue(granularity.getMessage().contains("[weight, column, row, layer]"));
        IllegalArgumentException types =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Sparsifier.builder()
                                        .setModel(net)
                                        .optLayerTypes(ai.djl.nn.recurrent.LSTM.class)
                                        .build());
        assertTrue(types.getMessage().contains("LSTM"), types.getMessage());
        try (Sparsifier wanda =
                Sparsifier.builder().setModel(net).optCriteria(Criteria.wanda()).build()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> wanda.sparsifyModel(50));
            assertTrue(e.getMessage().contains("calibrate"), e.getMessage());
        }
        try (Sparsifier taylor =
                Sparsifier.builder().setModel(net).optCriteria(Criteria.taylor()).build()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> taylor.sparsifyModel(50));
            assertTrue(e.getMessage().contains("captureGradients"), e.getMessage());
        }
        assertTrue(SparseNets.sameValues(before, SparseNets.snapshot(net)));
    }

    @Test
    void taylorScoresAreWeightTimesGradientReducedOverTheGroup() {
        SequentialBlock net = SparseNets.convNet(manager, 9);
        NDArray w = SparseNets.weight(net, 0);
        w.setRequiresGradient(true);
        try (Sparsifier sparsifier =
                Sparsifier.builder()
                        .setModel(net)
                        .optGranularity("filter")
                        .optCriteria(Criteria.taylor())
                        .build()) {
            NDArray c1 = manager.randomNormal(w.getShape());
            float[] first = taylorScores(sparsifier, w, c1);
            NDArray c2 = manager.randomNormal(w.getShape());
            float[] second = taylorScores(sparsifier, w, c2);
            assertTrue(!java.util.Arrays.equals(first, second), "new gradients, new scores");
        }
    }

    private static float[] shiftBack(float[] scores) {
        float[] out = scores.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= Normalizer.EPS;
        }
        return out;
    }

    /**
     * Backpropagates L = sum(w * c), captures the gradient and checks the layer's filter scores
     * against mean(|w * grad|) over each filter, computed by hand.
     */
    private static float[] taylorScores(Sparsifier sparsifier, NDArray w, NDArray c) {
        if (w.hasGradient()) {
            NDArray old = w.getGradient();
            old.subi(old);
        }
        try (ai.djl.training.GradientCollector gc =
                ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.backward(w.mul(c).sum());
        }
        sparsifier.captureGradients();
        SparseLayer layer = sparsifierLayer(sparsifier, "01Conv2d");
        float[] grad = w.getGradient().toFloatArray();
        assertArrayEquals(grad, layer.getGradient().toFloatArray());
        float[] weights = w.toFloatArray();
        float[] expected = new float[8];
        for (int i = 0; i < weights.length; i++) {
            expected[i / 36] += Math.abs(weights[i] * grad[i]) / 36f;
        }
        float[] scores =
                sparsifier.getCriteria().groupScores(layer, null, null, layer.axes).toFloatArray();
        assertArrayEquals(expected, shiftBack(scores), 1e-5f);
        return scores;
    }

    private static SparseLayer sparsifierLayer(Sparsifier sparsifier, String path) {
        try {
            java.lang.reflect.Field f = Sparsifier.class.getDeclaredField("byPath");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, SparseLayer> byPath = (Map<String, SparseLayer>) f.get(sparsifier);
            return byPath.get(path);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wandaWeighsWeightsByTheirInputChannelNorm() {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(2).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        NDArray w = SparseNets.weight(net, 0);
        w.set(new float[] {1, 1, 1, 1, 1, 1, 1, 1});
        // Input channels with norms growing 1, 2, 3, 4.
        NDArray x = manager.create(new float[] {1, 2, 3, 4, -1, -2, -3, -4}, new Shape(2, 4));
        try (Sparsifier sparsifier =
                Sparsifier.builder()
                        .setModel(net)
                        .optLayerTypes(Linear.class)
                        .optCriteria(Criteria.wanda())
                        .build()) {
            sparsifier.calibrate(List.of(new NDList(x)));
            sparsifier.sparsifyModel(50);
            assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, w.toFloatArray());
            // The model still runs normally after calibration (the recorder was removed).
            assertEquals(Linear.class, net.getChildren().get(0).getValue().getClass());
        }
    }

    @Test
    void initCriteriaCompareWithTheSavedWeights() {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(1).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        NDArray w = SparseNets.weight(net, 0);
        w.set(new float[] {4, 3, 2, 1});
        try (Sparsifier sparsifier =
                Sparsifier.builder()
                        .setModel(net)
                        .optLayerTypes(Linear.class)
                        .optCriteria(Criteria.largeInit())
                        .build()) {
            w.set(new float[] {1, 2, 3, 4}); // training reversed the order
            sparsifier.sparsifyModel(50);
            assertArrayEquals(new float[] {1, 2, 0, 0}, w.toFloatArray());
        }
        try (Sparsifier movement =
                Sparsifier.builder()
                        .setModel(net)
                        .optLayerTypes(Linear.class)
                        .optCriteria(Criteria.movement())
                        .build()) {
            w.set(new float[] {5, 2, 0.5f, 0}); // moved by 4, 0, 0.5, 0
            sparsifier(movement).sparsifyModel(50);
            assertArrayEquals(new float[] {5, 0, 0.5f, 0}, w.toFloatArray());
        }
    }

    private static Sparsifier sparsifier(Sparsifier s) {
        return s;
    }

    @Test
    void reportNamesEachLayerAndTheOverallSparsity() {
        SequentialBlock net = SparseNets.convNet(manager, 10);
        try (Sparsifier sparsifier =
                Sparsifier.of(net, "weight", Context.LOCAL, Criteria.largeFinal())) {
            assertNull(sparsifier.getMask("01Conv2d"));
            sparsifier.sparsifyModel(50);
            String report = sparsifier.report();
            assertTrue(report.contains("Sparsity in Conv2d 1 (01Conv2d): 50.00%"), report);
            assertTrue(report.contains("Sparsity in Conv2d 2 (04Conv2d): 50.00%"), report);
            assertTrue(report.contains("Overall sparsity: 50.00%"), report);
            assertEquals(50.0, sparsifier.getSparsities().get("04Conv2d"), 1e-9);
        }
    }

    @Test
    void masksAreReappliedAndResetRewindsEverywhereTheMaskIsOne() {
        SequentialBlock net = SparseNets.convNet(manager, 11);
        try (Sparsifier sparsifier =
                Sparsifier.of(net, "weight", Context.LOCAL, Criteria.largeFinal())) {
            sparsifier.saveWeights();
            float[] saved = SparseNets.weight(net, 0).toFloatArray();
            sparsifier.sparsifyModel(40);
            float[] mask = sparsifier.getMask("01Conv2d").toFloatArray();
            SparseNets.weight(net, 0).addi(1f); // an optimizer step would do this
            sparsifier.applyMasks();
            float[] after = SparseNets.weight(net, 0).toFloatArray();
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] == 0f) {
                    assertTrue(after[i] == 0f, "masked weight " + i + " is " + after[i]);
                }
            }
            sparsifier.resetWeights();
            float[] reset = SparseNets.weight(net, 0).toFloatArray();
            for (int i = 0; i < mask.length; i++) {
                assertTrue(
                        mask[i] == 0f ? reset[i] == 0f : reset[i] == saved[i],
                        "weight " + i + ": " + reset[i]);
            }
        }
    }

    @Test
    void modelTypeDjlModelIsAccepted() {
        try (ai.djl.Model model = ai.djl.Model.newInstance("m")) {
            SequentialBlock net = SparseNets.convNet(model.getNDManager(), 12);
            model.setBlock(net);
            try (Sparsifier sparsifier = Sparsifier.builder().setModel(model).build()) {
                sparsifier.sparsifyModel(10);
                assertEquals(2, sparsifier.getLayerPaths().size());
            }
        }
        assertEquals(DataType.FLOAT32, manager.zeros(new Shape(1)).getDataType());
    }
}
