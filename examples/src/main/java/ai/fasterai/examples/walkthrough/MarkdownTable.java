/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import java.util.List;

/** A markdown table with padded columns, numbers right-aligned. */
final class MarkdownTable {

    private MarkdownTable() {}

    /**
     * Formats rows of cells, the first row as the header.
     *
     * @param cells the rows, all of the same length
     * @param rightAligned the indexes of the numeric columns
     * @return the table, lines separated by {@code "\n"}
     */
    static String of(List<String[]> cells, int... rightAligned) {
        int columns = cells.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : cells) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        boolean[] right = new boolean[columns];
        for (int i : rightAligned) {
            right[i] = true;
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            out.append('|');
            for (int i = 0; i < columns; i++) {
                String cell = cells.get(r)[i];
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(' ').append(right[i] ? pad + cell : cell + pad).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < columns; i++) {
                    out.append(
                                    right[i]
                                            ? "-".repeat(widths[i] + 1) + ":"
                                            : "-".repeat(widths[i] + 2))
                            .append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
