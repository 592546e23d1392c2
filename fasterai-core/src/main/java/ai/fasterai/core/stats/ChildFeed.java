/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * How a container block passes shapes to its children, so that {@link BlockWalker} can give every
 * child its input shapes. One rule per container class, registered with {@link
 * BlockWalker#register(Class, ChildFeed)}.
 *
 * <p>The walker asks for the children in order; {@code previousOutputs} is the output of the child
 * before, or the container's own inputs for the first child. So a chain returns {@code
 * previousOutputs} and a fan-out returns {@code blockInputs}.
 */
@FunctionalInterface
public interface ChildFeed {

    /**
     * Returns the input shapes of one child.
     *
     * @param parent the container block whose child is asked for
     * @param index the child's position among its siblings, from 0
     * @param blockInputs the container's input shapes
     * @param previousOutputs the output shapes of child {@code index - 1}, or {@code blockInputs}
     *     when {@code index} is 0
     * @return the child's input shapes, not null nor empty
     */
    Shape[] childInputs(Block parent, int index, Shape[] blockInputs, Shape[] previousOutputs);

    /**
     * Each child gets the output of the child before it, as in DJL's {@code SequentialBlock}.
     *
     * @return the chain rule
     */
    static ChildFeed chain() {
        return (parent, index, blockInputs, previousOutputs) -> previousOutputs;
    }

    /**
     * Every child gets the container's own inputs, as in DJL's {@code ParallelBlock}.
     *
     * @return the fan-out rule
     */
    static ChildFeed fanOut() {
        return (parent, index, blockInputs, previousOutputs) -> blockInputs;
    }
}
