/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import ai.djl.Device;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The walkthrough's settings, from command-line flags. The defaults (a width-0.25 vgg16_bn on
 * 20,000 training images, two epochs per training stage) finish in about 15 minutes on 2 CPU cores;
 * {@code --quick} is a one-epoch smoke run on a small subset; {@code --full} is the full-size
 * vgg16_bn and vgg19_bn of the seed story (hours on a CPU).
 *
 * <table>
 *   <caption>Flags</caption>
 *   <tr><th>flag</th><th>default</th><th>what</th></tr>
 *   <tr><td>{@code --epochs N}</td><td>2 (quick: 1)</td>
 *       <td>epochs of the baseline, distillation and sparsity stages</td></tr>
 *   <tr><td>{@code --teacher-epochs N}</td><td>3 (quick: 1)</td>
 *       <td>epochs of the teacher</td></tr>
 *   <tr><td>{@code --teacher-depth N}</td><td>16 (full: 19)</td>
 *       <td>the teacher's VGG depth: 11, 13, 16 or 19</td></tr>
 *   <tr><td>{@code --finetune-epochs N}</td><td>1</td>
 *       <td>epochs of the fine-tunes after factorization and of quantization-aware training</td></tr>
 *   <tr><td>{@code --limit N}</td><td>20000 (quick: 2000)</td>
 *       <td>training images, 0 for all 60,000</td></tr>
 *   <tr><td>{@code --test-limit N}</td><td>0 (quick: 1000)</td>
 *       <td>test images, 0 for all 10,000</td></tr>
 *   <tr><td>{@code --width X}</td><td>0.25 (full: 1)</td><td>the student's width multiplier</td></tr>
 *   <tr><td>{@code --teacher-width X}</td><td>0.5 (quick: 0.25, full: 1)</td>
 *       <td>the teacher's width multiplier</td></tr>
 *   <tr><td>{@code --sparsity P}</td><td>50</td><td>percent of filters removed</td></tr>
 *   <tr><td>{@code --batch-size N}</td><td>64 (quick: 32)</td><td>training batch size</td></tr>
 *   <tr><td>{@code --data DIR}</td><td>Debian's dataset-fashion-mnist</td>
 *       <td>the folder of the four {@code *-ubyte.gz} files</td></tr>
 *   <tr><td>{@code --device D}</td><td>{@code cpu}</td>
 *       <td>training device ({@code cpu}, {@code gpu}, {@code gpu1}...); latency is always CPU</td></tr>
 *   <tr><td>{@code --out DIR}</td><td>{@code target/walkthrough}</td>
 *       <td>where the models, the JSON, the markdown table and the HTML report go</td></tr>
 *   <tr><td>{@code --quick}</td><td></td><td>the smoke-run settings above</td></tr>
 *   <tr><td>{@code --full}</td><td></td><td>full-size networks, all training images</td></tr>
 *   <tr><td>{@code --no-progress}</td><td></td><td>no progress bars (the epoch tables stay)</td></tr>
 * </table>
 */
public final class WalkthroughOptions {

    int epochs = 2;
    int teacherEpochs = 3;
    // A vgg19_bn at width 0.5 ended below the student (0.824 after 2 epochs, 0.837 after 3, against
    // 0.884): deeper VGGs learn slower; a wider vgg16_bn is the default teacher.
    int teacherDepth = 16;
    int finetuneEpochs = 1;
    int limit = 20_000;
    int testLimit;
    double width = 0.25;
    int classifierWidth = 512;
    double teacherWidth = 0.5;
    double sparsity = 50;
    int batchSize = 64;
    Path data;
    String device = "cpu";
    Path out = Path.of("target", "walkthrough");
    boolean quick;
    boolean full;
    boolean progress = true;
    int latencyWarmup = 50;
    int latencyRuns = 200;

    private WalkthroughOptions() {}

    /**
     * Returns the default settings.
     *
     * @return the defaults, as with no flags
     */
    public static WalkthroughOptions defaults() {
        return parse();
    }

