/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/** Skips the rest of the epoch: {@code afterCancelEpoch} then {@code afterEpoch} run. */
public class CancelEpochException extends CancelException {

    private static final long serialVersionUID = 1L;

    /** Creates a cancel without a reason. */
    public CancelEpochException() {
        this("");
    }

    /**
     * Creates a cancel with a reason.
     *
     * @param message why it was cancelled, shown in logs
     */
    public CancelEpochException(String message) {
        super(message);
    }
}
