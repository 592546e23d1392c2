/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link SensitivityResult} as a plain SVG line chart: x the sparsity (0 to 100 %), y the
 * metric, one {@code polyline} per layer (with a dot per finite value), the baseline as a dashed
 * line, grid, ticks, axis titles and a legend to the right. Non-finite values are left out.
 */
final class SensitivityPlot {

    private static final String[] COLORS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3"};
    private static final String BASELINE_DASH = " stroke-dasharray=\"4 4\"";

    private static final int LEFT = 80;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int WIDTH = 480;
    private static final int HEIGHT = 320;
    private static final int LEGEND_ROW = 20;
    private static final int CHAR_WIDTH = 7;

    private final SensitivityResult result;
    private final List<String> layers;
    private final double[] levels;
    private final Ticks xTicks = Ticks.of(0, 100);
    private final Ticks yTicks;
    private final StringBuilder svg = new StringBuilder();

    private SensitivityPlot(SensitivityResult result) {
        this.result = result;
        this.layers = result.getLayers();
        this.levels = result.getLevels();
        this.yTicks = yRange();
    }

    /**
     * Renders the chart.
     *
     * @param result the result
     * @return a standalone SVG document
     */
    static String render(SensitivityResult result) {
        SensitivityPlot plot = new SensitivityPlot(result);
        plot.header();
        plot.axes();
        plot.lines();
        plot.legend();
        plot.svg.append("</svg>\n");
        return plot.svg.toString();
    }

