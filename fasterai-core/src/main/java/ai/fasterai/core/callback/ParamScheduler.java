/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;

import java.util.function.DoubleUnaryOperator;

/**
 * Sets the learning rate and momentum before every training batch from functions of the training
 * progress {@link Learner#getPctTrain()}, fastai's {@code ParamScheduler}.
 *
 * <pre>{@code
 * learn.fit(3, 1e-3, ParamScheduler.lr(Schedules.cos().bind(1e-3, 1e-5)));
 * }</pre>
 */
public class ParamScheduler implements Callback {

    private final DoubleUnaryOperator lr;
    private final DoubleUnaryOperator mom;

    /**
     * Creates a scheduler of both hyper-parameters.
     *
     * @param lr the learning rate as a function of pctTrain, or null to leave it
     * @param mom the momentum as a function of pctTrain, or null to leave it
     */
    public ParamScheduler(DoubleUnaryOperator lr, DoubleUnaryOperator mom) {
        if (lr == null && mom == null) {
            throw new IllegalArgumentException("lr and mom schedules are both null: give one");
        }
        this.lr = lr;
        this.mom = mom;
    }

    /**
     * Creates a scheduler of the learning rate only.
     *
     * @param lr the learning rate as a function of pctTrain
     * @return the scheduler
     */
    public static ParamScheduler lr(DoubleUnaryOperator lr) {
        return new ParamScheduler(lr, null);
    }

    @Override
    public int getOrder() {
        return ORDER_PROGRESS;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (!learn.isTraining()) {
            return;
        }
        double pct = learn.getPctTrain();
        if (lr != null) {
            learn.setLr(lr.applyAsDouble(pct));
        }
        if (mom != null) {
            learn.setMom(mom.applyAsDouble(pct));
        }
    }
}
