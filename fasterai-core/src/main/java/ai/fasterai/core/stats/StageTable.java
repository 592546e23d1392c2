/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.fasterai.core.util.Checks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a model through its compression stages, one {@link StageStats} row per stage,
 * printed as a markdown table (readable in a terminal too) or as JSON.
 *
 * <pre>
 * | stage    | size (MB) | params | MACs | latency (ms) | accuracy |
 * |----------|-----------|--------|------|--------------|----------|
 * | baseline |     1.082 | 270,410 | 4,056,064 | 0.912 | 0.9132 |
 * | sparse   |     1.082 | 270,410 (50.0% non-zero) | 4,056,064 | 0.915 | 0.9101 |
 * </pre>
 *
 * Sizes are in MB of 10^6 bytes. When some parameters are zero, the params column shows the share
 * that is not. An unknown accuracy shows as {@code n/a} (and {@code null} in JSON).
 */
public final class StageTable {

    private static final String[] HEADER = {
        "stage", "size (MB)", "params", "MACs", "latency (ms)", "accuracy"
    };
    private static final boolean[] RIGHT = {false, true, false, true, true, true};

    private final List<StageStats> rows = new ArrayList<>();

    /** Creates an empty table. */
    public StageTable() {}

    /**
     * Appends a row.
     *
     * @param row the stage's figures
     * @return this table
     * @throws IllegalArgumentException if the row is null
     */
    public StageTable add(StageStats row) {
        rows.add(Checks.notNull("row", row));
        return this;
    }

    /**
     * Returns the rows in the order they were added.
     *
     * @return the rows, unmodifiable
     */
    public List<StageStats> getRows() {
        return Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /**
     * Formats the rows as a markdown table with aligned columns.
     *
     * @return the table, lines separated by {@code "\n"}
     */
    public String toMarkdown() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (StageStats row : rows) {
            cells.add(
                    new String[] {
                        row.stage(),
                        String.format(Locale.ROOT, "%.3f", row.sizeBytes() / 1e6),
                        params(row),
                        String.format(Locale.ROOT, "%,d", row.macs()),
                        String.format(Locale.ROOT, "%.3f", row.latencyMedianMs()),
                        Double.isNaN(row.accuracy())
                                ? "n/a"
                                : String.format(Locale.ROOT, "%.4f", row.accuracy())
                    });
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            out.append(line(cells.get(r), widths));
            if (r == 0) {
                out.append('|');
                for (int width : widths) {
                    out.append("-".repeat(width + 2)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Formats the rows as a JSON array of objects with the fields of {@link StageStats}.
     *
     * @return the JSON text, pretty-printed
     */
    public String toJson() {
        JsonArray array = new JsonArray();
        for (StageStats row : rows) {
            JsonObject object = new JsonObject();
            object.addProperty("stage", row.stage());
            object.addProperty("sizeBytes", row.sizeBytes());
            object.addProperty("parameters", row.parameters());
            object.addProperty("nonZeroParameters", row.nonZeroParameters());
            object.addProperty("macs", row.macs());
            object.addProperty("latencyMedianMs", row.latencyMedianMs());
            // JSON has no NaN: an unknown accuracy is null.
            object.add(
                    "accuracy",
                    Double.isNaN(row.accuracy())
                            ? JsonNull.INSTANCE
                            : new JsonPrimitive(row.accuracy()));
            array.add(object);
        }
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(array);
    }

    /**
     * Formats the rows as {@link #toMarkdown()} does.
     *
     * @return the table
     */
    @Override
    public String toString() {
        return toMarkdown();
    }

    private static String params(StageStats row) {
        String total = String.format(Locale.ROOT, "%,d", row.parameters());
        if (row.nonZeroParameters() == row.parameters() || row.parameters() == 0) {
            return total;
        }
        double share = 100.0 * row.nonZeroParameters() / row.parameters();
        return String.format(Locale.ROOT, "%s (%.1f%% non-zero)", total, share);
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - cells[i].length());
            out.append(' ').append(RIGHT[i] ? pad + cells[i] : cells[i] + pad).append(" |");
        }
        return out.append('\n').toString();
    }
}
