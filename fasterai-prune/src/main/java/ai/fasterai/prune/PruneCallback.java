/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.schedule.Schedule;
import ai.fasterai.core.schedule.Schedules;
import ai.fasterai.core.util.Checks;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Physically prunes channels during training, as fasterai's {@code PruneCallback(pruning_ratio,
 * context, criteria, schedule)}: the ratio of removed channels follows {@code pruningRatio *
 * schedule.progress(pctTrain)}, and the learner goes on training the smaller model.
 *
 * <ul>
 *   <li>{@code beforeFit}: the model is initialized (from the first batch if needed) and a {@link
 *       Pruner} analyzes it; ratios count from the sizes at that moment.
 *   <li>{@code beforeBatch} (training): when the scheduled ratio has grown by at least {@code
 *       minStep} percentage points since the last pruning, or reached its end value, the model is
 *       pruned to it and the learner rebuilds its trainer ({@link Learner#modelChanged()}). Unlike
 *       fasterai's callback, the schedule's window {@code [startPct, endPct]} is honoured: nothing
 *       is pruned before {@code startPct} and the full ratio is reached at {@code endPct}.
 *   <li>{@code afterTrain} of the last epoch: the end value is applied if a coarse step left it
 *       short, so the model ends at the requested ratio.
 * </ul>
 *
 * <p>Each pruning step replaces layers with new parameters: their optimizer moments start fresh,
 * which is why steps are spaced by {@code minStep} rather than taken at every batch.
 *
 * <pre>{@code
 * learn.fitOneCycle(3, 1e-3,
 *         new PruneCallback(50, Context.GLOBAL, Criteria.largeFinal(), Schedules.agp()));
 * }</pre>
 */
public final class PruneCallback implements Callback {

    private final double pruningRatio;
    private final Context context;
    private final Criteria criteria;
    private final Schedule schedule;
    private final double minStep;
    private final String[] ignoredLayers;
    private final Map<String, Double> layerRatios;
    private final double maxRatio;
    private final int roundTo;
    private final PrintStream log;

    private Pruner pruner;
    private double appliedRatio;
    private int steps;
    private final List<Block> toFree = new ArrayList<>();

    /**
     * Prunes to {@code pruningRatio} percent of channels following a schedule, as fasterai.
     *
     * @param pruningRatio the percentage of channels removed at the end, in [0, 100)
     * @param context {@link Context#LOCAL} (that ratio in every group) or {@link Context#GLOBAL}
     * @param criteria how channels are scored (current weights only, e.g. largeFinal)
     * @param schedule how the ratio grows over training, e.g. {@link Schedules#agp()}
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public PruneCallback(
            double pruningRatio, Context context, Criteria criteria, Schedule schedule) {
        this(
                builder()
                        .setPruningRatio(pruningRatio)
                        .optContext(context)
                        .optCriteria(criteria)
                        .optSchedule(schedule));
    }

    private PruneCallback(Builder builder) {
        Pruner.checkRatio("pruningRatio", builder.pruningRatio);
        this.pruningRatio = builder.pruningRatio;
        this.context = Checks.notNull("context", builder.context);
        this.criteria = Checks.notNull("criteria", builder.criteria);
        this.schedule = Checks.notNull("schedule", builder.schedule);
        this.ignoredLayers = Checks.notNull("ignoredLayers", builder.ignoredLayers);
        this.layerRatios = Checks.notNull("layerRatios", builder.layerRatios);
        Pruner.checkMaxRatio(builder.maxRatio);
        Pruner.checkRoundTo(builder.roundTo);
        this.maxRatio = builder.maxRatio;
        this.roundTo = builder.roundTo;
        this.log = Checks.notNull("log", builder.log);
        double step = builder.minStep == null ? pruningRatio / 10 : builder.minStep;
        if (!(step >= 0 && step <= 100)) {
            throw new IllegalArgumentException(
                    "minStep must be a number of percentage points in [0, 100], got " + step);
        }
        this.minStep = step;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the percentage of channels removed so far in this fit.
     *
     * @return the applied ratio
     */
    public double getCurrentRatio() {
        return appliedRatio;
    }

    /**
     * Returns how many pruning steps this fit took.
     *
     * @return the count
     */
    public int getSteps() {
        return steps;
    }

    /**
     * Returns the pruner of the current fit, or null outside a fit.
     *
     * @return the pruner
     */
    public Pruner getPruner() {
        return pruner;
    }

    /**
     * Analyzes the learner's model.
     *
     * @param learn the learner
     * @throws IllegalArgumentException if the model cannot be analyzed or an option does not fit it
     *     (the learner reports it as a {@code CallbackException})
     */
    @Override
    public void beforeFit(Learner learn) {
        learn.initializeModel();
        Block block = learn.getModel().getBlock();
        pruner =
                Pruner.builder()
                        .setModel(block)
                        .optContext(context)
                        .optCriteria(criteria)
                        .optIgnoredLayers(ignoredLayers)
                        .optLayerRatios(layerRatios)
                        .optMaxRatio(maxRatio)
                        .optRoundTo(roundTo)
                        .build();
        appliedRatio = 0;
        steps = 0;
        log.printf(
                Locale.ROOT,
                "Pruning channels (%s, %s) until %.2f%%, schedule %s%n",
                context == Context.GLOBAL ? "global" : "local",
                criteria,
                pruningRatio,
                schedule);
    }

    /**
     * Prunes when the schedule has moved far enough.
     *
     * @param learn the learner
     */
    @Override
    public void beforeBatch(Learner learn) {
        if (pruner == null || !learn.isTraining()) {
            return;
        }
        double progress = schedule.progress(learn.getPctTrain());
        double target = pruningRatio * progress;
        boolean atEnd = progress >= 1 && target > appliedRatio;
        if (target - appliedRatio >= Math.max(minStep, 1e-12) || atEnd) {
            pruneTo(learn, target, progress);
        }
    }

    /**
     * Frees the arrays of layers replaced before this batch, now that the trainer is rebuilt.
     *
     * @param learn the learner
     */
    @Override
    public void afterBatch(Learner learn) {
        freeReplaced();
    }

    /**
     * Applies the end value after the last training pass, if a step left it short.
     *
     * @param learn the learner
     */
    @Override
    public void afterTrain(Learner learn) {
        if (pruner != null && learn.getEpoch() == learn.getNumEpochs() - 1) {
            double end = pruningRatio * schedule.progress(1.0);
            if (end > appliedRatio) {
                pruneTo(learn, end, schedule.progress(1.0));
            }
        }
    }

    /**
     * Logs the channels left at the end of the epoch.
     *
     * @param learn the learner
     */
    @Override
    public void afterEpoch(Learner learn) {
        if (pruner != null) {
            log.printf(
                    Locale.ROOT,
                    "Pruned channels at the end of epoch %d: %.2f%% (%d steps)%n",
                    learn.getEpoch(),
                    appliedRatio,
                    steps);
        }
    }

    /**
     * Lets go of the pruner.
     *
     * @param learn the learner
     */
    @Override
    public void afterFit(Learner learn) {
        pruner = null;
    }

    private void pruneTo(Learner learn, double ratio, double progress) {
        PruneReport report = pruner.prune(ratio, progress);
        appliedRatio = ratio;
        steps++;
        if (report.getRemoved() > 0) {
            learn.modelChanged();
            toFree.addAll(pruner.retired());
            pruner.retired().clear();
        }
    }

    /** Closes the old layers' arrays; the learner no longer holds them once it rebuilt. */
    private void freeReplaced() {
        for (Block old : toFree) {
            for (Pair<String, Parameter> pair : old.getParameters()) {
                if (pair.getValue().isInitialized()) {
                    pair.getValue().getArray().close();
                }
            }
        }
        toFree.clear();
    }

    /**
     * Names the callback and its settings.
     *
     * @return e.g. {@code PruneCallback(50.0%, GLOBAL, large_final, agp)}
     */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "PruneCallback(%s%%, %s, %s, %s)",
                pruningRatio,
                context,
                criteria,
                schedule);
    }

    /** Builds a {@link PruneCallback}; {@link #setPruningRatio} is required. */
    public static final class Builder {

        private double pruningRatio = Double.NaN;
        private Context context = Context.LOCAL;
        private Criteria criteria = Criteria.largeFinal();
        private Schedule schedule = Schedules.cos();
        private Double minStep;
        private String[] ignoredLayers = new String[0];
        private Map<String, Double> layerRatios = Map.of();
        private double maxRatio = 100;
        private int roundTo = 1;
        private PrintStream log = System.out;

        Builder() {}

        /**
         * Sets the percentage of channels removed at the end (required), in [0, 100).
         *
         * @param pruningRatio the percentage
         * @return this builder
         */
        public Builder setPruningRatio(double pruningRatio) {
            this.pruningRatio = pruningRatio;
            return this;
        }

        /**
         * Sets the context (default {@link Context#LOCAL}).
         *
         * @param context the context
         * @return this builder
         */
        public Builder optContext(Context context) {
            this.context = context;
            return this;
        }

        /**
         * Sets the criteria (default {@link Criteria#largeFinal()}).
         *
         * @param criteria a criteria on the current weights
         * @return this builder
         */
        public Builder optCriteria(Criteria criteria) {
            this.criteria = criteria;
            return this;
        }

        /**
         * Sets the schedule (default {@link Schedules#cos()}); its window bounds when pruning
         * happens.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder optSchedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets the smallest growth of the ratio, in percentage points, worth a pruning step
         * (default a tenth of the ratio, so a smooth schedule takes about ten steps).
         *
         * @param minStep percentage points in [0, 100]; 0 prunes whenever the ratio grows
         * @return this builder
         */
        public Builder optMinStep(double minStep) {
            this.minStep = minStep;
            return this;
        }

        /**
         * Sets layers whose output channels are never pruned, see {@link
         * Pruner.Builder#optIgnoredLayers}.
         *
         * @param paths layer paths or path prefixes
         * @return this builder
         */
        public Builder optIgnoredLayers(String... paths) {
            this.ignoredLayers = paths;
            return this;
        }

        /**
         * Sets end ratios for some layers' groups, scaled by the schedule as the main ratio.
         *
         * @param ratios producing layer path to percentage in [0, 100)
         * @return this builder
         */
        public Builder optLayerRatios(Map<String, Double> ratios) {
            this.layerRatios = ratios;
            return this;
        }

        /**
         * Sets the largest percentage of a group that may be removed, see {@link
         * Pruner.Builder#optMaxRatio}.
         *
         * @param maxRatio a percentage in (0, 100]
         * @return this builder
         */
        public Builder optMaxRatio(double maxRatio) {
            this.maxRatio = maxRatio;
            return this;
        }

        /**
         * Sets the multiple kept channel counts are rounded up to.
         *
         * @param roundTo a positive count
         * @return this builder
         */
        public Builder optRoundTo(int roundTo) {
            this.roundTo = roundTo;
            return this;
        }

        /**
         * Sets where progress messages go (default {@code System.out}).
         *
         * @param log the stream
         * @return this builder
         */
        public Builder optLog(PrintStream log) {
            this.log = log;
            return this;
        }

        /**
         * Checks the settings and builds the callback.
         *
         * @return the callback
         * @throws IllegalArgumentException if a setting is missing or out of range
         */
        public PruneCallback build() {
            return new PruneCallback(this);
        }
    }
}
