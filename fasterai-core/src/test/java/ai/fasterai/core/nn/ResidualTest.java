/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static ai.fasterai.core.nn.Fixtures.assertMessage;
import static ai.fasterai.core.nn.Fixtures.assertValues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/** A residual unit is main(x) + shortcut(x), then the optional activation, summed in Java here. */
class ResidualTest {

    private static final Shape IN = new Shape(2, 4);

    private NDManager manager;
    private ParameterStore store;
    private NDArray x;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        store = new ParameterStore(manager, false);
        x = manager.randomNormal(IN);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private float[] run(Block block) {
        return block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    @Test
    void identityShortcutAddsTheInput() {
        Linear main = Linear.builder().setUnits(4).build();
        Residual unit = Residual.builder().setMain(main).build();
        unit.initialize(manager, DataType.FLOAT32, IN);
        float[] m = run(main);
        float[] in = x.toFloatArray();
        float[] expected = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            expected[i] = m[i] + in[i];
        }
        assertValues(expected, unit.forward(store, new NDList(x), false).singletonOrThrow(), IN);
        assertSame(main, unit.getMain());
        assertFalse(unit.getShortcut().isPresent());
        assertFalse(unit.getActivation().isPresent());
    }

    @Test
    void shortcutBranchAndActivationAfterTheSum() {
        Linear main = Linear.builder().setUnits(4).build();
        Linear shortcut = Linear.builder().setUnits(4).build();
        ActivationBlock relu = ActivationBlock.relu();
        Residual unit =
                Residual.builder().setMain(main).optShortcut(shortcut).optActivation(relu).build();
        unit.initialize(manager, DataType.FLOAT32, IN);
        float[] m = run(main);
        float[] s = run(shortcut);
        float[] expected = new float[m.length];
        boolean clipped = false;
        for (int i = 0; i < m.length; i++) {
            expected[i] = Math.max(0f, m[i] + s[i]);
            clipped |= m[i] + s[i] < 0;
        }
        assertTrue(clipped, "the fixture should exercise the ReLU");
        assertValues(expected, unit.forward(store, new NDList(x), false).singletonOrThrow(), IN);
        assertSame(shortcut, unit.getShortcut().orElseThrow());
        assertSame(relu, unit.getActivation().orElseThrow());
    }

    @Test
    void childrenAreNamedByRoleAndOwnTheParameters() {
        Residual unit =
                Residual.builder()
                        .setMain(Linear.builder().setUnits(4).build())
                        .optShortcut(Linear.builder().setUnits(4).build())
                        .optActivation(ActivationBlock.relu())
                        .build();
        assertEquals(List.of("01main", "02shortcut", "03activation"), unit.getChildren().keys());
        unit.initialize(manager, DataType.FLOAT32, IN);
        // Two 4x4 linear layers with biases: 2 * (16 + 4).
        long count = 0;
        for (var p : unit.getParameters().values()) {
            count += p.getArray().size();
        }
        assertEquals(40, count);
        assertEquals(IN, unit.getOutputShapes(new Shape[] {IN})[0]);
        Residual bare = Residual.builder().setMain(ActivationBlock.tanh()).build();
        assertEquals(List.of("01main"), bare.getChildren().keys());
        assertTrue(bare.toString().startsWith("Residual(shortcut=identity)"), bare.toString());
    }

    @Test
    void mismatchedBranchesNameBothShapes() {
        Residual unit = Residual.builder().setMain(Linear.builder().setUnits(3).build()).build();
        assertMessage(
                () -> unit.initialize(manager, DataType.FLOAT32, IN),
                "same shape",
                "(2, 3)",
                "(2, 4)",
                "identity");
        Residual projected =
                Residual.builder()
                        .setMain(Linear.builder().setUnits(4).build())
                        .optShortcut(Linear.builder().setUnits(5).build())
                        .build();
        assertMessage(() -> projected.getOutputShapes(new Shape[] {IN}), "(2, 4)", "(2, 5)");
    }

    @Test
    void badArgumentsAreRejected() {
        assertMessage(() -> Residual.builder().build(), "main", "null");
        assertMessage(
                () -> Residual.builder().setMain(null).optShortcut(new Flatten()).build(), "main");
        Block same = ActivationBlock.relu();
        assertMessage(
                () -> Residual.builder().setMain(same).optActivation(same).build(), "distinct");
        Residual unit = Residual.builder().setMain(ActivationBlock.relu()).build();
        assertMessage(() -> unit.getOutputShapes(new Shape[] {IN, IN}), "one input", "2");
    }
}
