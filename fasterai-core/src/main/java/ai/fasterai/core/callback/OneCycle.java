/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.fasterai.core.schedule.Schedules;

/**
 * fastai's one-cycle policy: the learning rate rises from {@code lrMax / div} to {@code lrMax}
 * along a cosine over the first {@code pctStart} of training, then falls to {@code lrMax /
 * divFinal}; the momentum goes the other way, {@code moms[0] -> moms[1] -> moms[2]}. Used by {@link
 * ai.fasterai.core.Learner#fitOneCycle}.
 */
public final class OneCycle {

    private final double lrMax;
    private final double div;
    private final double divFinal;
    private final double pctStart;
    private final double[] moms;

    private OneCycle(Builder builder) {
        lrMax = builder.lrMax;
        div = builder.div;
        divFinal = builder.divFinal;
        pctStart = builder.pctStart;
        moms = builder.moms.clone();
    }

    /**
     * Starts a builder with fastai's defaults: div 25, divFinal 1e5, pctStart 0.25, moms (0.95,
     * 0.85, 0.95).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the scheduler that applies this policy.
     *
     * @return a new {@link ParamScheduler}
     */
    public ParamScheduler scheduler() {
        return new ParamScheduler(
                Schedules.combinedCos(pctStart, lrMax / div, lrMax, lrMax / divFinal),
                Schedules.combinedCos(pctStart, moms[0], moms[1], moms[2]));
    }

    /** Builds a {@link OneCycle}; validation happens in {@link #build()}. */
    public static final class Builder {

        private double lrMax = Double.NaN;
        private double div = 25;
        private double divFinal = 1e5;
        private double pctStart = 0.25;
        private double[] moms = {0.95, 0.85, 0.95};

        private Builder() {}

        /**
         * Sets the peak learning rate (required).
         *
         * @param lrMax finite and &gt; 0
         * @return this builder
         */
        public Builder setLrMax(double lrMax) {
            this.lrMax = lrMax;
            return this;
        }

        /**
         * Sets the ratio of the peak to the initial learning rate (default 25).
         *
         * @param div finite and &gt;= 1
         * @return this builder
         */
        public Builder optDiv(double div) {
            this.div = div;
            return this;
        }

        /**
         * Sets the ratio of the peak to the final learning rate (default 1e5).
         *
         * @param divFinal finite and &gt;= 1
         * @return this builder
         */
        public Builder optDivFinal(double divFinal) {
            this.divFinal = divFinal;
            return this;
        }

        /**
         * Sets the share of training spent warming up (default 0.25).
         *
         * @param pctStart in (0, 1)
         * @return this builder
         */
        public Builder optPctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /**
         * Sets the momentum at the start, at the peak and at the end (default 0.95, 0.85, 0.95).
         *
         * @param start the initial momentum, in [0, 1)
         * @param middle the momentum at the learning-rate peak, in [0, 1)
         * @param end the final momentum, in [0, 1)
         * @return this builder
         */
        public Builder optMoms(double start, double middle, double end) {
            this.moms = new double[] {start, middle, end};
            return this;
        }

        /**
         * Validates and builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException naming the bad option
         */
        public OneCycle build() {
            if (!(lrMax > 0) || Double.isInfinite(lrMax)) {
                throw new IllegalArgumentException("lrMax must be finite and > 0, got " + lrMax);
            }
            if (!(div >= 1) || Double.isInfinite(div)) {
                throw new IllegalArgumentException("div must be finite and >= 1, got " + div);
            }
            if (!(divFinal >= 1) || Double.isInfinite(divFinal)) {
                throw new IllegalArgumentException(
                        "divFinal must be finite and >= 1, got " + divFinal);
            }
            if (!(pctStart > 0 && pctStart < 1)) {
                throw new IllegalArgumentException("pctStart must be in (0, 1), got " + pctStart);
            }
            for (double m : moms) {
                if (!(m >= 0 && m < 1)) {
                    throw new IllegalArgumentException(
                            "moms must each be in [0, 1), got " + java.util.Arrays.toString(moms));
                }
            }
            return new OneCycle(this);
        }
    }
}
