/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/**
 * Thrown by a callback to stop part of {@link Learner}'s loop, as fastai's Cancel*Exception. The
 * loop catches it at its phase, fires the phase's {@code afterCancel} event, then its {@code after}
 * event, and goes on. A cancel is not an error: nothing is rolled back, and gradients are kept
 * (skipping the step in {@code beforeStep} accumulates gradients).
 */
public abstract class CancelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a cancel with a reason.
     *
     * @param message why the phase was cancelled (may be empty)
     */
    protected CancelException(String message) {
        super(message, null, false, false);
    }
}
