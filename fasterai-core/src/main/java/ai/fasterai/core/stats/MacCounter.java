/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Counts the multiply-accumulate operations (MACs) of one forward pass through a leaf block, for
 * the shapes it receives and produces (batch included). Registered per block class with {@link
 * MacCounters#register(Class, MacCounter)}.
 */
@FunctionalInterface
public interface MacCounter {

    /**
     * Returns the MACs of one forward pass.
     *
     * @param block the leaf block
     * @param inputShapes the shapes it receives
     * @param outputShapes the shapes it produces
     * @return the MACs, at least 0
     */
    long count(Block block, Shape[] inputShapes, Shape[] outputShapes);
}
