/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.evaluator.Evaluator;
import ai.fasterai.core.Learner;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures how much each layer suffers from sparsity, as fasterai's sensitivity analysis: one layer
 * at a time is sparsified to each level (local context), the learner evaluates the model on its
 * validation data, and every parameter is put back bit for bit before the next try.
 *
 * <pre>{@code
 * SensitivityResult result = SensitivityAnalyzer.builder()
 *         .setLearner(learn)
 *         .optGranularity(Granularities.FILTER)
 *         .optLevels(25, 50, 75)
 *         .build()
 *         .analyze();
 * System.out.println(result.toMarkdown());
 * result.writePlot(Path.of("sensitivity.svg"));
 * sparsifier.sparsifyModel(result.targets(0.01)); // the most each layer takes within 1 point
 * }</pre>
 *
 * <p>Each (layer, level) starts from the original weights with a fresh {@link Sparsifier}, so the
 * levels are independent (a random criteria draws anew). After {@link #analyze()}, also when it
 * fails, the model is bit-identical to what it was before. Costs one validation pass per layer and
 * level, plus one for the baseline.
 */
public final class SensitivityAnalyzer {

    /** The name of the validation loss in {@link Learner#validate()}'s results. */
    public static final String VALID_LOSS = "valid_loss";

    private final Learner learn;
    private final String metric;
    private final boolean higherIsBetter;
    private final double[] levels;
    private final String granularity;
    private final Criteria criteria;
    private final Class<? extends Block>[] layerTypes;

    private SensitivityAnalyzer(Builder builder, String metric, boolean higherIsBetter) {
        this.learn = builder.learn;
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
        this.levels = builder.levels;
        this.granularity = builder.granularity;
        this.criteria = builder.criteria;
        this.layerTypes = typeArray(builder.layerTypes);
    }

    /**
     * Starts a builder.
     *
     * @return a builder with levels 25, 50 and 75 %, granularity {@code weight}, {@link
     *     Criteria#largeFinal()} and {@link Conv2d} layers; the learner must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the analysis: a baseline evaluation, then for every selected layer and level one
     * sparsification, one evaluation and a restore of every parameter.
     *
     * @return the per-layer, per-level results
     * @throws IllegalStateException if called during a fit, or the learner does not report the
     *     metric
     */
    public SensitivityResult analyze() {
        Block block = learn.getModel().getBlock();
        // First, so that an uninitialized model is initialized by the learner.
        double baseline = evaluate();
        List<String> paths;
        try (Sparsifier probe = newSparsifier(block)) {
            paths = probe.getLayerPaths();
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        try (ParameterSnapshot snapshot = ParameterSnapshot.of(block)) {
            for (String path : paths) {
                double[] row = new double[levels.length];
                for (int i = 0; i < levels.length; i++) {
                    try {
                        try (Sparsifier sparsifier = newSparsifier(block)) {
                            sparsifier.sparsifyLayer(path, levels[i]);
                        }
                        row[i] = evaluate();
                    } finally {
                        snapshot.restore();
                    }
                }
                values.put(path, row);
            }
        }
        return SensitivityResult.of(metric, higherIsBetter, baseline, levels, values);
    }

    /**
     * Returns the metric the analysis reads.
     *
     * @return a name from {@link Learner#validate()}, e.g. {@code accuracy} or {@code valid_loss}
     */
    public String getMetric() {
        return metric;
    }

    /**
     * Tells whether a higher metric is better.
     *
     * @return true for accuracy-like metrics, false for losses and error rates
     */
    public boolean isHigherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Returns the sparsity levels tried.
     *
     * @return the levels in percent, ascending
     */
    public double[] getLevels() {
        return levels.clone();
    }

    private Sparsifier newSparsifier(Block block) {
        return Sparsifier.builder()
                .setModel(block)
                .optGranularity(granularity)
                .optContext(Context.LOCAL)
                .optCriteria(criteria)
                .optLayerTypes(layerTypes)
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Block>[] typeArray(List<Class<? extends Block>> types) {
        return (Class<? extends Block>[]) types.toArray(new Class<?>[0]);
    }

    private double evaluate() {
        Double value = learn.validate().get(metric);
        if (value == null) {
            throw new IllegalStateException(
                    "the learner's validation did not report metric '" + metric + "'");
        }
        return value;
    }

    /** Builds a {@link SensitivityAnalyzer}; {@link #setLearner} is required. */
    public static final class Builder {

        private Learner learn;
        private String metric;
        private Boolean higherIsBetter;
        private double[] levels = {25, 50, 75};
        private String granularity = Granularities.WEIGHT;
        private Criteria criteria = Criteria.largeFinal();
        private List<Class<? extends Block>> layerTypes = List.of(Conv2d.class);

        private Builder() {}

        /**
         * Sets the learner whose model is analyzed and whose {@link Learner#validate()} evaluates
         * it (required).
         *
         * @param learn the learner
         * @return this builder
         */
        public Builder setLearner(Learner learn) {
            this.learn = learn;
            return this;
        }

        /**
         * Sets the metric to read (default: the learner's first metric, or {@code valid_loss}
         * without metrics).
         *
         * @param metric {@code valid_loss} or the name of one of the learner's metrics
         * @return this builder
         */
        public Builder optMetric(String metric) {
            this.metric = metric;
            return this;
        }

        /**
         * Sets whether a higher metric is better (default: false when the name contains "loss" or
         * "error", as the core's monitors decide, true otherwise).
         *
         * @param higherIsBetter the direction of the metric
         * @return this builder
         */
        public Builder optHigherIsBetter(boolean higherIsBetter) {
            this.higherIsBetter = higherIsBetter;
            return this;
        }

        /**
         * Sets the sparsity levels to try (default 25, 50, 75).
         *
         * @param levels percentages in {@code [0, 100]}, at least one, no repeats; any order
         * @return this builder
         */
        public Builder optLevels(double... levels) {
            this.levels = levels == null ? null : levels.clone();
            return this;
        }

        /**
         * Sets the granularity (default {@code weight}).
         *
         * @param granularity a name from {@link Granularities}
         * @return this builder
         */
        public Builder optGranularity(String granularity) {
            this.granularity = granularity;
            return this;
        }

        /**
         * Sets the criteria (default {@link Criteria#largeFinal()}); only criteria that score the
         * current weights alone are allowed.
         *
         * @param criteria the criteria
         * @return this builder
         */
        public Builder optCriteria(Criteria criteria) {
            this.criteria = criteria;
            return this;
        }

        /**
         * Sets the layer types to analyze (default {@link Conv2d}); subclasses match too.
         *
         * @param layerTypes the types, at least one
         * @return this builder
         */
        @SafeVarargs
        public final Builder optLayerTypes(Class<? extends Block>... layerTypes) {
            this.layerTypes = LayerSelection.listOf(layerTypes);
            return this;
        }

        /**
         * Checks everything against the learner and its model and builds the analyzer.
         *
         * @return the analyzer
         * @throws IllegalArgumentException if the learner is null, a level is outside {@code [0,
         *     100]} or repeated, there is no level, the metric is not reported by the learner (the
         *     available ones are listed), the criteria needs more than the weights (it is named),
         *     no layer matches {@code layerTypes} or the granularity is not defined for a selected
         *     layer (the allowed ones are listed)
         */
        public SensitivityAnalyzer build() {
            Checks.notNull("learner", learn);
            levels = checkLevels(levels);
            Checks.notNull("granularity", granularity);
            LayerSelection.checkWeightOnly(criteria, "SensitivityAnalyzer");
            layerTypes = LayerSelection.checkTypes(layerTypes);
            LayerSelection.resolve(learn.getModel().getBlock(), granularity, layerTypes);
            List<String> available = new ArrayList<>();
            available.add(VALID_LOSS);
            for (Evaluator evaluator : learn.getMetrics()) {
                available.add(evaluator.getName());
            }
            String chosen = metric;
            if (chosen == null) {
                chosen = available.size() > 1 ? available.get(1) : VALID_LOSS;
            } else if (!available.contains(chosen)) {
                throw new IllegalArgumentException(
                        "metric '"
                                + chosen
                                + "' is not reported by the learner; available: "
                                + available);
            }
            boolean higher = higherIsBetter != null ? higherIsBetter : higherIsBetterByName(chosen);
            return new SensitivityAnalyzer(this, chosen, higher);
        }

        private static boolean higherIsBetterByName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return !(lower.contains("loss") || lower.contains("error"));
        }

        private static double[] checkLevels(double[] levels) {
            Checks.notNull("levels", levels);
            if (levels.length == 0) {
                throw new IllegalArgumentException("levels must hold at least one level, got none");
            }
            double[] sorted = levels.clone();
            for (int i = 0; i < sorted.length; i++) {
                if (!(sorted[i] >= 0 && sorted[i] <= 100)) {
                    throw new IllegalArgumentException(
                            "levels[" + i + "] must be a percentage in [0, 100], got " + sorted[i]);
                }
            }
            Arrays.sort(sorted);
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] == sorted[i - 1]) {
                    throw new IllegalArgumentException(
                            "levels must not repeat a level, got " + Arrays.toString(levels));
                }
            }
            return sorted;
        }
    }
}
