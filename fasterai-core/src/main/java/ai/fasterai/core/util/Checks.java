/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.util;

/**
 * Argument checks shared by every module, so that bad input always gets the same kind of message:
 * the parameter's name, the value, and what is allowed, in an {@link IllegalArgumentException}
 * (never a {@code NullPointerException}).
 */
public final class Checks {

    private Checks() {}

    /**
     * Requires a non-null value.
     *
     * @param name the parameter's name
     * @param value the value
     * @param <T> the value's type
     * @return the value
     * @throws IllegalArgumentException "name must not be null"
     */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Requires {@code value >= min}.
     *
     * @param name the parameter's name
     * @param value the value
     * @param min the smallest allowed value
     * @return the value
     * @throws IllegalArgumentException "name must be &gt;= min, got value"
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * Requires a finite value.
     *
     * @param name the parameter's name
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException "name must be finite, got value"
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /**
     * Requires a finite value &gt; 0.
     *
     * @param name the parameter's name
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException "name must be finite and &gt; 0, got value"
     */
    public static double positive(String name, double value) {
        if (!(value > 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /**
     * Requires a value in [0, 1].
     *
     * @param name the parameter's name
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException "name must be in [0, 1], got value"
     */
    public static double unit(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /**
     * Requires a rate in [0, 1), e.g. a dropout rate or a momentum.
     *
     * @param name the parameter's name
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException "name must be in [0, 1), got value"
     */
    public static float rate(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * Requires a rate in [0, 1), e.g. a momentum.
     *
     * @param name the parameter's name
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException "name must be in [0, 1), got value"
     */
    public static double rate(String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
