/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

/** A callback failed: the message names the callback and the event, the cause is the error. */
public class CallbackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The failing callback's name. */
    private final String callbackName;

    /** The event it was handling. */
    private final CallbackEvent event;

    /**
     * Creates the exception.
     *
     * @param callbackName the failing callback's name
     * @param event the event it was handling
     * @param cause what it threw
     */
    public CallbackException(String callbackName, CallbackEvent event, Throwable cause) {
        super(
                "Callback '" + callbackName + "' failed in " + event.methodName() + ": " + cause,
                cause);
        this.callbackName = callbackName;
        this.event = event;
    }

    /**
     * Returns the failing callback's name.
     *
     * @return the name
     */
    public String getCallbackName() {
        return callbackName;
    }

    /**
     * Returns the event the callback was handling.
     *
     * @return the event
     */
    public CallbackEvent getEvent() {
        return event;
    }
}
