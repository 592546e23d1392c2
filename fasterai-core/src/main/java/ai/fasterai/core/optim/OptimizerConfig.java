/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.optim;

import ai.djl.training.optimizer.Optimizer;

import java.util.function.DoubleSupplier;

/**
 * Which optimizer a {@link ai.fasterai.core.Learner} uses, fastai's {@code opt_func}: Adam (the
 * default), AdamW (decoupled weight decay) or SGD with momentum.
 *
 * <p>Unlike DJL's own {@code Optimizer.adam()}, whose learning rate comes from a fixed tracker and
 * whose beta1 is fixed, the optimizer made here reads the learner's current learning rate and
 * momentum at every update, so schedules such as one-cycle move both. "Momentum" is beta1 for
 * Adam/AdamW and the momentum coefficient for SGD (SGD built with momentum 0 ignores it).
 *
 * <p>Updates run on the engine's fused kernels ({@code adamUpdate}, {@code sgdUpdate}); with a
 * constant learning rate they are the same computations as DJL's {@code Adam}, {@code AdamW} and
 * {@code Sgd}.
 *
 * <pre>{@code
 * OptimizerConfig opt = OptimizerConfig.adamW().optWeightDecay(0.01f).build();
 * }</pre>
 */
public final class OptimizerConfig {

    /** The update rule. */
    public enum Kind {
        /** Adam with L2 weight decay added to the gradient. */
        ADAM,
        /** Adam with decoupled weight decay (Loshchilov and Hutter). */
        ADAMW,
        /** Stochastic gradient descent, with momentum when it is non-zero. */
        SGD
    }

    private final Kind kind;
    private final float weightDecay;
    private final float momentum;
    private final float beta2;
    private final float epsilon;

    private OptimizerConfig(Builder builder) {
        kind = builder.kind;
        weightDecay = builder.weightDecay;
        momentum = builder.momentum;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
    }

    /**
     * Starts an Adam configuration: beta1 0.9, beta2 0.999, epsilon 1e-8, no weight decay (DJL's
     * and PyTorch's defaults).
     *
     * @return a builder
     */
    public static Builder adam() {
        return new Builder(Kind.ADAM, 0.9f, 0f);
    }

    /**
     * Starts an AdamW configuration: as {@link #adam()} with decoupled weight decay 0.01.
     *
     * @return a builder
     */
    public static Builder adamW() {
        return new Builder(Kind.ADAMW, 0.9f, 0.01f);
    }

    /**
     * Starts an SGD configuration with momentum 0.9 and no weight decay.
     *
     * @return a builder
     */
    public static Builder sgd() {
        return new Builder(Kind.SGD, 0.9f, 0f);
    }

    /**
     * Returns the update rule.
     *
     * @return the kind
     */
    public Kind getKind() {
        return kind;
    }

    /**
     * Returns the weight decay.
     *
     * @return the weight decay, 0 for none
     */
    public float getWeightDecay() {
        return weightDecay;
    }

    /**
     * Returns the initial momentum (beta1 for Adam), the learner's momentum until a schedule moves
     * it.
     *
     * @return the momentum
     */
    public float getMomentum() {
        return momentum;
    }

    /**
     * Creates a DJL optimizer that reads its learning rate and momentum from the suppliers at every
     * update.
     *
     * @param lr the current learning rate
     * @param mom the current momentum (beta1 for Adam)
     * @return the optimizer
     */
    public Optimizer newOptimizer(DoubleSupplier lr, DoubleSupplier mom) {
        if (kind == Kind.SGD) {
            return new ScheduledSgd(weightDecay, momentum != 0f, lr, mom);
        }
        return new ScheduledAdam(weightDecay, kind == Kind.ADAMW, beta2, epsilon, lr, mom);
    }

    @Override
    public String toString() {
        return kind + "(mom=" + momentum + ", wd=" + weightDecay + ")";
    }

    /** Builds an {@link OptimizerConfig}; validation happens in {@link #build()}. */
    public static final class Builder {

        private final Kind kind;
        private float momentum;
        private float weightDecay;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder(Kind kind, float momentum, float weightDecay) {
            this.kind = kind;
            this.momentum = momentum;
            this.weightDecay = weightDecay;
        }

        /**
         * Sets the weight decay (L2 for Adam and SGD, decoupled for AdamW).
         *
         * @param weightDecay a finite value &gt;= 0
         * @return this builder
         */
        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * Sets the initial momentum: beta1 for Adam/AdamW, the momentum coefficient for SGD.
         *
         * @param momentum a value in [0, 1)
         * @return this builder
         */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets Adam's beta2 (ignored by SGD).
         *
         * @param beta2 a value in [0, 1)
         * @return this builder
         */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets Adam's epsilon (ignored by SGD).
         *
         * @param epsilon a finite value &gt; 0
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Validates the options and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first option out of range
         */
        public OptimizerConfig build() {
            checkRange("weightDecay", weightDecay, 0f, Float.MAX_VALUE, "[0, inf)");
            checkRange("momentum", momentum, 0f, Math.nextDown(1f), "[0, 1)");
            checkRange("beta2", beta2, 0f, Math.nextDown(1f), "[0, 1)");
            checkRange("epsilon", epsilon, Float.MIN_NORMAL, Float.MAX_VALUE, "(0, inf)");
            return new OptimizerConfig(this);
        }

        private static void checkRange(
                String name, float value, float min, float max, String allowed) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(
                        name + " must be in " + allowed + ", got " + value);
            }
        }
    }
}
