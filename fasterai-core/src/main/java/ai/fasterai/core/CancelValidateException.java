/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/** Skips the rest of the validation pass. */
public class CancelValidateException extends CancelException {

    private static final long serialVersionUID = 1L;

    /** Creates a cancel without a reason. */
    public CancelValidateException() {
        this("");
    }

    /**
     * Creates a cancel with a reason.
     *
     * @param message why it was cancelled, shown in logs
     */
    public CancelValidateException(String message) {
        super(message);
    }
}
