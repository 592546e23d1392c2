/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

/**
 * Argument checks shared by the model builders, so that every message has the same form: parameter
 * name, what is allowed, the value received.
 */
final class Checks {

    private Checks() {}

    /**
     * Requires {@code value >= min}.
     *
     * @param name the parameter name for the message
     * @param value the value to check
     * @param min the smallest allowed value
     * @return {@code value}
     */
    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * Requires a finite, strictly positive value.
     *
     * @param name the parameter name for the message
     * @param value the value to check
     * @return {@code value}
     */
    static double positive(String name, double value) {
        if (!(value > 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /**
     * Requires a dropout rate in {@code [0, 1)}: a rate of 1 would drop everything and divide by
     * zero when rescaling.
     *
     * @param name the parameter name for the message
     * @param value the value to check
     * @return {@code value}
     */
    static float rate(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
