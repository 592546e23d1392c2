/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fasterai.core.util.Checks;

/**
 * An element-wise activation whose kind can be read back with {@link #getKind()}, unlike the
 * lambdas of DJL's {@link Activation#reluBlock()} family. Export, quantization and BN folding need
 * to know whether a layer is a ReLU (it commutes with per-channel positive scaling) or a ReLU6 (it
 * clips, so it does not). It has no parameters; the computation is DJL's own {@link Activation}
 * function of the same name.
 *
 * <pre>{@code
 * Block relu = ActivationBlock.relu();      // toString(): "ReLU"
 * Block relu6 = ActivationBlock.relu6();    // min(max(x, 0), 6), as in MobileNetV2
 * }</pre>
 */
public final class ActivationBlock extends AbstractBlock {

    /** The closed set of supported activations. */
    public enum Kind {
        /** {@code max(x, 0)}. */
        RELU("ReLU"),
        /** {@code min(max(x, 0), 6)}. */
        RELU6("ReLU6"),
        /** {@code 1 / (1 + exp(-x))}. */
        SIGMOID("Sigmoid"),
        /** {@code tanh(x)}. */
        TANH("Tanh"),
        /** The Gaussian error linear unit {@code x * Phi(x)} (the engine's exact form). */
        GELU("GELU"),
        /** {@code x}, unchanged: a placeholder that keeps a layer slot. */
        IDENTITY("Identity");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }

        /**
         * Returns the PyTorch-style name, e.g. {@code ReLU6}.
         *
         * @return the display name
         */
        public String getDisplayName() {
            return displayName;
        }
    }

    private final Kind kind;

    private ActivationBlock(Kind kind) {
        this.kind = kind;
    }

    /**
     * Creates an activation block of the given kind.
     *
     * @param kind the activation
     * @return the block
     * @throws IllegalArgumentException if {@code kind} is null
     */
    public static ActivationBlock of(Kind kind) {
        return new ActivationBlock(Checks.notNull("kind", kind));
    }

    /**
     * Creates a ReLU block.
     *
     * @return the block
     */
    public static ActivationBlock relu() {
        return new ActivationBlock(Kind.RELU);
    }

    /**
     * Creates a ReLU6 block.
     *
     * @return the block
     */
    public static ActivationBlock relu6() {
        return new ActivationBlock(Kind.RELU6);
    }

    /**
     * Creates a sigmoid block.
     *
     * @return the block
     */
    public static ActivationBlock sigmoid() {
        return new ActivationBlock(Kind.SIGMOID);
    }

    /**
     * Creates a tanh block.
     *
     * @return the block
     */
    public static ActivationBlock tanh() {
        return new ActivationBlock(Kind.TANH);
    }

    /**
     * Creates a GELU block.
     *
     * @return the block
     */
    public static ActivationBlock gelu() {
        return new ActivationBlock(Kind.GELU);
    }

    /**
     * Creates an identity block.
     *
     * @return the block
     */
    public static ActivationBlock identity() {
        return new ActivationBlock(Kind.IDENTITY);
    }

    /**
     * Returns the activation this block applies.
     *
     * @return the kind
     */
    public Kind getKind() {
        return kind;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y =
                switch (kind) {
                    case RELU -> Activation.relu(x);
                    case RELU6 -> Activation.relu6(x);
                    case SIGMOID -> Activation.sigmoid(x);
                    case TANH -> Activation.tanh(x);
                    case GELU -> Activation.gelu(x);
                    case IDENTITY -> x;
                };
        return new NDList(y);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if there is not exactly one input
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {InputShapes.singleInput(kind.getDisplayName(), inputShapes)};
    }

    /**
     * Describes the block by its PyTorch-style name, e.g. {@code ReLU}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return kind.getDisplayName();
    }
}
