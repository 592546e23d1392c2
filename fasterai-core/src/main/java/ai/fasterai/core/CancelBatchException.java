/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/** Skips the rest of the batch: {@code afterCancelBatch} then {@code afterBatch} run. */
public class CancelBatchException extends CancelException {

    private static final long serialVersionUID = 1L;

    /** Creates a cancel without a reason. */
    public CancelBatchException() {
        this("");
    }

    /**
     * Creates a cancel with a reason.
     *
     * @param message why it was cancelled, shown in logs
     */
    public CancelBatchException(String message) {
        super(message);
    }
}
