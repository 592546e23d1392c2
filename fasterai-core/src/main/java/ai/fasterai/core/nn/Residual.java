/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fasterai.core.util.Checks;

import java.util.Arrays;
import java.util.Optional;

/**
 * A residual unit: {@code out = activation(main(x) + shortcut(x))}, where a missing shortcut is the
 * identity and a missing activation applies nothing after the sum.
 *
 * <p>DJL's residual units are {@code ParallelBlock}s whose join (an add) is private; here the join
 * is known to be an add and each branch is a named child ({@code main}, {@code shortcut}, {@code
 * activation}, prefixed with DJL's child numbers), so graph analysis can couple the channels of
 * both branches when pruning. ResNet's basic block is a residual with a ReLU after the add;
 * MobileNetV2's inverted residual has no activation after it.
 *
 * <pre>{@code
 * Block unit = Residual.builder()
 *         .setMain(convBnReluConvBn)
 *         .optShortcut(conv1x1Bn)              // omit for the identity
 *         .optActivation(ActivationBlock.relu())
 *         .build();
 * }</pre>
 */
public final class Residual extends AbstractBlock {

    private final Block main;
    private final Block shortcut;
    private final Block activation;

    private Residual(Block main, Block shortcut, Block activation) {
        // Children are registered here, not in a builder, so their order is fixed: main,
        // shortcut, activation, which is also the order of saved parameters.
        this.main = addChildBlock("main", main);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.activation = activation == null ? null : addChildBlock("activation", activation);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the main branch.
     *
     * @return the main branch
     */
    public Block getMain() {
        return main;
    }

    /**
     * Returns the shortcut branch, empty when the shortcut is the identity.
     *
     * @return the shortcut, if any
     */
    public Optional<Block> getShortcut() {
        return Optional.ofNullable(shortcut);
    }

    /**
     * Returns the block applied after the sum, empty when there is none.
     *
     * @return the activation, if any
     */
    public Optional<Block> getActivation() {
        return Optional.ofNullable(activation);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray left = main.forward(parameterStore, inputs, training, params).singletonOrThrow();
        NDArray right =
                shortcut == null
                        ? inputs.singletonOrThrow()
                        : shortcut.forward(parameterStore, inputs, training, params)
                                .singletonOrThrow();
        NDList sum = new NDList(left.add(right));
        return activation == null ? sum : activation.forward(parameterStore, sum, training, params);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the input is not a single array or the two branches give
     *     different shapes
     */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        InputShapes.singleInput("Residual", inputShapes);
        main.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
        Shape[] sum = sumShapes(inputShapes);
        if (activation != null) {
            activation.initialize(manager, dataType, sum);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the input is not a single array or the two branches give
     *     different shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] sum = sumShapes(inputShapes);
        return activation == null ? sum : activation.getOutputShapes(sum);
    }

    /** The shape of {@code main(x) + shortcut(x)}; both branches must agree exactly. */
    private Shape[] sumShapes(Shape[] inputShapes) {
        InputShapes.singleInput("Residual", inputShapes);
        Shape[] left = main.getOutputShapes(inputShapes);
        Shape[] right = shortcut == null ? inputShapes : shortcut.getOutputShapes(inputShapes);
        // No broadcasting: a silent broadcast would hide a wrong stride or channel count.
        if (!Arrays.equals(left, right)) {
            throw new IllegalArgumentException(
                    "Residual branches must give the same shape: main gives "
                            + Arrays.toString(left)
                            + ", shortcut"
                            + (shortcut == null ? " (identity)" : "")
                            + " gives "
                            + Arrays.toString(right));
        }
        return left;
    }

    /**
     * Describes the unit and its branches in DJL's tree format, headed by {@code
     * Residual(shortcut=identity|block)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String label = "Residual(shortcut=" + (shortcut == null ? "identity" : "block") + ")";
        return Blocks.describe(this, label, 0);
    }

    /** Builds a {@link Residual}; validation happens in {@link #build()}. */
    public static final class Builder {

        private Block main;
        private Block shortcut;
        private Block activation;

        private Builder() {}

        /**
         * Sets the main branch (required).
         *
         * @param main the main branch
         * @return this builder
         */
        public Builder setMain(Block main) {
            this.main = main;
            return this;
        }

        /**
         * Sets the shortcut branch; by default (or when null) the shortcut is the identity.
         *
         * @param shortcut the shortcut branch, or null for the identity
         * @return this builder
         */
        public Builder optShortcut(Block shortcut) {
            this.shortcut = shortcut;
            return this;
        }

        /**
         * Sets the block applied after the sum, e.g. ResNet's ReLU; by default (or when null)
         * nothing is applied.
         *
         * @param activation the block after the sum, or null for none
         * @return this builder
         */
        public Builder optActivation(Block activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Builds the residual unit.
         *
         * @return the block
         * @throws IllegalArgumentException if the main branch is not set, or the same block is
         *     given for two roles
         */
        public Residual build() {
            Checks.notNull("main", main);
            // One block in two roles would be initialized twice and share weights by accident.
            if (main == shortcut
                    || main == activation
                    || (shortcut != null && shortcut == activation)) {
                throw new IllegalArgumentException(
                        "main, shortcut and activation must be distinct blocks");
            }
            return new Residual(main, shortcut, activation);
        }
    }
}
