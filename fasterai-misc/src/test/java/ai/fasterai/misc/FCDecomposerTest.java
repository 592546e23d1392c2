/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.LayerPaths;
import ai.fasterai.core.stats.ModelStats;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@link FCDecomposer}: exact factors, parameter counts, rank rules, ASVD, refusals. */
class FCDecomposerTest {

    private static final int IN = 24;
    private static final int HIDDEN = 40;
    private static final int OUT = 10;

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

    @Test
    void factorsAreTheTruncatedSvdAndCountExactly() {
        Block mlp = mlp();
        float[] w = weight(mlp, "01Linear");
        float[] b =
                mlp.getChildren()
                        .get(0)
                        .getValue()
                        .getParameters()
                        .get("bias")
                        .getArray()
                        .toFloatArray();
        DecomposeResult result = FCDecomposer.builder().optRank(6).build().decompose(mlp, manager);

        Block factors = LayerPaths.find(result.getBlock(), "01Linear", "layer").getBlock();
        assertTrue(factors instanceof SequentialBlock, factors.getClass().getName());
        assertEquals(6L * (IN + HIDDEN) + HIDDEN, count(factors));
        Decomposition first = result.getDecomposed().get(0);
        assertEquals(
                new Decomposition(
                        "01Linear",
                        List.of(6),
                        (long) IN * HIDDEN + HIDDEN,
                        6L * (IN + HIDDEN) + HIDDEN),
                first);
        // The second Linear (40 -> 10) at rank 6 holds 300 < 400 weights: also decomposed.
        assertEquals(2, result.getDecomposed().size());
        assertEquals(
                6L * (HIDDEN + OUT) + OUT,
                count(LayerPaths.find(result.getBlock(), "03Linear", "layer").getBlock()));

        // The layer computes x (U_6 S_6 V_6^T)^T + b, U, S, V from commons-math.
        NDArray x = manager.randomNormal(new Shape(5, IN));
        float[] actual = forward(factors, x).toFloatArray();
        SingularValueDecomposition oracle =
                new SingularValueDecomposition(SvdTest.matrix(w, HIDDEN, IN));
        RealMatrix approx = truncated(oracle, 6, HIDDEN, IN);
        float[] xs = x.toFloatArray();
        for (int n = 0; n < 5; n++) {
            for (int o = 0; o < HIDDEN; o++) {
                double sum = b[o];
                for (int i = 0; i < IN; i++) {
                    sum += xs[n * IN + i] * approx.getEntry(o, i);
                }
                assertEquals(sum, actual[n * HIDDEN + o], 1e-4, "output " + n + "," + o);
            }
        }
    }

    @Test
    void ruleChoosesTheRank() {
        double[] sigma =
                new SingularValueDecomposition(
                                SvdTest.matrix(weight(mlp(), "01Linear"), HIDDEN, IN))
                        .getSingularValues();
        double total = 0;
        for (double s : sigma) {
            total += s * s;
        }
        for (double threshold : new double[] {0.3, 0.5, 0.8}) {
            int expected = 0;
            double kept = 0;
            while (kept < threshold * total) {
                kept += sigma[expected] * sigma[expected];
                expected++;
            }
            DecomposeResult result =
                    FCDecomposer.builder()
                            .optEnergyThreshold(threshold)
                            .optLayers(List.of("01Linear"))
                            .build()
                            .decompose(mlp(), manager);
            assertEquals(List.of(expected), result.getDecomposed().get(0).ranks(), "" + threshold);
        }
        // percentRemoved drops that share of min(in, out) = 24 singular values: floor(0.75 * 24).
        DecomposeResult removed =
                FCDecomposer.builder()
                        .optPercentRemoved(0.25)
                        .optLayers(List.of("01Linear"))
                        .build()
                        .decompose(mlp(), manager);
        // Rank 18 holds 18 * 64 = 1152 weights, more than 24 * 40 = 960: no gain, skipped.
        assertTrue(removed.getDecomposed().isEmpty());
        assertTrue(
                removed.getSkipped().get("01Linear").contains("rank 18"),
                removed.getSkipped().toString());
        DecomposeResult halved = FCDecomposer.builder().build().decompose(mlp(), manager);
        assertEquals(List.of(12), halved.getDecomposed().get(0).ranks());
    }

