/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Records every event it sees, and can act (throw) at one chosen event. */
final class EventProbe implements Callback {

    final List<String> events = new ArrayList<>();
    private final CallbackEvent trigger;
    private final BiConsumer<Learner, CallbackEvent> action;

    EventProbe() {
        this(null, (l, e) -> {});
    }

    EventProbe(CallbackEvent trigger, BiConsumer<Learner, CallbackEvent> action) {
        this.trigger = trigger;
        this.action = action;
    }

    private void on(CallbackEvent event, Learner learn) {
        events.add(event.methodName());
        if (event == trigger) {
            action.accept(learn, event);
        }
    }

    @Override
    public void beforeFit(Learner l) {
        on(CallbackEvent.BEFORE_FIT, l);
    }

    @Override
    public void beforeEpoch(Learner l) {
        on(CallbackEvent.BEFORE_EPOCH, l);
    }

    @Override
    public void beforeTrain(Learner l) {
        on(CallbackEvent.BEFORE_TRAIN, l);
    }

    @Override
    public void beforeBatch(Learner l) {
        on(CallbackEvent.BEFORE_BATCH, l);
    }

    @Override
    public void afterPred(Learner l) {
        on(CallbackEvent.AFTER_PRED, l);
    }

    @Override
    public void afterLoss(Learner l) {
        on(CallbackEvent.AFTER_LOSS, l);
    }

    @Override
    public void beforeBackward(Learner l) {
        on(CallbackEvent.BEFORE_BACKWARD, l);
    }

    @Override
    public void afterCancelBackward(Learner l) {
        on(CallbackEvent.AFTER_CANCEL_BACKWARD, l);
    }

    @Override
    public void afterBackward(Learner l) {
        on(CallbackEvent.AFTER_BACKWARD, l);
    }

    @Override
    public void beforeStep(Learner l) {
        on(CallbackEvent.BEFORE_STEP, l);
    }

    @Override
    public void afterCancelStep(Learner l) {
        on(CallbackEvent.AFTER_CANCEL_STEP, l);
    }

    @Override
    public void afterStep(Learner l) {
        on(CallbackEvent.AFTER_STEP, l);
    }

    @Override
    public void afterCancelBatch(Learner l) {
        on(CallbackEvent.AFTER_CANCEL_BATCH, l);
    }

    @Override
    public void afterBatch(Learner l) {
        on(CallbackEvent.AFTER_BATCH, l);
    }

    @Override
    public void afterCancelTrain(Learner l) {
        on(CallbackEvent.AFTER_CANCEL_TRAIN, l);
    }

    @Override
    public void afterTrain(Learner l) {
        on(CallbackEvent.AFTER_TRAIN, l);
    }

    @Override
    public void beforeValidate(Learner l) {
        on(CallbackEvent.BEFORE_VALIDATE, l);
    }

    @Override
    public void afterCancelValidate(Learner l) {
        on(CallbackEvent.AFTER_CANCEL_VALIDATE, l);
    }

    @Override
    public void afterValidate(Learner l) {
        on(CallbackEvent.AFTER_VALIDATE, l);
    }

    @Override
    public void afterCancelEpoch(Learner l) {
        on(CallbackEvent.AFTER_CANCEL_EPOCH, l);
    }

    @Override
    public void afterEpoch(Learner l) {
        on(CallbackEvent.AFTER_EPOCH, l);
    }

    @Override
    public void afterCancelFit(Learner l) {
        on(CallbackEvent.AFTER_CANCEL_FIT, l);
    }

    @Override
    public void afterFit(Learner l) {
        on(CallbackEvent.AFTER_FIT, l);
    }
}
