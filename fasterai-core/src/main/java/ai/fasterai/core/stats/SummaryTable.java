/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lays out {@link ModelStats#summary} as text, in the spirit of fastai's {@code learn.summary()}.
 */
final class SummaryTable {

    private static final String[] HEADER = {"Layer", "Type", "Output shape", "Params", "MACs"};
    private static final boolean[] RIGHT = {false, false, false, true, true};

    private SummaryTable() {}

    /**
     * Renders the table.
     *
     * @param rootType the model's type, for the title
     * @param inputShapes the walked input
     * @param rows one per leaf layer
     * @param counts the model's parameter counts
     * @param macs the model's MACs
     * @return the table, lines separated by {@code "\n"}
     */
    static String render(
            String rootType,
            Shape[] inputShapes,
            List<LayerStats> rows,
            ParameterCounts counts,
            long macs) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (LayerStats row : rows) {
            cells.add(
                    new String[] {
                        row.path(),
                        row.type(),
                        shape(row.outputShape()),
                        Long.toString(row.parameters()),
                        Long.toString(row.macs())
                    });
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        String rule = "=".repeat(total) + "\n";

        StringBuilder out = new StringBuilder();
        out.append(rootType).append(" (input: ").append(shapes(inputShapes)).append(")\n");
        out.append(rule);
        for (int r = 0; r < cells.size(); r++) {
            out.append(line(cells.get(r), widths)).append('\n');
            if (r == 0) {
                out.append(rule);
            }
        }
        out.append(rule);
        out.append("Total params: ").append(counts.parameters()).append('\n');
        out.append("Trainable params: ").append(counts.trainable()).append('\n');
        out.append("Non-zero params: ").append(counts.nonZero()).append('\n');
        out.append("Total MACs: ").append(macs).append('\n');
        return out.toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append("  ");
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            out.append(RIGHT[i] ? pad + cells[i] : cells[i] + pad);
        }
        return out.toString().stripTrailing();
    }

    /**
     * Formats a shape as fastai does: {@code 1 x 8 x 8 x 8}.
     *
     * @param shape the shape
     * @return the text
     */
    static String shape(Shape shape) {
        return Arrays.stream(shape.getShape())
                .mapToObj(Long::toString)
                .collect(Collectors.joining(" x "));
    }

    private static String shapes(Shape[] shapes) {
        return Arrays.stream(shapes).map(SummaryTable::shape).collect(Collectors.joining(", "));
    }
}