    @Test
    void inputAndSavedCopyBehave(@TempDir Path dir) throws Exception {
        Block vgg = vgg();
        NDArray x = manager.randomUniform(0, 1, new Shape(2, 1, 32, 32));
        float[] before = forward(vgg, x).toFloatArray();
        List<float[]> parameters = values(vgg);
        long parametersBefore = ModelStats.parameters(vgg).parameters();

        DecomposeResult result =
                FCDecomposer.builder()
                        .optPercentRemoved(0.6)
                        .optExclude(List.of(lastLinear(vgg)))
                        .build()
                        .decompose(vgg, manager);

        assertArrayEquals(before, forward(vgg, x).toFloatArray(), "input network changed");
        List<float[]> after = values(vgg);
        for (int i = 0; i < parameters.size(); i++) {
            assertArrayEquals(parameters.get(i), after.get(i));
        }
        long saved = 0;
        for (Decomposition d : result.getDecomposed()) {
            saved += d.parametersBefore() - d.parametersAfter();
            assertTrue(!d.path().equals(lastLinear(vgg)));
        }
        assertTrue(saved > 0);
        assertEquals(
                parametersBefore - saved, ModelStats.parameters(result.getBlock()).parameters());

        Path file = dir.resolve("decomposed.fai");
        ModelFile.save(result.getBlock(), file);
        Block loaded = ModelFile.load(file, manager);
        assertArrayEquals(
                forward(result.getBlock(), x).toFloatArray(), forward(loaded, x).toFloatArray());
    }

    @Test
    void activationAwareWeighsFeaturesByTheirRms() {
        // Inputs whose first features are 30x larger: ASVD must keep what they need.
        NDArray scale = manager.ones(new Shape(IN));
        scale.set(new ai.djl.ndarray.index.NDIndex("0:4"), 30f);
        List<NDList> calibration = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calibration.add(new NDList(manager.randomNormal(new Shape(16, IN)).mul(scale)));
        }
        Block original = mlp();
        FCDecomposer.Builder rank4 =
                FCDecomposer.builder().optRank(4).optLayers(List.of("01Linear"));
        Block plain = rank4.build().decompose(original, manager).getBlock();
        Block aware =
                rank4.optActivationAware(calibration)
                        .build()
                        .decompose(original, manager)
                        .getBlock();
        NDArray test = manager.randomNormal(new Shape(64, IN)).mul(scale);
        NDArray exact = forward(child(original, 0), test);
        double plainError = forward(child(plain, 0), test).sub(exact).norm().getFloat();
        double awareError = forward(child(aware, 0), test).sub(exact).norm().getFloat();
        assertTrue(awareError < 0.8 * plainError, awareError + " vs " + plainError);

