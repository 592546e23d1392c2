/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/** Stops the fit: {@code afterCancelFit} then {@code afterFit} run. */
public class CancelFitException extends CancelException {

    private static final long serialVersionUID = 1L;

    /** Creates a cancel without a reason. */
    public CancelFitException() {
        this("");
    }

    /**
     * Creates a cancel with a reason.
     *
     * @param message why it was cancelled, shown in logs
     */
    public CancelFitException(String message) {
        super(message);
    }
}
