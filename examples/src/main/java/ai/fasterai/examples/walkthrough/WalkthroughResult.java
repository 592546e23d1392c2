/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the walkthrough measured: one {@link StageRow} per stage, the teacher, the sparsity of each
 * layer after the sparsity stage, the filters each layer kept after pruning, the targets, and the
 * machine and settings that produced them.
 */
public final class WalkthroughResult {

    private final String settings;
    private final String machine;
    private final String date;
    private final List<StageRow> rows;
    private final double teacherAccuracy;
    private final long teacherParameters;
    private final Map<String, Double> layerSparsity;
    private final Map<String, int[]> layerFilters;

    WalkthroughResult(
            String settings,
            String machine,
            String date,
            List<StageRow> rows,
            double teacherAccuracy,
            long teacherParameters,
            Map<String, Double> layerSparsity,
            Map<String, int[]> layerFilters) {
        this.settings = settings;
        this.machine = machine;
        this.date = date;
        this.rows = List.copyOf(rows);
        this.teacherAccuracy = teacherAccuracy;
        this.teacherParameters = teacherParameters;
        this.layerSparsity = Collections.unmodifiableMap(new LinkedHashMap<>(layerSparsity));
        this.layerFilters = Collections.unmodifiableMap(new LinkedHashMap<>(layerFilters));
    }

    /**
     * Returns the stages in the order they ran, the baseline first, the deployable model last.
     *
     * @return the rows
     */
    public List<StageRow> getRows() {
        return rows;
    }

    /**
     * Returns one stage's row.
     *
     * @param stage the stage's name
     * @return the row
     * @throws IllegalArgumentException if no stage has that name, naming those that exist
     */
    public StageRow getRow(String stage) {
        List<String> names = new ArrayList<>();
        for (StageRow row : rows) {
            if (row.stage().equals(stage)) {
                return row;
            }
            names.add(row.stage());
        }
        throw new IllegalArgumentException("no stage named " + stage + "; stages: " + names);
    }

    /**
     * Returns the final deployable model against the baseline.
     *
     * @return the four targets
     */
    public List<Target> getTargets() {
        return Target.of(rows.get(0), rows.get(rows.size() - 1));
    }

    /**
     * Returns the teacher's test accuracy.
     *
     * @return a fraction
     */
    public double getTeacherAccuracy() {
        return teacherAccuracy;
    }

    /**
     * Returns the share of zero weights in each convolution after the sparsity stage.
     *
     * @return layer path to sparsity in [0, 1], in network order
     */
    public Map<String, Double> getLayerSparsity() {
        return layerSparsity;
    }

    /**
     * Returns each convolution's output channels before and after physical pruning.
     *
     * @return layer path to {@code {before, after}}, in network order
     */
    public Map<String, int[]> getLayerFilters() {
        return layerFilters;
    }

    /**
     * Returns the settings the run used.
     *
     * @return one line
     */
    public String getSettings() {
        return settings;
    }

    /**
     * Returns the machine the run measured on.
     *
     * @return CPU model, cores and threads
     */
    public String getMachine() {
        return machine;
    }

    /**
     * Returns when the run ended.
     *
     * @return an ISO-8601 date and time
     */
    public String getDate() {
        return date;
    }

    /**
     * Formats the stages as a markdown table, then the targets.
     *
     * @return the table, lines separated by {@code "\n"}
     */
    public String toMarkdown() {
        List<String[]> cells = new ArrayList<>();
        cells.add(
                new String[] {
                    "stage",
                    "runtime",
                    "size (MB)",
                    "params",
                    "non-zero",
                    "MACs",
                    "latency b1 (ms)",
                    "latency b32 (ms)",
                    "accuracy"
                });
        for (StageRow row : rows) {
            cells.add(
                    new String[] {
                        row.stage(),
                        row.runtime(),
                        String.format(Locale.ROOT, "%.3f", row.sizeBytes() / 1e6),
                        String.format(Locale.ROOT, "%,d", row.parameters()),
                        String.format(
                                Locale.ROOT,
                                "%.1f%%",
                                100.0 * row.nonZeroParameters() / Math.max(1, row.parameters())),
                        String.format(Locale.ROOT, "%,d", row.macs()),
                        String.format(Locale.ROOT, "%.3f", row.latencyMs()),
                        String.format(Locale.ROOT, "%.2f", row.latencyBatch32Ms()),
                        String.format(Locale.ROOT, "%.4f", row.accuracy())
                    });
        }
        StringBuilder out = new StringBuilder(MarkdownTable.of(cells, 2, 3, 4, 5, 6, 7, 8));
        out.append('\n');
        for (Target target : getTargets()) {
            out.append("- ").append(target).append('\n');
        }
        return out.toString();
    }

    /**
     * Formats everything as JSON: settings, machine, date, teacher, stages, targets, layers.
     *
     * @return the JSON text, pretty-printed
     */
    public String toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("date", date);
        root.addProperty("settings", settings);
        root.addProperty("machine", machine);
        JsonObject teacher = new JsonObject();
        teacher.addProperty("accuracy", teacherAccuracy);
        teacher.addProperty("parameters", teacherParameters);
        root.add("teacher", teacher);
        JsonArray stages = new JsonArray();
        for (StageRow row : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("stage", row.stage());
            o.addProperty("runtime", row.runtime());
            o.addProperty("sizeBytes", row.sizeBytes());
            o.addProperty("parameters", row.parameters());
            o.addProperty("nonZeroParameters", row.nonZeroParameters());
            o.addProperty("macs", row.macs());
            o.addProperty("latencyMs", row.latencyMs());
            o.addProperty("latencyBatch32Ms", row.latencyBatch32Ms());
            o.addProperty("accuracy", row.accuracy());
            o.addProperty("seconds", row.seconds());
            stages.add(o);
        }
        root.add("stages", stages);
        JsonArray targets = new JsonArray();
        for (Target target : getTargets()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", target.name());
            o.addProperty("value", target.value());
            o.addProperty("goal", target.goal());
            o.addProperty("met", target.met());
            targets.add(o);
        }
        root.add("targets", targets);
        JsonObject layers = new JsonObject();
        for (Map.Entry<String, Double> e : layerSparsity.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("sparsity", e.getValue());
            int[] filters = layerFilters.get(e.getKey());
            if (filters != null) {
                o.addProperty("filtersBefore", filters[0]);
                o.addProperty("filtersAfter", filters[1]);
            }
            layers.add(e.getKey(), o);
        }
        root.add("layers", layers);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    /**
     * Formats the result as {@link #toMarkdown()} does.
     *
     * @return the table and targets
     */
    @Override
    public String toString() {
        return toMarkdown();
    }
}
