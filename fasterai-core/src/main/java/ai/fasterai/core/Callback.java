/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/**
 * Something that acts at named points of {@link Learner}'s loop, fastai's {@code Callback}.
 *
 * <p>Every event method has an empty default, so a callback overrides only what it needs. The
 * learner passes itself: a callback reads and may change its state (inputs, labels, predictions,
 * loss, learning rate...). To stop part of the loop, throw one of the {@link CancelException}
 * subclasses; any other exception aborts the fit and reaches the caller wrapped in a {@link
 * CallbackException} naming this callback and the event.
 *
 * <p>Callbacks run in ascending {@link #getOrder() order}; callbacks of equal order run in the
 * order they were added. The constants below are fastai's orders for its built-in callbacks, so a
 * compression callback can say where it stands relative to them.
 *
 * <p>Batch events ({@code beforeBatch} to {@code afterBatch}, {@code afterPred}, {@code afterLoss})
 * fire for validation batches too, as in fastai; check {@link Learner#isTraining()} when acting on
 * training batches only.
 */
public interface Callback {

    /** The order of {@code TerminateOnNaNCallback}: before everything else. */
    int ORDER_TERMINATE_ON_NAN = -9;

    /** The default order. */
    int ORDER_DEFAULT = 0;

    /** The order of {@code Recorder}. */
    int ORDER_RECORDER = 50;

    /** The order of {@code ProgressCallback} and {@code ParamScheduler}. */
    int ORDER_PROGRESS = 60;

    /** The order of {@code SaveModelCallback}. */
    int ORDER_SAVE_MODEL = 61;

    /** The order of {@code EarlyStoppingCallback}. */
    int ORDER_EARLY_STOPPING = 63;

    /**
     * Returns where this callback runs among the others: lower runs first.
     *
     * @return the order, {@link #ORDER_DEFAULT} unless overridden
     */
    default int getOrder() {
        return ORDER_DEFAULT;
    }

    /**
     * Returns the name used in error messages and logs.
     *
     * @return the simple class name unless overridden
     */
    default String getName() {
        String name = getClass().getSimpleName();
        return name.isEmpty() ? getClass().getName() : name;
    }

    /**
     * Called once when a fit starts.
     *
     * @param learn the learner
     */
    default void beforeFit(Learner learn) {}

    /**
     * Called at the start of each epoch.
     *
     * @param learn the learner
     */
    default void beforeEpoch(Learner learn) {}

    /**
     * Called before the training pass of an epoch.
     *
     * @param learn the learner
     */
    default void beforeTrain(Learner learn) {}

    /**
     * Called before each batch, training or validation; inputs and labels are set.
     *
     * @param learn the learner
     */
    default void beforeBatch(Learner learn) {}

    /**
     * Called after the forward pass; the predictions are set.
     *
     * @param learn the learner
     */
    default void afterPred(Learner learn) {}

    /**
     * Called after the loss is computed; a callback may replace it with {@link
     * Learner#setLoss(ai.djl.ndarray.NDArray)} before the backward pass.
     *
     * @param learn the learner
     */
    default void afterLoss(Learner learn) {}

    /**
     * Called before the backward pass (training only).
     *
     * @param learn the learner
     */
    default void beforeBackward(Learner learn) {}

    /**
     * Called when a {@link CancelBackwardException} skipped the backward pass.
     *
     * @param learn the learner
     */
    default void afterCancelBackward(Learner learn) {}

    /**
     * Called after the backward pass: gradients can be read here, before the optimizer step.
     *
     * @param learn the learner
     */
    default void afterBackward(Learner learn) {}

    /**
     * Called before the optimizer step (training only).
     *
     * @param learn the learner
     */
    default void beforeStep(Learner learn) {}

    /**
     * Called when a {@link CancelStepException} skipped the optimizer step.
     *
     * @param learn the learner
     */
    default void afterCancelStep(Learner learn) {}

    /**
     * Called after the optimizer step; weights can be changed in place here (masks).
     *
     * @param learn the learner
     */
    default void afterStep(Learner learn) {}

    /**
     * Called when a {@link CancelBatchException} stopped the batch.
     *
     * @param learn the learner
     */
    default void afterCancelBatch(Learner learn) {}

    /**
     * Called at the end of each batch, training or validation.
     *
     * @param learn the learner
     */
    default void afterBatch(Learner learn) {}

    /**
     * Called when a {@link CancelTrainException} stopped the training pass.
     *
     * @param learn the learner
     */
    default void afterCancelTrain(Learner learn) {}

    /**
     * Called after the training pass of an epoch.
     *
     * @param learn the learner
     */
    default void afterTrain(Learner learn) {}

    /**
     * Called before the validation pass.
     *
     * @param learn the learner
     */
    default void beforeValidate(Learner learn) {}

    /**
     * Called when a {@link CancelValidateException} stopped the validation pass.
     *
     * @param learn the learner
     */
    default void afterCancelValidate(Learner learn) {}

    /**
     * Called after the validation pass.
     *
     * @param learn the learner
     */
    default void afterValidate(Learner learn) {}

    /**
     * Called when a {@link CancelEpochException} stopped the epoch.
     *
     * @param learn the learner
     */
    default void afterCancelEpoch(Learner learn) {}

    /**
     * Called at the end of each epoch; a callback may change the model's layers here and call
     * {@link Learner#modelChanged()}.
     *
     * @param learn the learner
     */
    default void afterEpoch(Learner learn) {}

    /**
     * Called when a {@link CancelFitException} stopped the fit.
     *
     * @param learn the learner
     */
    default void afterCancelFit(Learner learn) {}

    /**
     * Called once when a fit ends, also when it ends with an exception (clean-up runs always).
     *
     * @param learn the learner
     */
    default void afterFit(Learner learn) {}
}
