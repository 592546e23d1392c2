/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The short examples' command-line parsing: {@code --name value} pairs, each name handled by one
 * setter; an unknown name, a missing value or a value out of range is an {@link
 * IllegalArgumentException} naming the option (and, for an unknown one, the allowed ones).
 */
final class OptionParser {

    private final Map<String, Consumer<String>> handlers = new LinkedHashMap<>();

    /**
     * Adds an option.
     *
     * @param name the option, e.g. {@code --epochs}
     * @param handler reads the value and stores it
     * @return this parser
     */
    OptionParser add(String name, Consumer<String> handler) {
        handlers.put(name, handler);
        return this;
    }

    /**
     * Adds the options every short example has: {@code --epochs}, {@code --limit}, {@code
     * --test-limit}, {@code --batch-size}, {@code --lr}, {@code --data} and {@code --out}.
     *
     * @param common where the values go
     * @return this parser
     */
    OptionParser addCommon(CommonOptions common) {
        return add("--epochs", v -> common.epochs = atLeast("--epochs", v, 1))
                .add("--limit", v -> common.limit = atLeast("--limit", v, 0))
                .add("--test-limit", v -> common.testLimit = atLeast("--test-limit", v, 0))
                .add("--batch-size", v -> common.batchSize = atLeast("--batch-size", v, 1))
                .add("--lr", v -> common.lr = positive("--lr", v))
                .add("--data", v -> common.data = Path.of(v))
                .add("--out", v -> common.out = Path.of(v));
    }

    /**
     * Parses the arguments; blank arguments (an empty {@code -Dmain.args}) are skipped.
     *
     * @param args pairs of {@code --name value}
     * @throws IllegalArgumentException naming an unknown option and the allowed ones, an option
     *     without a value, or an option whose value is malformed or out of range
     */
    void parse(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isBlank()) {
                continue;
            }
            Consumer<String> handler = handlers.get(arg);
            if (handler == null) {
                throw new IllegalArgumentException(
                        "unknown option "
                                + arg
                                + "; allowed: "
                                + String.join(", ", handlers.keySet()));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            handler.accept(args[++i]);
        }
    }

    /**
     * Reads an integer of at least {@code min}.
     *
     * @param name the option, for the message
     * @param value the text
     * @param min the smallest allowed value
     * @return the value
     * @throws IllegalArgumentException naming the option if the text is no integer or too small
     */
    static int atLeast(String name, String value, int min) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs an integer, got '" + value + "'", e);
        }
        if (parsed < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + parsed);
        }
        return parsed;
    }

    /**
     * Reads a finite number greater than 0.
     *
     * @param name the option, for the message
     * @param value the text
     * @return the value
     * @throws IllegalArgumentException naming the option if the text is no number or not positive
     */
    static double positive(String name, String value) {
        double parsed = number(name, value);
        if (!(parsed > 0 && Double.isFinite(parsed))) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return parsed;
    }

    /**
     * Reads a number in {@code [min, max]}.
     *
     * @param name the option, for the message
     * @param value the text
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     * @throws IllegalArgumentException naming the option if the text is no number or out of range
     */
    static double within(String name, String value, double min, double max) {
        double parsed = number(name, value);
        if (!(parsed >= min && parsed <= max)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return parsed;
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + value + "'", e);
        }
    }

    /** The settings every short example has, with the example's defaults. */
    static final class CommonOptions {
        int epochs;
        int limit;
        int testLimit;
        int batchSize = 64;
        double lr;
        Path data;
        Path out = Path.of("target", "fasterai-examples");

        CommonOptions(int epochs, int limit, double lr) {
            this.epochs = epochs;
            this.limit = limit;
            this.lr = lr;
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s training images, %s test images, %d epochs, batch %d, lr %s",
                    limit == 0 ? "all" : String.valueOf(limit),
                    testLimit == 0 ? "all" : String.valueOf(testLimit),
                    epochs,
                    batchSize,
                    lr);
        }
    }
}
