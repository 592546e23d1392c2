/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.fasterai.core.io.AtomicFiles;
import ai.fasterai.core.util.Checks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link SensitivityAnalyzer} measured: the metric before any sparsity (the baseline) and,
 * per layer and sparsity level, the metric with only that layer sparsified, and its drop from the
 * baseline (positive = worse, whatever the metric's direction). Immutable.
 *
 * <p>{@link #targets(double)} turns it into per-layer sparsities for {@link
 * Sparsifier#sparsifyModel(Map)}; {@link #toMarkdown()} and {@link #writePlot(Path)} report it.
 */
public final class SensitivityResult {

    private final String metric;
    private final boolean higherIsBetter;
    private final double baseline;
    private final double[] levels;
    private final List<String> layers;
    private final double[][] values;

    private SensitivityResult(
            String metric,
            boolean higherIsBetter,
            double baseline,
            double[] levels,
            List<String> layers,
            double[][] values) {
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
        this.baseline = baseline;
        this.levels = levels;
        this.layers = layers;
        this.values = values;
    }

    /**
     * Makes a result from measured (or hand-made) values.
     *
     * @param metric the metric's name, e.g. {@code accuracy}
     * @param higherIsBetter the metric's direction
     * @param baseline the metric without sparsity
     * @param levels the sparsity levels in percent, in {@code [0, 100]}, strictly increasing
     * @param values per layer path (in model order), the metric at each level
     * @return the result
     * @throws IllegalArgumentException if an argument is null or empty, a level is out of range or
     *     out of order, or a layer does not have one value per level
     */
    public static SensitivityResult of(
            String metric,
            boolean higherIsBetter,
            double baseline,
            double[] levels,
            Map<String, double[]> values) {
        Checks.notNull("metric", metric);
        Checks.notNull("levels", levels);
        Checks.notNull("values", values);
        if (levels.length == 0) {
            throw new IllegalArgumentException("levels must hold at least one level, got none");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] >= 0 && levels[i] <= 100)) {
                throw new IllegalArgumentException(
                        "levels[" + i + "] must be a percentage in [0, 100], got " + levels[i]);
            }
            if (i > 0 && !(levels[i] > levels[i - 1])) {
                throw new IllegalArgumentException(
                        "levels must be strictly increasing, got "
                                + java.util.Arrays.toString(levels));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must hold at least one layer, got none");
        }
        List<String> layers = new ArrayList<>();
        double[][] table = new double[values.size()][];
        for (Map.Entry<String, double[]> entry : values.entrySet()) {
            Checks.notNull("values key", entry.getKey());
            double[] row = Checks.notNull("values[" + entry.getKey() + "]", entry.getValue());
            if (row.length != levels.length) {
                throw new IllegalArgumentException(
                        "values["
                                + entry.getKey()
                                + "] must hold one value per level ("
                                + levels.length
                                + "), got "
                                + row.length);
            }
            table[layers.size()] = row.clone();
            layers.add(entry.getKey());
        }
        return new SensitivityResult(
                metric, higherIsBetter, baseline, levels.clone(), List.copyOf(layers), table);
    }

    /**
     * Returns the metric's name.
     *
     * @return e.g. {@code accuracy} or {@code valid_loss}
     */
    public String getMetric() {
        return metric;
    }

    /**
     * Tells whether a higher metric is better.
     *
     * @return the metric's direction
     */
    public boolean isHigherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Returns the metric without sparsity.
     *
     * @return the baseline
     */
    public double getBaseline() {
        return baseline;
    }

    /**
     * Returns the sparsity levels.
     *
     * @return the levels in percent, ascending
     */
    public double[] getLevels() {
        return levels.clone();
    }

    /**
     * Returns the analyzed layers.
     *
     * @return their paths, in model order
     */
    public List<String> getLayers() {
        return layers;
    }

    /**
     * Returns the metric with one layer sparsified to one level.
     *
     * @param layer the layer's path
     * @param level one of {@link #getLevels()}
     * @return the metric
     * @throws IllegalArgumentException if the layer or level was not analyzed
     */
    public double getValue(String layer, double level) {
        return values[layerIndex(layer)][levelIndex(level)];
    }

    /**
     * Returns how much worse the metric is with one layer sparsified: {@code baseline - value} if
     * higher is better, {@code value - baseline} otherwise.
     *
     * @param layer the layer's path
     * @param level one of {@link #getLevels()}
     * @return the drop, positive when the metric got worse
     * @throws IllegalArgumentException if the layer or level was not analyzed
     */
    public double getDrop(String layer, double level) {
        return drop(values[layerIndex(layer)][levelIndex(level)]);
    }

    /**
     * Picks a sparsity per layer: the highest tested level whose drop is at most {@code maxDrop},
     * or 0 when none is. Levels are judged one by one (a noisy higher level can pass where a lower
     * one failed); a non-finite value never passes. The map fits {@link
     * Sparsifier#sparsifyModel(Map)} directly.
     *
     * @param maxDrop the largest acceptable drop, in the metric's units, finite
     * @return sparsity in percent per layer path, in model order
     * @throws IllegalArgumentException if {@code maxDrop} is not finite
     */
    public Map<String, Double> targets(double maxDrop) {
        Checks.finite("maxDrop", maxDrop);
        Map<String, Double> targets = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            double target = 0;
            for (int i = 0; i < levels.length; i++) {
                if (drop(values[l][i]) <= maxDrop) {
                    target = levels[i];
                }
            }
            targets.put(layers.get(l), target);
        }
        return targets;
    }

    /**
     * Formats the results as a Markdown table: one row per layer, one column per level, each cell
     * the metric and, in parentheses, its drop.
     *
     * @return the table, with a heading line naming the metric and the baseline
     */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Sensitivity of %s (%s is better), baseline %s. Each cell: %s with only"
                                + " that layer sparsified (drop from the baseline, positive is"
                                + " worse).\n\n",
                        metric,
                        higherIsBetter ? "higher" : "lower",
                        number(baseline),
                        metric));
        out.append("| layer |");
        for (double level : levels) {
            out.append(' ').append(percent(level)).append(" |");
        }
        out.append("\n|:---|");
        out.append("---:|".repeat(levels.length));
        out.append('\n');
        for (int l = 0; l < layers.size(); l++) {
            out.append("| ").append(layers.get(l).replace("|", "\\|")).append(" |");
            for (int i = 0; i < levels.length; i++) {
                out.append(' ')
                        .append(number(values[l][i]))
                        .append(" (")
                        .append(number(drop(values[l][i])))
                        .append(") |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Writes an SVG line chart: x the sparsity in percent, y the metric, one line per layer, the
     * baseline dashed, with axes, ticks and a legend. The file is written atomically.
     *
     * @param file the SVG file to write; its folder is created if missing
     * @throws IOException naming the file if it cannot be written
     * @throws IllegalArgumentException if {@code file} is null
     */
    public void writePlot(Path file) throws IOException {
        Checks.notNull("file", file);
        byte[] svg = SensitivityPlot.render(this).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(svg));
    }

    /**
     * Returns {@link #toMarkdown()}.
     *
     * @return the Markdown table
     */
    @Override
    public String toString() {
        return toMarkdown();
    }

    /** The metric of layer {@code l} at level {@code i}, for the plot. */
    double value(int l, int i) {
        return values[l][i];
    }

    /** A level as a percentage label, e.g. {@code 25%} or {@code 12.5%}. */
    static String percent(double level) {
        return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString() + "%";
    }

    private double drop(double value) {
        return higherIsBetter ? baseline - value : value - baseline;
    }

    private static String number(double value) {
        return Double.isFinite(value)
                ? String.format(Locale.ROOT, "%.4f", value)
                : String.valueOf(value);
    }

    private int layerIndex(String layer) {
        int index = layers.indexOf(Checks.notNull("layer", layer));
        if (index < 0) {
            throw new IllegalArgumentException(
                    "layer '" + layer + "' was not analyzed; the layers are " + layers);
        }
        return index;
    }

    private int levelIndex(double level) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == level) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "level "
                        + level
                        + " was not analyzed; the levels are "
                        + java.util.Arrays.toString(levels));
    }
}