        // By hand: the factors multiply to truncated(W diag(s)) diag(1 / s).
        float[] w = weight(original, "01Linear");
        float[] s = ActivationRms.of(original, List.of("01Linear"), calibration).get("01Linear");
        float[] scaled = w.clone();
        for (int r = 0; r < HIDDEN; r++) {
            for (int c = 0; c < IN; c++) {
                scaled[r * IN + c] *= s[c];
            }
        }
        RealMatrix approx =
                truncated(
                        new SingularValueDecomposition(SvdTest.matrix(scaled, HIDDEN, IN)),
                        4,
                        HIDDEN,
                        IN);
        Block factors = child(aware, 0);
        NDArray product =
                factors.getChildren()
                        .get(1)
                        .getValue()
                        .getParameters()
                        .get("weight")
                        .getArray()
                        .matMul(
                                factors.getChildren()
                                        .get(0)
                                        .getValue()
                                        .getParameters()
                                        .get("weight")
                                        .getArray());
        float[] p = product.toFloatArray();
        for (int r = 0; r < HIDDEN; r++) {
            for (int c = 0; c < IN; c++) {
                assertEquals(approx.getEntry(r, c) / s[c], p[r * IN + c], 1e-4);
            }
        }
    }

    @Test
    void badInputIsRefusedAndTheModelStaysAsItWas() {
        assertMessage(
                () -> FCDecomposer.builder().optPercentRemoved(0).build(),
                "percentRemoved must be in (0, 1), got 0.0");
        assertMessage(
                () -> FCDecomposer.builder().optPercentRemoved(1).build(),
                "percentRemoved must be in (0, 1), got 1.0");
        assertMessage(() -> FCDecomposer.builder().optRank(0).build(), "rank must be >= 1, got 0");
        assertMessage(
                () -> FCDecomposer.builder().optEnergyThreshold(0).build(),
                "energyThreshold must be in (0, 1], got 0.0");
        assertMessage(
                () -> FCDecomposer.builder().optEnergyThreshold(1.5).build(),
                "energyThreshold must be in (0, 1], got 1.5");
        assertMessage(
                () -> FCDecomposer.builder().optRank(2).optEnergyThreshold(0.5).build(),
                "set at most one of percentRemoved, rank and energyThreshold, got [rank, "
                        + "energyThreshold]");
        assertMessage(
                () -> FCDecomposer.builder().optActivationAware(List.of()),
                "calibration must hold at least one input batch");

        Block mlp = mlp();
        List<float[]> before = values(mlp);
        // min(in, out) of 03Linear is 10: rank 10 is refused before anything changes.
        assertMessage(
                () -> FCDecomposer.builder().optRank(10).build().decompose(mlp, manager),
                "rank must be < min(out, in) = 10 of layer '03Linear', got 10");
        assertMessage(
                () ->
                        FCDecomposer.builder()
                                .optLayers(List.of("01Lineer"))
                                .build()
                                .decompose(mlp, manager),
                "layers entry '01Lineer' does not exist in the model");
        assertMessage(
                () ->
                        FCDecomposer.builder()
                                .optLayers(List.of("02ActivationBlock"))
                                .build()
                                .decompose(mlp, manager),
                "layers entry '02ActivationBlock' is a ActivationBlock with no Linear at or below"
                    + " it");
        assertMessage(
                () ->
                        FCDecomposer.builder()
                                .optExclude(List.of("9"))
                                .build()
                                .decompose(mlp, manager),
                "exclude entry '9' does not exist");
        Block fresh = new SequentialBlock().add(Linear.builder().setUnits(3).build());
        assertMessage(
                () -> FCDecomposer.builder().build().decompose(fresh, manager),
                "block must be initialized");
        assertMessage(() -> FCDecomposer.builder().build().decompose((Model) null), "model");
        List<float[]> after = values(mlp);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i));
        }
    }

    @Test
    void decomposesAModelIntoANewModel() {
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(mlp());
            DecomposeResult result = FCDecomposer.builder().optRank(3).build().decompose(model);
            try (Model decomposed = result.getModel()) {
                assertNotNull(decomposed);
                assertEquals("mlp-decomposed", decomposed.getName());
                assertEquals(result.getBlock(), decomposed.getBlock());
                assertTrue(result.toString().startsWith("Decomposed 2 layers"), result.toString());
            }
        }
    }

    private static void assertMessage(Runnable action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static RealMatrix truncated(SingularValueDecomposition svd, int k, int rows, int cols) {
        return svd.getU()
                .getSubMatrix(0, rows - 1, 0, k - 1)
                .multiply(svd.getS().getSubMatrix(0, k - 1, 0, k - 1))
                .multiply(svd.getVT().getSubMatrix(0, k - 1, 0, cols - 1));
    }

    private Block mlp() {
        Block block =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(HIDDEN).build())
                        .add(ActivationBlock.relu())
                        .add(Linear.builder().setUnits(OUT).build());
        Engine.getInstance().setRandomSeed(5);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, IN));
        return block;
    }

    private Block vgg() {
        Supplier<Block> builder =
                () ->
                        Vgg.builder()
                                .setDepth(11)
                                .optInChannels(1)
                                .optNumClasses(10)
                                .optWidthMultiplier(0.125)
                                .optClassifierWidth(64)
                                .optPooledSize(1)
                                .build();
        Block block = builder.get();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 32, 32));
        return block;
    }

    private static String lastLinear(Block root) {
        String last = null;
        for (String path : LayerPaths.all(root)) {
            if (LayerPaths.find(root, path, "layer").getBlock() instanceof Linear) {
                last = path;
            }
        }
        return last;
    }

    private static Block child(Block block, int index) {
        return block.getChildren().get(index).getValue();
    }

    private static float[] weight(Block root, String path) {
        return LayerPaths.find(root, path, "layer")
                .getBlock()
                .getParameters()
                .get("weight")
                .getArray()
                .toFloatArray();
    }

    private static long count(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            total += p.getValue().getArray().size();
        }
        return total;
    }

    private static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private NDArray forward(Block block, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).head();
    }
}
