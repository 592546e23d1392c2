/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

package ai.fasterai.core.schedule;

/**
 * The shape of a schedule: how a value moves from {@code start} to {@code end} as a position goes
 * from 0 to 1 (fastai's {@code SchedLin}, {@code SchedCos}, ...; fasterai's {@code sched_func}).
 *
 * <p>An annealer knows nothing about training time; {@link Schedule} maps training progress onto
 * {@code pos} through its window. Ready-made shapes are in {@link Schedules}; a custom one is a
 * lambda, for example a square-root ramp:
 *
 * <pre>{@code
 * Annealer sqrt = (start, end, pos) -> start + (end - start) * Math.sqrt(pos);
 * }</pre>
 */
@FunctionalInterface
public interface Annealer {

    /**
     * Computes the value at position {@code pos} of the curve from {@code start} to {@code end}.
     * Implementations usually return {@code start} at {@code pos = 0} and {@code end} at {@code pos
     * = 1}, but need not (a one-shot step, a dense-sparse-dense round trip).
     *
     * @param start the value at the beginning of the curve
     * @param end the value the curve anneals towards
     * @param pos the position along the curve, in {@code [0, 1]}
     * @return the annealed value at {@code pos}
     */
    double anneal(double start, double end, double pos);
}