    /** Ticks covering the baseline and every finite value. */
    private Ticks yRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<Double> all = new ArrayList<>();
        all.add(result.getBaseline());
        for (int l = 0; l < layers.size(); l++) {
            for (int i = 0; i < levels.length; i++) {
                all.add(result.value(l, i));
            }
        }
        for (double v : all) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo <= hi ? Ticks.of(lo, hi) : Ticks.of(0, 1);
    }

    private void header() {
        int longest = "baseline".length();
        for (String layer : layers) {
            longest = Math.max(longest, layer.length());
        }
        int width = legendX() + 40 + CHAR_WIDTH * longest + 20;
        int height = Math.max(TOP + HEIGHT + BOTTOM, TOP + LEGEND_ROW * (layers.size() + 1) + 20);
        String title = "Sensitivity of " + result.getMetric() + " to the sparsity of each layer";
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        append(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">",
                width, height, width, height);
        append("<title>%s</title>", escape(title));
        append("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>", width, height);
        append(
                "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>",
                LEFT, TOP - 20, escape(title));
    }

    private void axes() {
        int bottom = TOP + HEIGHT;
        svg.append("<g class=\"grid\" stroke=\"#e0e0e0\">\n");
        for (double t : yTicks.values()) {
            horizontal(LEFT, LEFT + WIDTH, y(t), "");
        }
        svg.append("</g>\n<g class=\"axes\" stroke=\"black\">\n");
        horizontal(LEFT, LEFT + WIDTH, bottom, "");
        append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP, LEFT, bottom);
        for (double t : xTicks.values()) {
            append(
                    "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/>",
                    x(t), bottom, x(t), bottom + 5);
        }
        for (double t : yTicks.values()) {
            horizontal(LEFT - 5, LEFT, y(t), "");
        }
        svg.append("</g>\n<g class=\"tick-labels\">\n");
        for (double t : xTicks.values()) {
            append(
                    "<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x(t), bottom + 20, xTicks.label(t));
        }
        for (double t : yTicks.values()) {
            append(
                    "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>",
                    LEFT - 8, y(t) + 4, yTicks.label(t));
        }
        svg.append("</g>\n");
        append(
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">sparsity of the layer (%%)</text>",
                LEFT + WIDTH / 2, bottom + 45);
        int middle = TOP + HEIGHT / 2;
        append(
                "<text x=\"20\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 20 %d)\">"
                        + "%s (%s is better)</text>",
                middle,
                middle,
                escape(result.getMetric()),
                result.isHigherIsBetter() ? "higher" : "lower");
    }

    private void lines() {
        if (Double.isFinite(result.getBaseline())) {
            svg.append("<g class=\"baseline\" stroke=\"black\" stroke-width=\"1.5\">\n");
            horizontal(LEFT, LEFT + WIDTH, y(result.getBaseline()), BASELINE_DASH);
            svg.append("</g>\n");
        }
        for (int l = 0; l < layers.size(); l++) {
            List<String> points = new ArrayList<>();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < levels.length; i++) {
                double v = result.value(l, i);
                if (Double.isFinite(v)) {
                    String px = format("%.2f", x(levels[i]));
                    String py = format("%.2f", y(v));
                    points.add(px + "," + py);
                    dots.append(format("<circle cx=\"%s\" cy=\"%s\" r=\"3\"/>", px, py));
                }
            }
            append("<g class=\"layer\" stroke=\"%s\" fill=\"%s\">", color(l), color(l));
            append(
                    "<polyline fill=\"none\" stroke-width=\"2\"%s points=\"%s\">"
                            + "<title>%s</title></polyline>",
                    dash(l), String.join(" ", points), escape(layers.get(l)));
            svg.append(dots).append("\n</g>\n");
        }
    }

    private void legend() {
        int x = legendX();
        svg.append("<g class=\"legend\">\n");
        for (int row = 0; row <= layers.size(); row++) {
            boolean baseline = row == layers.size();
            int y = TOP + LEGEND_ROW * row + 10;
            append(
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                            + " stroke-width=\"2\"%s/>",
                    x,
                    y,
                    x + 30,
                    y,
                    baseline ? "black" : color(row),
                    baseline ? BASELINE_DASH : dash(row));
            append(
                    "<text x=\"%d\" y=\"%d\">%s</text>",
                    x + 38, y + 4, escape(baseline ? "baseline" : layers.get(row)));
        }
        svg.append("</g>\n");
    }

    private void horizontal(int x1, int x2, double y, String extra) {
        append("<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"%s/>", x1, y, x2, y, extra);
    }

    private double x(double level) {
        return LEFT + (level - xTicks.first()) / (xTicks.last() - xTicks.first()) * WIDTH;
    }

    private double y(double value) {
        return TOP + HEIGHT - (value - yTicks.first()) / (yTicks.last() - yTicks.first()) * HEIGHT;
    }

    private static int legendX() {
        return LEFT + WIDTH + 30;
    }

    private void append(String pattern, Object... args) {
        svg.append(format(pattern, args)).append('\n');
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String color(int index) {
        return COLORS[index % COLORS.length];
    }

    private static String dash(int index) {
        String pattern = DASHES[(index / COLORS.length) % DASHES.length];
        return pattern.isEmpty() ? "" : " stroke-dasharray=\"" + pattern + "\"";
    }

    /** Escapes text for XML content and attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** "Nice" ticks (1, 2 or 5 times a power of ten) covering a range. */
    private record Ticks(double first, double last, double step, int decimals) {

        static Ticks of(double lo, double hi) {
            if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
                lo -= pad;
                hi += pad;
            }
            double raw = (hi - lo) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double normalized = raw / magnitude;
            double step =
                    (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10)
                            * magnitude;
            double first = Math.floor(lo / step + 1e-9) * step;
            double last = Math.ceil(hi / step - 1e-9) * step;
            int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
            return new Ticks(first, last, step, decimals);
        }

        List<Double> values() {
            List<Double> values = new ArrayList<>();
            long n = Math.round((last - first) / step);
            for (long i = 0; i <= n; i++) {
                values.add(first + i * step);
            }
            return values;
        }

        String label(double value) {
            // Avoid "-0.00" for a tick that is zero up to rounding.
            double shown = Math.abs(value) < step * 1e-6 ? 0.0 : value;
            return String.format(Locale.ROOT, "%." + decimals + "f", shown);
        }
    }
}
