/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.Residual;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks a DJL block tree with shapes: every block, parents before children, with its path, type,
 * input shapes and output shapes. MAC counting and {@link ModelStats#summary} read its nodes; other
 * modules should too, rather than walk the tree themselves.
 *
 * <p>How a container feeds its children is a {@link ChildFeed} looked up by the container's class,
 * then its superclasses: {@link ChildFeed#chain()} for {@link SequentialBlock}, {@link
 * ChildFeed#fanOut()} for {@link ParallelBlock}. A class annotated {@link FanOut} is walked as a
 * fan-out. Any other container is refused, because guessing its wiring would give wrong shapes
 * silently; register its rule with {@link #register(Class, ChildFeed)}.
 *
 * <pre>{@code
 * for (BlockNode node : BlockWalker.walk(block, new Shape(1, 3, 32, 32))) {
 *     if (node.isLeaf() && node.getBlock() instanceof Conv2d) {
 *         convOutputs.put(node.getPath(), node.getOutputShapes().get(0));
 *     }
 * }
 * }</pre>
 */
public final class BlockWalker {

    private static final Map<Class<? extends Block>, ChildFeed> FEEDS = new ConcurrentHashMap<>();

    static {
        FEEDS.put(SequentialBlock.class, ChildFeed.chain());
        FEEDS.put(ParallelBlock.class, ChildFeed.fanOut());
        // main and shortcut take the input; the activation after the add takes the sum.
        FEEDS.put(
                Residual.class,
                (parent, index, in, previous) ->
                        ((Residual) parent).getActivation().isPresent()
                                        && index == parent.getChildren().size() - 1
                                ? previous
                                : in);
    }

    private BlockWalker() {}

    /**
     * Registers how containers of a class (and of its subclasses without a rule of their own) feed
     * their children; replaces an earlier rule for the same class.
     *
     * @param type the container class
     * @param feed the rule
     * @throws IllegalArgumentException if an argument is null
     */
    public static void register(Class<? extends Block> type, ChildFeed feed) {
        Checks.notNull("type", type);
        Checks.notNull("feed", feed);
        FEEDS.put(type, feed);
    }

    /**
     * Walks an initialized block for the given input shapes.
     *
     * @param block the root block, initialized
     * @param inputShapes the shapes the root receives, batch included
     * @return every block, parents before children, the root first; unmodifiable
     * @throws IllegalArgumentException if an argument is null or empty, if a container has no rule
     *     (naming its path and type), or if a block rejects the shapes it receives
     * @throws IllegalStateException if the block is not initialized, or a registered {@link
     *     ChildFeed} gives a child no shapes
     */
    public static List<BlockNode> walk(Block block, Shape... inputShapes) {
        BlockChecks.initialized("block", block);
        Shape[] shapes = BlockChecks.shapes("inputShapes", inputShapes);
        List<BlockNode> nodes = new ArrayList<>();
        visit("", block, shapes, 0, nodes);
        return Collections.unmodifiableList(nodes);
    }

    private static Shape[] visit(
            String path, Block block, Shape[] inputs, int depth, List<BlockNode> nodes) {
        // Children are walked before the container's own shapes are asked for: a container asks
        // its children anyway, and a failure is best reported at the leaf that failed.
        int index = nodes.size();
        nodes.add(null);
        BlockList children = block.getChildren();
        if (!children.isEmpty()) {
            ChildFeed feed = feedOf(path, block);
            Shape[] previous = inputs;
            for (int i = 0; i < children.size(); i++) {
                Pair<String, Block> child = children.get(i);
                String childPath = BlockPaths.child(path, child.getKey());
                Shape[] childInputs = feed.childInputs(block, i, inputs.clone(), previous.clone());
                if (!isComplete(childInputs)) {
                    throw new IllegalStateException(
                            "the ChildFeed of "
                                    + describe(path, block)
                                    + " gave no input shapes (or a null one) for child "
                                    + childPath);
                }
                previous =
                        visit(childPath, child.getValue(), childInputs.clone(), depth + 1, nodes);
            }
        }
        Shape[] outputs = outputShapes(path, block, inputs);
        if (children.isEmpty()) {
            InputFit.check(path, block, inputs, outputs);
        }
        nodes.set(index, new BlockNode(path, block, inputs, outputs, depth));
        return outputs;
    }

    private static Shape[] outputShapes(String path, Block block, Shape[] inputs) {
        Shape[] outputs;
        try {
            outputs = block.getOutputShapes(inputs.clone());
        } catch (RuntimeException e) {
            // DJL's messages rarely say which block failed: name it and the shapes it got.
            throw new IllegalArgumentException(
                    "cannot infer the output shapes of "
                            + describe(path, block)
                            + " for inputs "
                            + Arrays.toString(inputs)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        if (!isComplete(outputs)) {
            throw new IllegalArgumentException(
                    describe(path, block)
                            + " reports no output shapes (or a null one) for "
                            + Arrays.toString(inputs));
        }
        return outputs.clone();
    }

    private static boolean isComplete(Shape[] shapes) {
        return shapes != null && shapes.length > 0 && !Arrays.asList(shapes).contains(null);
    }

    private static ChildFeed feedOf(String path, Block block) {
        for (Class<?> c = block.getClass(); c != null; c = c.getSuperclass()) {
            ChildFeed feed = FEEDS.get(c);
            if (feed != null) {
                return feed;
            }
            if (c.getDeclaredAnnotation(FanOut.class) != null) {
                return ChildFeed.fanOut();
            }
        }
        throw new IllegalArgumentException(
                "cannot walk "
                        + describe(path, block)
                        + ": register how it feeds its children with BlockWalker.register or"
                        + " annotate its class with @FanOut");
    }

    private static String describe(String path, Block block) {
        return BlockPaths.describe(path, block);
    }
}
