/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;

/** {@link BlockSurgery}: a child is replaced where it sits, fields included, and put back. */
class BlockSurgeryTest {

    @Test
    void replacesASequentialChildAndUndoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block first = ActivationBlock.relu();
            Block second = ActivationBlock.relu();
            SequentialBlock net = new SequentialBlock().add(first).add(second);
            Block sigmoid = ActivationBlock.of(ActivationBlock.Kind.SIGMOID);
            Runnable undo = BlockSurgery.replaceChild(net, 1, sigmoid);
            assertSame(sigmoid, net.getChildren().get(1).getValue());
            assertEquals("02ActivationBlock", net.getChildren().get(1).getKey());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            NDArray x = manager.create(new float[] {-1f, 2f}, new Shape(1, 2));
            float[] y = run(net, x);
            assertEquals(0.5f, y[0], 1e-6); // relu(-1) = 0, sigmoid(0) = 0.5
            undo.run();
            assertSame(second, net.getChildren().get(1).getValue());
            assertEquals(0f, run(net, x)[0], 0f);
        }
    }

    @Test
    void updatesTheFieldAResidualRunsFrom() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Residual unit = Residual.builder().setMain(ActivationBlock.relu()).build();
            Block identity = ActivationBlock.of(ActivationBlock.Kind.IDENTITY);
            BlockSurgery.replaceChild(unit, 0, identity);
            assertSame(identity, unit.getMain());
            unit.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NDArray x = manager.create(new float[] {-3f}, new Shape(1, 1));
            assertEquals(-6f, run(unit, x)[0], 0f); // identity(x) + x, no relu
        }
    }

    @Test
    void insertsANamedSequentialChildThatRunsAndUndoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net =
                    new SequentialBlock()
                            .add(ActivationBlock.of(ActivationBlock.Kind.IDENTITY))
                            .add(ActivationBlock.of(ActivationBlock.Kind.SIGMOID));
            Runnable undo = BlockSurgery.insertChild(net, 1, "relu", ActivationBlock.relu());
            assertEquals("01ActivationBlock", net.getChildren().get(0).getKey());
            assertEquals("relu", net.getChildren().get(1).getKey());
            assertEquals("02ActivationBlock", net.getChildren().get(2).getKey());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NDArray x = manager.create(new float[] {-1f}, new Shape(1, 1));
            assertEquals(0.5f, run(net, x)[0], 1e-6); // sigmoid(relu(-1))
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> BlockSurgery.insertChild(net, 0, "relu", ActivationBlock.relu()));
            assertEquals("name 'relu' is already used by a child of this parent", e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> BlockSurgery.insertChild(net, 4, "x", ActivationBlock.relu()));
            assertEquals("index must be in [0, 3] for this parent, got 4", e.getMessage());
            undo.run();
            assertEquals(2, net.getChildren().size());
            assertTrue(run(net, x)[0] < 0.5f); // sigmoid(-1)
        }
    }

    @Test
    void removesASequentialChildKeepingTheOtherNamesAndUndoes() {
        Block first = ActivationBlock.relu();
        Block second = ActivationBlock.of(ActivationBlock.Kind.SIGMOID);
        Block third = ActivationBlock.relu();
        SequentialBlock net = new SequentialBlock().add(first).add(second).add(third);
        Runnable undo = BlockSurgery.removeChild(net, 1);
        assertEquals(2, net.getChildren().size());
        assertEquals("01ActivationBlock", net.getChildren().get(0).getKey());
        assertEquals("03ActivationBlock", net.getChildren().get(1).getKey());
        undo.run();
        assertSame(second, net.getChildren().get(1).getValue());
        assertEquals("02ActivationBlock", net.getChildren().get(1).getKey());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> BlockSurgery.removeChild(net, 3));
        assertEquals("index must be in [0, 3) for this parent, got 3", e.getMessage());
        Residual unit = Residual.builder().setMain(ActivationBlock.relu()).build();
        e = assertThrows(IllegalArgumentException.class, () -> BlockSurgery.removeChild(unit, 0));
        assertTrue(e.getMessage().startsWith("parent must be a SequentialBlock"));
    }

    @Test
    void badArgumentsAreRefused() {
        SequentialBlock net = new SequentialBlock().add(ActivationBlock.relu());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BlockSurgery.replaceChild(net, 1, ActivationBlock.relu()));
        assertTrue(e.getMessage().contains("index") && e.getMessage().contains("1"));
        assertThrows(IllegalArgumentException.class, () -> BlockSurgery.replaceChild(net, 0, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> BlockSurgery.replaceChild(null, 0, ActivationBlock.relu()));
        Block leaf = Linear.builder().setUnits(2).build();
        assertThrows(
                IllegalArgumentException.class,
                () -> BlockSurgery.replaceChild(leaf, 0, ActivationBlock.relu()));
    }

    private static float[] run(Block block, NDArray x) {
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .singletonOrThrow()
                .toFloatArray();
    }
}
