/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.List;

/**
 * One block met by {@link BlockWalker}: where it is in the tree, what it is, and the shapes that
 * flow in and out of it for the walked input.
 */
public final class BlockNode {

    private final String path;
    private final Block block;
    private final String type;
    private final List<Shape> inputShapes;
    private final List<Shape> outputShapes;
    private final boolean leaf;
    private final int depth;

    BlockNode(String path, Block block, Shape[] inputShapes, Shape[] outputShapes, int depth) {
        this.path = path;
        this.block = block;
        this.type = BlockChecks.typeOf(block);
        this.inputShapes = List.of(inputShapes);
        this.outputShapes = List.of(outputShapes);
        this.leaf = block.getChildren().isEmpty();
        this.depth = depth;
    }

    /**
     * Returns the path: DJL's child names joined by {@code "/"} (e.g. {@code
     * 01SequentialBlock/03Conv2d}), {@code ""} for the root.
     *
     * @return the path
     */
    public String getPath() {
        return path;
    }

    /**
     * Returns the block itself.
     *
     * @return the block
     */
    public Block getBlock() {
        return block;
    }

    /**
     * Returns the block's type: its simple class name (e.g. {@code Conv2d}, {@code LambdaBlock}).
     *
     * @return the type
     */
    public String getType() {
        return type;
    }

    /**
     * Returns the shapes the block receives.
     *
     * @return the input shapes, unmodifiable
     */
    public List<Shape> getInputShapes() {
        return inputShapes;
    }

    /**
     * Returns the shapes the block produces, from {@code block.getOutputShapes(inputShapes)}.
     *
     * @return the output shapes, unmodifiable
     */
    public List<Shape> getOutputShapes() {
        return outputShapes;
    }

    /**
     * Tells whether the block has no children (a layer, as opposed to a container).
     *
     * @return true for a leaf
     */
    public boolean isLeaf() {
        return leaf;
    }

    /**
     * Returns how deep the block is: 0 for the root, 1 for its children, and so on.
     *
     * @return the depth
     */
    public int getDepth() {
        return depth;
    }

    @Override
    public String toString() {
        return BlockPaths.display(path) + " (" + type + ") " + inputShapes + " -> " + outputShapes;
    }
}
