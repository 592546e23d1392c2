/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.util.Checks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows training as fastai does: a progress bar with elapsed time and ETA during each pass, and the
 * table {@code epoch | train_loss | valid_loss | <metrics> | time}, one row per epoch, read from
 * the {@link Recorder}.
 *
 * <p>The bar is redrawn in place with carriage returns, so it is drawn only on an interactive
 * console unless asked for ({@link #ProgressCallback(PrintStream, boolean)}); the table is always
 * printed. A learner gets one unless built with {@code optShowProgress(false)}.
 */
public class ProgressCallback implements Callback {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean showBar;
    private List<String> columns = List.of();
    private long passStart;
    private long lastDraw;
    private boolean barOnScreen;

    /** Prints to standard output, with a bar when it is a console. */
    public ProgressCallback() {
        this(System.out, System.console() != null);
    }

    /**
     * Prints to a stream.
     *
     * @param out where the table (and bar) go
     * @param showBar whether to draw the live bar
     */
    public ProgressCallback(PrintStream out, boolean showBar) {
        Checks.notNull("out", out);
        this.out = out;
        this.showBar = showBar;
    }

    @Override
    public int getOrder() {
        return ORDER_PROGRESS;
    }

    @Override
    public void beforeFit(Learner learn) {
        columns = new ArrayList<>(List.of("epoch", "train_loss", "valid_loss"));
        learn.getMetrics().forEach(m -> columns.add(m.getName()));
        columns.add("time");
        StringBuilder header = new StringBuilder();
        for (String column : columns) {
            header.append(pad(column, column));
        }
        out.println(header.toString().stripTrailing());
    }

    @Override
    public void beforeTrain(Learner learn) {
        startPass();
    }

    @Override
    public void beforeValidate(Learner learn) {
        startPass();
    }

    @Override
    public void afterBatch(Learner learn) {
        if (!showBar) {
            return;
        }
        long now = System.nanoTime();
        long done = learn.getIteration() + 1;
        long total = learn.getNumIterations();
        if (now - lastDraw < REDRAW_NANOS && done < total) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - passStart) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        int filled = (int) (BAR_WIDTH * done / Math.max(total, 1));
        String loss =
                learn.getLoss() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " loss %.4f",
                                learn.getLoss()
                                        .toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                                        .getDouble());
        out.print(
                String.format(
                        Locale.ROOT,
                        "\r%s |%s%s| %d/%d %s<%s%s",
                        learn.isTraining() ? "train" : "valid",
                        "#".repeat(filled),
                        ".".repeat(BAR_WIDTH - filled),
                        done,
                        total,
                        clock(elapsed),
                        clock(eta),
                        loss));
        out.flush();
        barOnScreen = true;
    }

    @Override
    public void afterEpoch(Learner learn) {
        clearBar();
        List<Map<String, Double>> epochs = learn.getRecorder().getEpochs();
        if (epochs.isEmpty()) {
            return;
        }
        Map<String, Double> row = epochs.get(epochs.size() - 1);
        StringBuilder line = new StringBuilder();
        for (String column : columns) {
            Double value = row.get(column);
            String text;
            if (value == null) {
                text = "";
            } else if ("epoch".equals(column)) {
                text = Integer.toString(value.intValue());
            } else if ("time".equals(column)) {
                text = clock(value);
            } else {
                text = String.format(Locale.ROOT, "%.6f", value);
            }
            line.append(pad(text, column));
        }
        out.println(line.toString().stripTrailing());
    }

    @Override
    public void afterFit(Learner learn) {
        clearBar();
    }

    private void startPass() {
        passStart = System.nanoTime();
        lastDraw = 0;
    }

    private void clearBar() {
        if (barOnScreen) {
            out.print("\r" + " ".repeat(BAR_WIDTH + 60) + "\r");
            barOnScreen = false;
        }
    }

    /** Pads a cell to its column's header width plus two spaces, as fastai's table. */
    private static String pad(String text, String column) {
        int width = Math.max(column.length(), 8) + 2;
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    /** Formats seconds as mm:ss, fastai's time column. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
