/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

package ai.fasterai.core.schedule;

/**
 * Argument checks shared by the schedule classes, so that every message has the same form:
 * parameter name, what is allowed, the value received.
 */
final class Checks {

    private Checks() {}

    /**
     * Requires {@code 0 <= value <= 1}; NaN and infinities fail the comparison, so they are
     * rejected too.
     *
     * @param name the parameter name for the message
     * @param value the value to check
     * @return {@code value}
     */
    static double unit(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /**
     * Requires a finite value.
     *
     * @param name the parameter name for the message
     * @param value the value to check
     * @return {@code value}
     */
    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
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
     * Requires an integer of at least 1.
     *
     * @param name the parameter name for the message
     * @param value the value to check
     * @return {@code value}
     */
    static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }

    /**
     * Requires a non-null reference; an {@link IllegalArgumentException} rather than a {@link
     * NullPointerException}, so that all bad arguments fail the same way.
     *
     * @param name the parameter name for the message
     * @param value the reference to check
     * @param <T> the type of the reference
     * @return {@code value}
     */
    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Requires {@code start} and {@code end} non-zero with the same sign, as geometric
     * interpolation ({@code start * (end / start)^pos}) needs: otherwise the ratio is zero,
     * infinite or negative and the power is NaN or meaningless.
     *
     * @param preset the preset name for the message
     * @param start the start value
     * @param end the end value
     */
    static void sameSignNonZero(String preset, double start, double end) {
        boolean ok = (start > 0.0 && end > 0.0) || (start < 0.0 && end < 0.0);
        if (!ok) {
            throw new IllegalArgumentException(
                    preset
                            + " needs start and end non-zero with the"
                            + " same sign, got start="
                            + start
                            + ", end="
                            + end);
        }
    }
}
