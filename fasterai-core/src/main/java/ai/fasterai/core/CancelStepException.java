/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/** Skips the optimizer step of the batch; gradients are kept and accumulate. */
public class CancelStepException extends CancelException {

    private static final long serialVersionUID = 1L;

    /** Creates a cancel without a reason. */
    public CancelStepException() {
        this("");
    }

    /**
     * Creates a cancel with a reason.
     *
     * @param message why it was cancelled, shown in logs
     */
    public CancelStepException(String message) {
        super(message);
    }
}
