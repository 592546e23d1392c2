/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.types.Shape;

/**
 * Argument checks shared by the layer blocks, so that every message has the same form: parameter
 * name, what is allowed, the value received.
 */
final class InputShapes {

    private InputShapes() {}

    /**
     * Requires exactly one input shape.
     *
     * @param block the block name for the message
     * @param inputShapes the input shapes given to the block
     * @return the single input shape
     */
    static Shape singleInput(String block, Shape[] inputShapes) {
        if (inputShapes == null || inputShapes.length != 1 || inputShapes[0] == null) {
            throw new IllegalArgumentException(
                    block
                            + " takes exactly one input, got "
                            + (inputShapes == null ? "null" : inputShapes.length + " inputs"));
        }
        return inputShapes[0];
    }

    /**
     * Requires exactly one input shape, of rank 4: {@code (N, C, H, W)}.
     *
     * @param block the block name for the message
     * @param inputShapes the input shapes given to the block
     * @return the single input shape
     */
    static Shape singleImageInput(String block, Shape[] inputShapes) {
        Shape shape = singleInput(block, inputShapes);
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    block + " input must have rank 4 (N, C, H, W), got shape " + shape);
        }
        return shape;
    }
}
