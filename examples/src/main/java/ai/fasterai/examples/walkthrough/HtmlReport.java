/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The walkthrough as one HTML page that opens in a browser with no network: the stage table, the
 * targets, bar charts of size, latency and accuracy per stage and of sparsity per layer, all inline
 * SVG and CSS, no script, no external resource. The markup is well-formed XML too, so it can be
 * checked by a parser.
 */
public final class HtmlReport {

    private static final int BAR_AREA = 460;
    private static final int LABEL_WIDTH = 170;
    private static final int ROW_HEIGHT = 22;

    private HtmlReport() {}

    /**
     * Renders a walkthrough result.
     *
     * @param result what the walkthrough measured
     * @return the page
     */
    public static String of(WalkthroughResult result) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>fasterai4j walkthrough</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}\n")
                .append("table{border-collapse:collapse;font-size:0.9em}\n")
                .append("th,td{border:1px solid #ccc;padding:0.3em 0.6em;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}\n")
                .append(".met{color:#1a7f37}.missed{color:#c62828}\n")
                .append("svg text{font-size:12px;font-family:sans-serif}\n")
                .append("</style>\n</head>\n<body>\n")
                .append("<h1>fasterai4j: the VGG16-BN walkthrough</h1>\n<p>")
                .append(escape(result.getSettings()))
                .append("<br/>")
                .append(escape(result.getMachine()))
                .append(", ")
                .append(escape(result.getDate()))
                .append(
                        String.format(
                                Locale.ROOT,
                                "<br/>teacher test accuracy %.4f</p>\n",
                                result.getTeacherAccuracy()));
        table(html, result.getRows());
        html.append("<h2>Targets: the deployable model against the baseline</h2>\n<ul>\n");
        for (Target target : result.getTargets()) {
            html.append("<li class=\"")
                    .append(target.met() ? "met" : "missed")
                    .append("\">")
                    .append(escape(target.toString()))
                    .append("</li>\n");
        }
        html.append("</ul>\n");
        List<StageRow> rows = result.getRows();
        chart(
                html,
                "Size on disk (MB)",
                labels(rows),
                values(rows, r -> r.sizeBytes() / 1e6),
                "%.3f");
        chart(
                html,
                "CPU latency at batch 1 (ms, median)",
                labels(rows),
                values(rows, StageRow::latencyMs),
                "%.3f");
        chart(
                html,
                "CPU latency at batch 32 (ms, median)",
                labels(rows),
                values(rows, StageRow::latencyBatch32Ms),
                "%.2f");
        chart(html, "Test accuracy", labels(rows), values(rows, StageRow::accuracy), "%.4f");
        List<String> layers = new ArrayList<>();
        List<Double> sparsity = new ArrayList<>();
        for (Map.Entry<String, Double> e : result.getLayerSparsity().entrySet()) {
            int[] filters = result.getLayerFilters().get(e.getKey());
            layers.add(
                    shortName(e.getKey())
                            + (filters == null
                                    ? ""
                                    : " (" + filters[0] + "\u2192" + filters[1] + ")"));
            sparsity.add(100 * e.getValue());
        }
        chart(
                html,
                "Sparsity per layer after the sparsity stage (%; filters before\u2192after"
                        + " pruning)",
                layers,
                sparsity,
                "%.1f");
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void table(StringBuilder html, List<StageRow> rows) {
        html.append("<h2>Stages</h2>\n<table>\n<tr><th>stage</th><th>runtime</th>")
                .append("<th>size (MB)</th><th>parameters</th><th>non-zero</th><th>MACs</th>")
                .append("<th>latency b1 (ms)</th><th>latency b32 (ms)</th><th>accuracy</th>")
                .append("<th>stage time (s)</th></tr>\n");
        for (StageRow row : rows) {
            html.append(
                    String.format(
                            Locale.ROOT,
                            "<tr><td>%s</td><td>%s</td><td>%.3f</td><td>%,d</td><td>%,d</td><td>%,d</td>"
                                + "<td>%.3f</td><td>%.2f</td><td>%.4f</td><td>%.0f</td></tr>%n",
                            escape(row.stage()),
                            escape(row.runtime()),
                            row.sizeBytes() / 1e6,
                            row.parameters(),
                            row.nonZeroParameters(),
                            row.macs(),
                            row.latencyMs(),
                            row.latencyBatch32Ms(),
                            row.accuracy(),
                            row.seconds()));
        }
        html.append("</table>\n");
    }

    /** A horizontal bar chart: one labelled bar per value, scaled to the largest. */
    private static void chart(
            StringBuilder html,
            String title,
            List<String> labels,
            List<Double> values,
            String format) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int width = LABEL_WIDTH + BAR_AREA + 80;
        int height = ROW_HEIGHT * values.size() + 8;
        html.append("<h2>")
                .append(escape(title))
                .append("</h2>\n")
                .append(
                        String.format(
                                Locale.ROOT,
                                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                                        + " role=\"img\">%n",
                                width,
                                height,
                                width,
                                height));
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            double bar = max > 0 ? BAR_AREA * value / max : 0;
            int y = 4 + i * ROW_HEIGHT;
            html.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text><rect x=\"%d\""
                                + " y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4e79a7\"/><text"
                                + " x=\"%.1f\" y=\"%d\">%s</text>%n",
                            LABEL_WIDTH - 6,
                            y + 15,
                            escape(labels.get(i)),
                            LABEL_WIDTH,
                            y + 2,
                            bar,
                            ROW_HEIGHT - 6,
                            LABEL_WIDTH + bar + 4,
                            y + 15,
                            String.format(Locale.ROOT, format, value)));
        }
        html.append("</svg>\n");
    }

    private static List<String> labels(List<StageRow> rows) {
        return rows.stream().map(StageRow::stage).toList();
    }

    private static List<Double> values(List<StageRow> rows, ToDoubleFunction<StageRow> figure) {
        return rows.stream().map(r -> figure.applyAsDouble(r)).toList();
    }

    /** The last two parts of a layer path: enough to tell the layers apart in a chart. */
    private static String shortName(String path) {
        String[] parts = path.split("/");
        return parts.length <= 2 ? path : parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
