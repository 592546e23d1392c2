/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.optim;

import ai.djl.training.optimizer.Optimizer;

import java.util.function.DoubleSupplier;

/**
 * A DJL optimizer whose learning rate and momentum come from suppliers read at each update, so the
 * learner's schedules drive it. DJL's own optimizers fix both at build time.
 */
abstract class HyperOptimizer extends Optimizer {

    private final DoubleSupplier lr;
    private final DoubleSupplier mom;

    HyperOptimizer(float weightDecay, DoubleSupplier lr, DoubleSupplier mom) {
        super(new PlainBuilder().optWeightDecays(weightDecay));
        this.lr = lr;
        this.mom = mom;
    }

    /** Reads the learning rate; the learner validates it before every step. */
    float learningRate() {
        return (float) lr.getAsDouble();
    }

    /** Reads the momentum (beta1 for Adam). */
    float momentum() {
        return (float) mom.getAsDouble();
    }

    /** DJL's builder is abstract; ours only carries the weight decay. */
    private static final class PlainBuilder extends OptimizerBuilder<PlainBuilder> {
        @Override
        protected PlainBuilder self() {
            return this;
        }
    }
}
