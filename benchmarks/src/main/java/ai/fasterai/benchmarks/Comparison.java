/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import java.util.Locale;

/**
 * One side-by-side result of a benchmark: a baseline figure, a candidate figure in the same unit,
 * the ratio that summarizes them, and the target it should meet, if the benchmark has one. The
 * benchmarks return these so that {@link PipelineBenchmark} can collect every comparison of one run
 * into a single table without parsing printed text.
 *
 * @param name what is measured, e.g. {@code "latency, batch 1"}
 * @param compared the candidate against the baseline in words, e.g. {@code "pruned vs dense"}
 * @param baseline the baseline figure, {@code NaN} when there is none
 * @param candidate the candidate figure
 * @param unit the unit of both figures, e.g. {@code "ms"}
 * @param ratio the summary figure, {@code NaN} when there is none
 * @param ratioKind what the ratio is, e.g. {@code "speed-up (baseline / candidate)"}
 * @param target the target, or null when the benchmark sets none for this comparison
 * @param note context: settings specific to this row, secondary figures
 */
public record Comparison(
        String name,
        String compared,
        double baseline,
        double candidate,
        String unit,
        double ratio,
        String ratioKind,
        Target target,
        String note) {

    /** The ratio kind of latency comparisons: larger is better. */
    public static final String SPEED_UP = "speed-up (baseline / candidate)";

    /** The ratio kind of cost comparisons: smaller is better. */
    public static final String COST_RATIO = "candidate / baseline";

    /**
     * A comparison without target or note, to which {@link #withTarget} and {@link #withNote} add.
     *
     * @param name what is measured
     * @param compared the candidate against the baseline in words
     * @param baseline the baseline figure
     * @param candidate the candidate figure
     * @param unit the unit of both figures
     * @param ratio the summary figure
     * @param ratioKind what the ratio is
     * @return the comparison
     */
    public static Comparison of(
            String name,
            String compared,
            double baseline,
            double candidate,
            String unit,
            double ratio,
            String ratioKind) {
        return new Comparison(
                name, compared, baseline, candidate, unit, ratio, ratioKind, null, "");
    }

    /**
     * A latency (or any time) comparison whose ratio is the speed-up {@code baseline / candidate}.
     *
     * @param name what is measured
     * @param compared the candidate against the baseline in words
     * @param baseline the baseline time
     * @param candidate the candidate time
     * @param unit the unit of both times
     * @return the comparison
     */
    public static Comparison speedUp(
            String name, String compared, double baseline, double candidate, String unit) {
        return of(name, compared, baseline, candidate, unit, baseline / candidate, SPEED_UP);
    }

    /**
     * The same comparison with a target.
     *
     * @param newTarget the target
     * @return a copy
     */
    public Comparison withTarget(Target newTarget) {
        return new Comparison(
                name, compared, baseline, candidate, unit, ratio, ratioKind, newTarget, note);
    }

    /**
     * The same comparison with a note.
     *
     * @param newNote the note
     * @return a copy
     */
    public Comparison withNote(String newNote) {
        return new Comparison(
                name, compared, baseline, candidate, unit, ratio, ratioKind, target, newNote);
    }

    /**
     * Whether the target is met.
     *
     * @return null without a target; false when the figure the target checks is missing
     */
    public Boolean met() {
        return target == null ? null : target.isMetBy(this);
    }

    /**
     * A bound on one figure of a comparison.
     *
     * @param onRatio true to check the ratio, false to check the candidate figure (a budget, such
     *     as a wall time)
     * @param atLeast true for a lower bound, false for an upper bound
     * @param value the bound, inclusive
     */
    public record Target(boolean onRatio, boolean atLeast, double value) {

        /**
         * The ratio must be at least {@code value}.
         *
         * @param value the bound
         * @return the target
         */
        public static Target ratioAtLeast(double value) {
            return new Target(true, true, value);
        }

        /**
         * The ratio must be at most {@code value}.
         *
         * @param value the bound
         * @return the target
         */
        public static Target ratioAtMost(double value) {
            return new Target(true, false, value);
        }

        /**
         * The candidate figure must be at most {@code value}, in the comparison's unit.
         *
         * @param value the bound
         * @return the target
         */
        public static Target candidateAtMost(double value) {
            return new Target(false, false, value);
        }

        /**
         * Whether a comparison meets this target.
         *
         * @param c the comparison
         * @return false when the checked figure is NaN
         */
        public boolean isMetBy(Comparison c) {
            double figure = onRatio ? c.ratio() : c.candidate();
            if (Double.isNaN(figure)) {
                return false;
            }
            return atLeast ? figure >= value : figure <= value;
        }

        /**
         * The target as written in the tables, e.g. {@code "ratio >= 0.8"}.
         *
         * @return the text
         */
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s %s %s",
                    onRatio ? "ratio" : "candidate",
                    atLeast ? ">=" : "<=",
                    BenchSupport.number(value));
        }
    }
}
