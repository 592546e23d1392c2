/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.stream.Collectors;

/** The walker visits every block with its path and shapes, and refuses what it cannot walk. */
class BlockWalkerTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void visitsEveryBlockParentsFirstWithShapes() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        List<BlockNode> nodes = BlockWalker.walk(block, StatsNets.INPUT);

        // The root, its 6 children, the 2 children of the nested SequentialBlock.
        assertEquals(
                List.of(
                        "",
                        "01Conv2d",
                        "02BatchNorm",
                        "03SequentialBlock",
                        "03SequentialBlock/01Conv2d",
                        "03SequentialBlock/02Conv2d",
                        "04LambdaBlock",
                        "05LambdaBlock",
                        "06Linear"),
                nodes.stream().map(BlockNode::getPath).collect(Collectors.toList()));
        assertEquals(
                List.of(0, 1, 1, 1, 2, 2, 1, 1, 1),
                nodes.stream().map(BlockNode::getDepth).collect(Collectors.toList()));

        BlockNode root = nodes.get(0);
        assertTrue(root.getBlock() == block);
        assertEquals("SequentialBlock", root.getType());
        assertFalse(root.isLeaf());
        assertEquals(List.of(StatsNets.INPUT), root.getInputShapes());
        assertEquals(List.of(new Shape(1, 10)), root.getOutputShapes());

        BlockNode nested = nodes.get(3);
        assertFalse(nested.isLeaf());
        assertEquals(List.of(new Shape(1, 8, 8, 8)), nested.getInputShapes());
        assertEquals(List.of(new Shape(1, 4, 4, 4)), nested.getOutputShapes());

        // A chain: the strided conv receives the grouped conv's output.
        BlockNode strided = nodes.get(5);
        assertTrue(strided.isLeaf());
        assertEquals("Conv2d", strided.getType());
        assertEquals(List.of(new Shape(1, 8, 8, 8)), strided.getInputShapes());
        assertEquals(List.of(new Shape(1, 4, 4, 4)), strided.getOutputShapes());

        BlockNode flatten = nodes.get(7);
        assertEquals(List.of(new Shape(1, 4, 4, 4)), flatten.getInputShapes());
        assertEquals(List.of(new Shape(1, 64)), flatten.getOutputShapes());
    }

    @Test
    void refusesContainerWithoutRule() {
        SequentialBlock block =
                new SequentialBlock().add(linear(4)).add(new StatsNets.Opaque(linear(3)));
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BlockWalker.walk(block, new Shape(1, 5)));
        assertTrue(e.getMessage().contains("cannot walk 02Opaque (Opaque)"), e.getMessage());
        assertTrue(e.getMessage().contains("register how it feeds its children"), e.getMessage());

        Block root = new StatsNets.Opaque(linear(3));
        root.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
        IllegalArgumentException atRoot =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelStats.macs(root, new Shape(1, 5)));
        assertTrue(
                atRoot.getMessage().contains("cannot walk <root> (Opaque)"), atRoot.getMessage());
    }

    @Test
    void annotatedContainerFansOut() {
        Block block = new StatsNets.SumOfBranches(linear(3), linear(3));
        Shape input = new Shape(2, 5);
        block.initialize(manager, DataType.FLOAT32, input);
        List<BlockNode> nodes = BlockWalker.walk(block, input);
        assertEquals(
                List.of("", "01left", "02right"),
                nodes.stream().map(BlockNode::getPath).collect(Collectors.toList()));
        assertEquals(List.of(input), nodes.get(1).getInputShapes());
        assertEquals(List.of(input), nodes.get(2).getInputShapes());
        // Two branches of 2 samples x 3 outputs x 5 inputs.
        assertEquals(2 * (2L * 3 * 5), ModelStats.macs(block, input));
    }

    @Test
    void registeredRuleServesTheContainer() {
        BlockWalker.register(Chained.class, ChildFeed.chain());
        SequentialBlock block = new SequentialBlock().add(new Chained(linear(3))).add(linear(2));
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
        List<BlockNode> nodes = BlockWalker.walk(block, new Shape(1, 5));
        assertEquals(
                List.of("", "01Chained", "01Chained/01inner", "02Linear"),
                nodes.stream().map(BlockNode::getPath).collect(Collectors.toList()));
        assertEquals(List.of(new Shape(1, 5)), nodes.get(2).getInputShapes());
        assertEquals(List.of(new Shape(1, 3)), nodes.get(3).getInputShapes());
    }

    @Test
    void uninitializedBlockIsRefused() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> BlockWalker.walk(StatsNets.small(), StatsNets.INPUT));
        assertTrue(e.getMessage().contains("block (SequentialBlock)"), e.getMessage());
        assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> ModelStats.summary(StatsNets.small(), StatsNets.INPUT));
        assertThrows(IllegalStateException.class, () -> ModelStats.parameters(StatsNets.small()));
        assertThrows(IllegalStateException.class, () -> ModelStats.sparsity(StatsNets.small()));
    }

    @Test
    void badArgumentsAreNamed() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        assertMessage(() -> BlockWalker.walk(null, StatsNets.INPUT), "block", "null");
        assertMessage(() -> BlockWalker.walk(block), "inputShapes", "at least one");
        assertMessage(() -> BlockWalker.walk(block, (Shape[]) null), "inputShapes");
        assertMessage(() -> BlockWalker.walk(block, (Shape) null), "inputShapes[0]", "null");
        assertMessage(() -> ModelStats.macs(null, StatsNets.INPUT), "block", "null");
        assertMessage(() -> ModelStats.layers(block, (Shape) null), "inputShapes[0]");
        assertMessage(() -> ModelStats.parameters(null), "block", "null");
        assertMessage(() -> BlockWalker.register(null, ChildFeed.fanOut()), "type", "null");
        assertMessage(() -> BlockWalker.register(Chained.class, null), "feed", "null");
        assertMessage(() -> MacCounters.register(null, (b, in, out) -> 0), "type", "null");
        assertMessage(() -> MacCounters.register(StatsNets.Halver.class, null), "counter", "null");
        // A shape the first layer cannot read: the message names the layer and the shape.
        assertMessage(() -> BlockWalker.walk(block, new Shape(1, 3)), "01Conv2d", "(1, 3)");
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    /** A container walked only because the test registers a rule for it. */
    static final class Chained extends StatsNets.Opaque {
        Chained(Block inner) {
            super(inner);
        }
    }
}
