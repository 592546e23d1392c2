/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

package ai.fasterai.core.schedule;

import ai.fasterai.core.util.Checks;

import java.util.function.DoubleUnaryOperator;

/**
 * An {@link Annealer} (the shape) plus a window {@code [startPct, endPct]} of training in which the
 * value moves, as fasterai's {@code Schedule}. Immutable and thread-safe if the annealer is.
 *
 * <p>With {@code pctTrain} the training progress in {@code [0, 1]}, the value follows fasterai's
 * rule:
 *
 * <pre>
 * pctTrain &lt; startPct   : start
 * pctTrain &gt;= endPct    : anneal(start, end, 1)
 * otherwise             : anneal(start, end, (pctTrain - startPct) / (endPct - startPct))
 * </pre>
 *
 * <p>{@code startPct == endPct} is allowed and gives a step at that point. Presets come from {@link
 * Schedules}; a custom shape from {@link #of(Annealer)}.
 */
public final class Schedule {

    /**
     * A check of the {@code (start, end)} pair run on every {@link #value} call, before the window
     * is looked at: a preset that cannot handle a pair (geometric shapes and zero) then fails on
     * the first call rather than only once training reaches {@code startPct}.
     */
    @FunctionalInterface
    interface EndpointCheck {

        /**
         * Throws {@link IllegalArgumentException} if the pair is unusable.
         *
         * @param start the start value
         * @param end the end value
         */
        void check(double start, double end);
    }

    private static final EndpointCheck ANY_ENDPOINTS = (start, end) -> {};

    private final String name;
    private final Annealer annealer;
    private final EndpointCheck endpointCheck;
    private final double startPct;
    private final double endPct;

    private Schedule(
            String name,
            Annealer annealer,
            EndpointCheck endpointCheck,
            double startPct,
            double endPct) {
        Checks.unit("startPct", startPct);
        Checks.unit("endPct", endPct);
        if (endPct < startPct) {
            throw new IllegalArgumentException(
                    "endPct must be >= startPct, got endPct=" + endPct + " < startPct=" + startPct);
        }
        this.name = name;
        this.annealer = annealer;
        this.endpointCheck = endpointCheck;
        this.startPct = startPct;
        this.endPct = endPct;
    }

    /**
     * Wraps a custom annealer in a schedule that moves over the whole of training (window {@code
     * [0, 1]}), named {@code "custom"}.
     *
     * @param annealer the shape of the curve, not null
     * @return a schedule {@code custom[0.0..1.0]}
     * @throws IllegalArgumentException if {@code annealer} is null
     */
    public static Schedule of(Annealer annealer) {
        return new Schedule(
                "custom", Checks.notNull("annealer", annealer), ANY_ENDPOINTS, 0.0, 1.0);
    }

    /**
     * Builds a named preset for {@link Schedules}.
     *
     * @param name the name shown by {@link #toString()}
     * @param annealer the shape of the curve
     * @param endpointCheck the check of {@code (start, end)} pairs
     * @param startPct the default start of the window
     * @return a schedule with window {@code [startPct, 1]}
     */
    static Schedule preset(
            String name, Annealer annealer, EndpointCheck endpointCheck, double startPct) {
        return new Schedule(name, annealer, endpointCheck, startPct, 1.0);
    }

    /**
     * Builds a named preset for {@link Schedules} that accepts any {@code (start, end)} pair.
     *
     * @param name the name shown by {@link #toString()}
     * @param annealer the shape of the curve
     * @param startPct the default start of the window
     * @return a schedule with window {@code [startPct, 1]}
     */
    static Schedule preset(String name, Annealer annealer, double startPct) {
        return preset(name, annealer, ANY_ENDPOINTS, startPct);
    }

    /**
     * Returns a copy of this schedule with the same shape and another window.
     *
     * @param startPct where the value starts to move, in {@code [0, 1]}
     * @param endPct where the value reaches {@code anneal(start, end, 1)}, in {@code [startPct, 1]}
     * @return the new schedule
     * @throws IllegalArgumentException if a bound is not finite or not {@code 0 <= startPct <=
     *     endPct <= 1}
     */
    public Schedule window(double startPct, double endPct) {
        return new Schedule(name, annealer, endpointCheck, startPct, endPct);
    }

    /**
     * Returns the start of the window.
     *
     * @return the fraction of training before which the value stays at {@code start}
     */
    public double getStartPct() {
        return startPct;
    }

    /**
     * Returns the end of the window.
     *
     * @return the fraction of training from which the value stays at {@code anneal(start, end, 1)}
     */
    public double getEndPct() {
        return endPct;
    }

    /**
     * Returns the shape of this schedule.
     *
     * @return the annealer
     */
    public Annealer getAnnealer() {
        return annealer;
    }

    /**
     * Computes the scheduled value at a point of training: {@code start} before {@code startPct},
     * {@code anneal(start, end, 1)} from {@code endPct} on, and {@code anneal(start, end, (pctTrain
     * - startPct) / (endPct - startPct))} in between.
     *
     * @param start the value before the window
     * @param end the value the schedule anneals towards
     * @param pctTrain the training progress, in {@code [0, 1]}
     * @return the value at {@code pctTrain}
     * @throws IllegalArgumentException if {@code pctTrain} is not in {@code [0, 1]}, if {@code
     *     start} or {@code end} is not finite, or if the preset cannot use the pair (geometric
     *     presets need both non-zero with the same sign)
     */
    public double value(double start, double end, double pctTrain) {
        Checks.unit("pctTrain", pctTrain);
        checkEndpoints(start, end);
        if (pctTrain < startPct) {
            return start;
        }
        if (pctTrain >= endPct) {
            return annealer.anneal(start, end, 1.0);
        }
        // pctTrain < endPct here, so endPct > startPct and the division is safe.
        return annealer.anneal(start, end, (pctTrain - startPct) / (endPct - startPct));
    }

    /**
     * Computes how far the schedule has gone: {@code value(0, 1, pctTrain)}. fasterai multiplies a
     * target sparsity by this.
     *
     * @param pctTrain the training progress, in {@code [0, 1]}
     * @return the progress, usually in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code pctTrain} is not in {@code [0, 1]}, or for a
     *     geometric preset, which cannot start at 0
     */
    public double progress(double pctTrain) {
        return value(0.0, 1.0, pctTrain);
    }

    /**
     * Fixes the endpoints, giving a function of training progress only: {@code pct -> value(start,
     * end, pct)}. Used for learning rate and momentum.
     *
     * @param start the value before the window
     * @param end the value the schedule anneals towards
     * @return the function {@code pctTrain -> value(start, end, pctTrain)}
     * @throws IllegalArgumentException now rather than at the first call if {@code start} or {@code
     *     end} is not finite or the preset cannot use the pair
     */
    public DoubleUnaryOperator bind(double start, double end) {
        checkEndpoints(start, end);
        return pctTrain -> value(start, end, pctTrain);
    }

    private void checkEndpoints(double start, double end) {
        Checks.finite("start", start);
        Checks.finite("end", end);
        endpointCheck.check(start, end);
    }

    /**
     * Names the preset and the window, e.g. {@code agp[0.2..1.0]}.
     *
     * @return {@code name[startPct..endPct]}
     */
    @Override
    public String toString() {
        return name + "[" + startPct + ".." + endPct + "]";
    }
}
