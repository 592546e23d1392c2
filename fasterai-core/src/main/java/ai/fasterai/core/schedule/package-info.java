/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Schedules: how a value (learning rate, momentum, sparsity) anneals over training, as in fastai's
 * annealers and fasterai's sparsity schedules.
 *
 * <p>A schedule has two halves:
 *
 * <ul>
 *   <li>an {@link ai.fasterai.core.schedule.Annealer}, the shape: a function {@code (start, end,
 *       pos) -> value} of a position {@code pos} in {@code [0, 1]}, which knows nothing about
 *       training time;
 *   <li>a {@link ai.fasterai.core.schedule.Schedule}, the shape plus a window {@code [startPct,
 *       endPct]} of training: before {@code startPct} the value is {@code start}, from {@code
 *       endPct} on it is {@code anneal(start, end, 1)}, and in between the window is stretched onto
 *       {@code pos}.
 * </ul>
 *
 * <p>Training progress {@code pctTrain} is always a fraction in {@code [0, 1]}. {@link
 * ai.fasterai.core.schedule.Schedules} holds the presets, each with the default window of its
 * origin (fasterai starts {@code agp} and {@code iterative} at 20 % of training), and fastai's
 * {@code combine_scheds} and {@code combined_cos}.
 *
 * <pre>{@code
 * // fasterai: sparsity rises to 50 % along the AGP curve, from 20 % of training on.
 * Schedule sparsity = Schedules.agp();             // agp[0.2..1.0]
 * double target = 50.0 * sparsity.progress(0.5);   // 37.79296875
 *
 * // fastai: fit_one_cycle's learning rate for lrMax = 1e-3.
 * DoubleUnaryOperator lr = Schedules.combinedCos(0.25, 1e-3 / 25, 1e-3, 1e-3 / 1e5);
 * double peak = lr.applyAsDouble(0.25);            // 1e-3
 *
 * // A custom shape (a square-root ramp) that moves in the first half of training only.
 * Schedule ramp = Schedule.of((start, end, pos) -> start + (end - start) * Math.sqrt(pos))
 *         .window(0.0, 0.5);
 * }</pre>
 */
package ai.fasterai.core.schedule;