    /**
     * Parses command-line flags; {@code --quick} and {@code --full} set their defaults first, so
     * the other flags override them wherever they appear.
     *
     * @param args the flags
     * @return the settings
     * @throws IllegalArgumentException naming an unknown flag, a flag without a value, or a value
     *     out of range, with what is allowed
     */
    public static WalkthroughOptions parse(String... args) {
        WalkthroughOptions o = new WalkthroughOptions();
        for (String arg : args) {
            if ("--quick".equals(arg)) {
                o.quick = true;
                o.epochs = 1;
                o.teacherEpochs = 1;
                o.limit = 2000;
                o.testLimit = 1000;
                // Twice the steps of batch 64: one epoch of 2000 images is otherwise too short.
                o.batchSize = 32;
                o.teacherWidth = 0.25;
                o.latencyWarmup = 10;
                o.latencyRuns = 50;
            } else if ("--full".equals(arg)) {
                o.full = true;
                o.width = 1;
                o.classifierWidth = 4096;
                o.teacherWidth = 1;
                o.teacherDepth = 19;
                o.limit = 0;
            }
        }
        if (o.quick && o.full) {
            throw new IllegalArgumentException("--quick and --full exclude each other; pick one");
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isBlank() || "--quick".equals(arg) || "--full".equals(arg)) {
                continue;
            }
            if ("--no-progress".equals(arg)) {
                o.progress = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--epochs" -> o.epochs = positive(arg, value);
                case "--teacher-epochs" -> o.teacherEpochs = positive(arg, value);
                case "--teacher-depth" -> o.teacherDepth = depth(value);
                case "--finetune-epochs" -> o.finetuneEpochs = positive(arg, value);
                case "--limit" -> o.limit = atLeastZero(arg, value);
                case "--test-limit" -> o.testLimit = atLeastZero(arg, value);
                case "--width" -> o.width = fraction(arg, value);
                case "--teacher-width" -> o.teacherWidth = fraction(arg, value);
                case "--sparsity" -> o.sparsity = percent(arg, value);
                case "--batch-size" -> o.batchSize = positive(arg, value);
                case "--data" -> o.data = Path.of(value);
                case "--device" -> o.device = device(value);
                case "--out" -> o.out = Path.of(value);
                default ->
                        throw new IllegalArgumentException(
                                "unknown option "
                                        + arg
                                        + "; allowed: --epochs, --teacher-epochs, --teacher-depth,"
                                        + " --finetune-epochs, --limit,"
                                        + " --test-limit, --width, --teacher-width, --sparsity,"
                                        + " --batch-size, --data, --device, --out, --quick, --full,"
                                        + " --no-progress");
            }
        }
        return o;
    }

    /**
     * Returns the training device.
     *
     * @return the device named by {@code --device}
     */
    public Device getDevice() {
        return Device.fromName(device);
    }

    /**
     * Returns the output folder.
     *
     * @return where the reports and models go
     */
    public Path getOut() {
        return out;
    }

    /**
     * Returns whether this is the quick smoke run.
     *
     * @return true with {@code --quick}
     */
    public boolean isQuick() {
        return quick;
    }

    /**
     * Describes the settings in one line, for the reports.
     *
     * @return e.g. {@code vgg16_bn width 0.25, 20000 training images, ...}
     */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "vgg16_bn width %s (classifier %d), vgg%d_bn teacher width %s (%d epochs), %s"
                        + " training images, %s test images, %d epochs per training stage, %d per"
                        + " fine-tune, batch %d, %s%% filters, device %s%s",
                width,
                classifierWidth,
                teacherDepth,
                teacherWidth,
                teacherEpochs,
                limit == 0 ? "all 60000" : Integer.toString(limit),
                testLimit == 0 ? "all 10000" : Integer.toString(testLimit),
                epochs,
                finetuneEpochs,
                batchSize,
                sparsity,
                device,
                quick ? ", quick mode" : full ? ", full size" : "");
    }

    private static int positive(String name, String value) {
        int n = integer(name, value);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return n;
    }

    private static int atLeastZero(String name, String value) {
        int n = integer(name, value);
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 = all), got " + value);
        }
        return n;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got " + value, e);
        }
    }

    private static double fraction(String name, String value) {
        double x = number(name, value);
        if (!(x > 0 && x <= 4)) {
            throw new IllegalArgumentException(name + " must be in (0, 4], got " + value);
        }
        return x;
    }

    private static double percent(String name, String value) {
        double x = number(name, value);
        if (!(x > 0 && x < 100)) {
            throw new IllegalArgumentException(name + " must be in (0, 100), got " + value);
        }
        return x;
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value, e);
        }
    }

    private static int depth(String value) {
        if (!value.matches("11|13|16|19")) {
            throw new IllegalArgumentException(
                    "--teacher-depth must be 11, 13, 16 or 19, got " + value);
        }
        return Integer.parseInt(value);
    }

    private static String device(String value) {
        if (!value.matches("cpu|gpu[0-9]*")) {
            throw new IllegalArgumentException("--device must be cpu, gpu or gpuN, got " + value);
        }
        return value;
    }
}
