/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import java.util.function.BiConsumer;

/** The events of {@link Learner}'s loop, in the order the loop can fire them. */
public enum CallbackEvent {
    BEFORE_FIT(Callback::beforeFit),
    BEFORE_EPOCH(Callback::beforeEpoch),
    BEFORE_TRAIN(Callback::beforeTrain),
    BEFORE_BATCH(Callback::beforeBatch),
    AFTER_PRED(Callback::afterPred),
    AFTER_LOSS(Callback::afterLoss),
    BEFORE_BACKWARD(Callback::beforeBackward),
    AFTER_CANCEL_BACKWARD(Callback::afterCancelBackward),
    AFTER_BACKWARD(Callback::afterBackward),
    BEFORE_STEP(Callback::beforeStep),
    AFTER_CANCEL_STEP(Callback::afterCancelStep),
    AFTER_STEP(Callback::afterStep),
    AFTER_CANCEL_BATCH(Callback::afterCancelBatch),
    AFTER_BATCH(Callback::afterBatch),
    AFTER_CANCEL_TRAIN(Callback::afterCancelTrain),
    AFTER_TRAIN(Callback::afterTrain),
    BEFORE_VALIDATE(Callback::beforeValidate),
    AFTER_CANCEL_VALIDATE(Callback::afterCancelValidate),
    AFTER_VALIDATE(Callback::afterValidate),
    AFTER_CANCEL_EPOCH(Callback::afterCancelEpoch),
    AFTER_EPOCH(Callback::afterEpoch),
    AFTER_CANCEL_FIT(Callback::afterCancelFit),
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
