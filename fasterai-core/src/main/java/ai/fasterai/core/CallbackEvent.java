/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import java.util.function.BiConsumer;

/** The events of {@link Learner}'s loop, in the order the loop can fire them. */
public enum CallbackEvent {
    /** Fires {@link Callback#beforeFit}. */
    BEFORE_FIT(Callback::beforeFit),
    /** Fires {@link Callback#beforeEpoch}. */
    BEFORE_EPOCH(Callback::beforeEpoch),
    /** Fires {@link Callback#beforeTrain}. */
    BEFORE_TRAIN(Callback::beforeTrain),
    /** Fires {@link Callback#beforeBatch}. */
    BEFORE_BATCH(Callback::beforeBatch),
    /** Fires {@link Callback#afterPred}. */
    AFTER_PRED(Callback::afterPred),
    /** Fires {@link Callback#afterLoss}. */
    AFTER_LOSS(Callback::afterLoss),
    /** Fires {@link Callback#beforeBackward}. */
    BEFORE_BACKWARD(Callback::beforeBackward),
    /** Fires {@link Callback#afterCancelBackward}. */
    AFTER_CANCEL_BACKWARD(Callback::afterCancelBackward),
    /** Fires {@link Callback#afterBackward}. */
    AFTER_BACKWARD(Callback::afterBackward),
    /** Fires {@link Callback#beforeStep}. */
    BEFORE_STEP(Callback::beforeStep),
    /** Fires {@link Callback#afterCancelStep}. */
    AFTER_CANCEL_STEP(Callback::afterCancelStep),
    /** Fires {@link Callback#afterStep}. */
    AFTER_STEP(Callback::afterStep),
    /** Fires {@link Callback#afterCancelBatch}. */
    AFTER_CANCEL_BATCH(Callback::afterCancelBatch),
    /** Fires {@link Callback#afterBatch}. */
    AFTER_BATCH(Callback::afterBatch),
    /** Fires {@link Callback#afterCancelTrain}. */
    AFTER_CANCEL_TRAIN(Callback::afterCancelTrain),
    /** Fires {@link Callback#afterTrain}. */
    AFTER_TRAIN(Callback::afterTrain),
    /** Fires {@link Callback#beforeValidate}. */
    BEFORE_VALIDATE(Callback::beforeValidate),
    /** Fires {@link Callback#afterCancelValidate}. */
    AFTER_CANCEL_VALIDATE(Callback::afterCancelValidate),
    /** Fires {@link Callback#afterValidate}. */
    AFTER_VALIDATE(Callback::afterValidate),
    /** Fires {@link Callback#afterCancelEpoch}. */
    AFTER_CANCEL_EPOCH(Callback::afterCancelEpoch),
    /** Fires {@link Callback#afterEpoch}. */
    AFTER_EPOCH(Callback::afterEpoch),
    /** Fires {@link Callback#afterCancelFit}. */
    AFTER_CANCEL_FIT(Callback::afterCancelFit),
    /** Fires {@link Callback#afterFit}. */
    AFTER_FIT(Callback::afterFit);

    private final BiConsumer<Callback, Learner> method;

    CallbackEvent(BiConsumer<Callback, Learner> method) {
        this.method = method;
    }

    /**
     * Calls this event's method of a callback.
     *
     * @param callback the callback
     * @param learn the learner passed to it
     */
    public void fire(Callback callback, Learner learn) {
        method.accept(callback, learn);
    }

    /**
     * Returns the camel-case name of the callback method, e.g. {@code afterLoss}.
     *
     * @return the method name
     */
    public String methodName() {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
