/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.fasterai.core.io.AtomicFiles;
import ai.fasterai.examples.walkthrough.StageRow;
import ai.fasterai.examples.walkthrough.Vgg16Walkthrough;
import ai.fasterai.examples.walkthrough.WalkthroughOptions;
import ai.fasterai.examples.walkthrough.WalkthroughResult;
import ai.onnxruntime.OrtEnvironment;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs every side-by-side comparison of the other benchmarks in one run, on one machine, and writes
 * them as one table: {@code pipeline-YYYY-MM-DD.json} and {@code pipeline-YYYY-MM-DD.md} ({@code
 * -quick} before the extension in quick mode, so that a smoke run never overwrites a real one).
 * Each file states the machine (CPU model, VNNI, available processors), the thread settings, the
 * JVM, DJL, PyTorch and ONNX Runtime versions, and the options each benchmark ran with.
 *
 * <p>Every benchmark runs with reduced but meaningful defaults (fewer rounds and runs than its own
 * main, the same models), or with tiny settings under {@code --quick}, which only checks that
 * everything runs: quick figures are not measurements. A benchmark that fails is recorded with its
 * error and the others still run. Each benchmark's own table is printed as it finishes.
 *
 * <p>Options: {@code --quick}; {@code --out DIR} (default {@code benchmarks/results} from the
 * project root, {@code results} from the benchmarks module, where Maven runs it); {@code --only
 * KEY,KEY}; {@code --skip-KEY} for any of the keys {@code learner}, {@code sparsify}, {@code
 * prune}, {@code distill}, {@code bnfold}, {@code fcdecompose}, {@code cpu}, {@code onnx}, {@code
 * int8}, {@code walkthrough}.
 */
public final class PipelineBenchmark {

    /**
     * The walkthrough's target for the final deployable model's size against the fp32 DJL baseline:
     * at least 25x smaller.
     */
    static final Comparison.Target WALKTHROUGH_SIZE = Comparison.Target.ratioAtLeast(25);

    /** The walkthrough's batch-1 latency target against the fp32 DJL baseline: 15x faster. */
    static final Comparison.Target WALKTHROUGH_BATCH_1 = Comparison.Target.ratioAtLeast(15);

    /** The walkthrough's batch-32 latency target against the fp32 DJL baseline: 8x faster. */
    static final Comparison.Target WALKTHROUGH_BATCH_32 = Comparison.Target.ratioAtLeast(8);

    /**
     * The walkthrough's accuracy target, on an accuracy change in points: at most half a point
     * below the baseline.
     */
    static final Comparison.Target WALKTHROUGH_ACCURACY = Comparison.Target.ratioAtLeast(-0.5);

    /** One benchmark seen by the pipeline: runs with options, prints its table, returns rows. */
    @FunctionalInterface
    interface ComparisonSource {

        /**
         * Runs the benchmark.
         *
         * @param args the benchmark's options
         * @param out where its own table goes
         * @return its comparisons
         * @throws Exception if it fails; the pipeline records the error and goes on
         */
        List<Comparison> run(String[] args, PrintStream out) throws Exception;
    }

    /** A step of the pipeline: its key, a title, the source, and its options in both modes. */
    private record Step(
            String key, String title, ComparisonSource source, String options, String quick) {}

    /** What one step produced: its comparisons, or the error that stopped it. */
    private record Section(
            Step step, String args, double seconds, List<Comparison> comparisons, String error) {}

    // Defaults are about a third of each main's rounds and runs: the whole pipeline then takes
    // about half an hour on 2 idle cores, with every model at the size its own benchmark uses.
    private static final List<Step> STEPS =
            List.of(
                    new Step(
                            "learner",
                            "Learner vs DJL EasyTrain",
                            LearnerOverheadBenchmark::run,
                            "--rounds 5 --samples 2048",
                            "--rounds 1 --samples 256"),
                    new Step(
                            "sparsify",
                            "SparsifyCallback overhead",
                            SparsifyOverheadBenchmark::run,
                            "--rounds 3 --samples 1024",
                            "--rounds 1 --samples 128"),
                    new Step(
                            "prune",
                            "Pruner speed-up vs MAC reduction",
                            PruneSpeedupBenchmark::run,
                            "--rounds 3 --runs 50 --warmup 10 --batched-runs 10"
                                    + " --batched-warmup 3",
                            "--width-pct 25 --rounds 1 --runs 5 --warmup 2 --batched-runs 2"
                                    + " --batched-warmup 1"),
                    new Step(
                            "distill",
                            "KnowledgeDistillationCallback overhead",
                            DistillOverheadBenchmark::run,
                            "--rounds 5 --samples 1024",
                            "--rounds 1 --samples 128"),
                    new Step(
                            "bnfold",
                            "BatchNorm folding",
                            BnFoldBenchmark::run,
                            "--rounds 5 --runs 100",
                            "--width-percent 25 --rounds 1 --runs 10"),
                    new Step(
                            "fcdecompose",
                            "FCDecomposer on VGG16's 25088x4096 layer",
                            FcDecomposeBenchmark::run,
                            "--repeats 1 --runs 30",
                            "--repeats 1 --runs 5"),
                    new Step(
                            "cpu",
                            "CPU inference knobs in DJL",
                            CpuInferenceBenchmark::run,
                            "--rounds 3 --runs 50",
                            "--width-percent 25 --rounds 1 --runs 10"),
                    new Step(
                            "onnx",
                            "DJL vs ONNX Runtime fp32",
                            OnnxLatencyBenchmark::run,
                            "--rounds 3 --runs 50 --warmup 10",
                            "--width-percent 25 --rounds 1 --runs 10 --warmup 3"),
                    new Step(
                            "int8",
                            "int8 ONNX Runtime vs fp32",
                            Int8LatencyBenchmark::run,
                            "--rounds 3 --runs 50 --warmup 10",
                            "--width-percent 25 --train 256 --test 128 --rounds 1 --runs 10"
                                    + " --warmup 3"),
                    new Step(
                            "walkthrough",
                            "final deployable model vs fp32 DJL baseline",
                            PipelineBenchmark::walkthroughComparisons,
                            "",
                            "--quick"));

    private PipelineBenchmark() {}

    /**
     * Runs the pipeline and writes its files.
     *
     * @param args the options above
     * @throws IOException if the result files cannot be written
     */
    public static void main(String[] args) throws IOException {
        Set<String> keys = new TreeSet<>();
        STEPS.forEach(s -> keys.add(s.key()));
        checkOptions(args, keys);
        boolean quick = BenchSupport.flag(args, "--quick");
        String only = BenchSupport.option(args, "--only", null);
        Set<String> selected = new TreeSet<>(only == null ? keys : Set.of(only.split(",")));
        if (!keys.containsAll(selected)) {
            throw new IllegalArgumentException("--only takes keys among " + keys);
        }
        Path out = Path.of(BenchSupport.option(args, "--out", defaultOut()));
        Instant started = Instant.now();
        String loadBefore = BenchSupport.loadAverage();
        Map<String, Object> machine = machine();
        List<Section> sections = new ArrayList<>();
        for (Step step : STEPS) {
            if (!selected.contains(step.key()) || BenchSupport.flag(args, "--skip-" + step.key())) {
                continue;
            }
            sections.add(run(step, quick));
        }
        machine.put("load average before", loadBefore);
        machine.put("load average after", BenchSupport.loadAverage());
        String name = "pipeline-" + LocalDate.now() + (quick ? "-quick" : "");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("date", LocalDate.now().toString());
        header.put("started", started.toString());
        header.put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        header.put(
                "mode",
                quick ? "quick (checks that everything runs; not measurements)" : "default");
        header.put("machine", machine);
        Path json = out.resolve(name + ".json");
        Path md = out.resolve(name + ".md");
        AtomicFiles.write(
                json, o -> o.write(json(header, sections).getBytes(StandardCharsets.UTF_8)));
        String markdown = markdown(header, sections);
        AtomicFiles.write(md, o -> o.write(markdown.getBytes(StandardCharsets.UTF_8)));
        System.out.println();
        System.out.print(markdown);
        System.out.println("written: " + json.toAbsolutePath() + " and " + md.getFileName());
    }

    /**
     * The comparisons of the walkthrough's final deployable model (pruned, folded, decomposed, int8
     * in ONNX Runtime) against its fp32 DJL baseline, with the walkthrough's targets ({@link
     * #WALKTHROUGH_SIZE}, {@link #WALKTHROUGH_BATCH_1}, {@link #WALKTHROUGH_BATCH_32}, {@link
     * #WALKTHROUGH_ACCURACY}).
     *
     * <p>Runs {@link Vgg16Walkthrough} (its default settings, or {@code --quick}), writing its own
     * reports under {@code target/pipeline-walkthrough}.
     *
     * @param args {@code --quick} in quick mode, else none
     * @param out where the walkthrough's log goes (it prints to standard output)
     * @return size, batch-1 and batch-32 latency and accuracy of the final model against the
     *     baseline, then the speed-up and MAC reduction of physical pruning
     * @throws IOException if Fashion-MNIST cannot be read or a report not written
     */
    static List<Comparison> walkthroughComparisons(String[] args, PrintStream out)
            throws IOException {
        List<String> flags = new ArrayList<>(List.of(args));
        flags.addAll(List.of("--no-progress", "--out", "target/pipeline-walkthrough"));
        WalkthroughResult result =
                Vgg16Walkthrough.run(WalkthroughOptions.parse(flags.toArray(String[]::new)));
        StageRow base = result.getRows().get(0);
        StageRow last = result.getRows().get(result.getRows().size() - 1);
        String compared = last.stage() + " (" + last.runtime() + ") vs " + base.stage() + " (DJL)";
        StageRow sparse = result.getRow("sparsified");
        StageRow pruned = result.getRow("pruned");
        double speedUp = sparse.latencyMs() / pruned.latencyMs();
        double macReduction = (double) sparse.macs() / pruned.macs();
        return List.of(
                Comparison.of(
                                "walkthrough: size on disk",
                                compared,
                                base.sizeBytes() / 1e6,
                                last.sizeBytes() / 1e6,
                                "MB",
                                (double) base.sizeBytes() / last.sizeBytes(),
                                "compression (baseline / candidate)")
                        .withTarget(WALKTHROUGH_SIZE),
                Comparison.speedUp(
                                "walkthrough: CPU latency, batch 1",
                                compared,
                                base.latencyMs(),
                                last.latencyMs(),
                                "ms")
                        .withTarget(WALKTHROUGH_BATCH_1),
                Comparison.speedUp(
                                "walkthrough: CPU latency, batch 32",
                                compared,
                                base.latencyBatch32Ms(),
                                last.latencyBatch32Ms(),
                                "ms")
                        .withTarget(WALKTHROUGH_BATCH_32),
                Comparison.of(
                                "walkthrough: test accuracy",
                                compared,
                                base.accuracy(),
                                last.accuracy(),
                                "fraction",
                                100 * (last.accuracy() - base.accuracy()),
                                "change in points")
                        .withTarget(WALKTHROUGH_ACCURACY)
                        .withNote(result.getSettings()),
                Comparison.of(
                                "walkthrough: pruning efficiency",
                                "pruned vs sparsified (DJL, batch 1)",
                                sparse.latencyMs(),
                                pruned.latencyMs(),
                                "ms",
                                speedUp / macReduction,
                                "speed-up / MAC reduction")
                        .withNote(
                                String.format(
                                        Locale.ROOT,
                                        "speed-up %.2fx for %.2fx fewer MACs",
                                        speedUp,
                                        macReduction)));
    }

    /** Runs one step, timing it and turning a failure into a recorded error. */
    private static Section run(Step step, boolean quick) {
        String options = quick ? step.quick() : step.options();
        String[] stepArgs = options.isBlank() ? new String[0] : options.split(" ");
        System.out.printf(Locale.ROOT, "%n=== %s (%s) %s%n", step.key(), step.title(), options);
        long start = System.nanoTime();
        List<Comparison> rows = List.of();
        String error = null;
        try {
            rows = step.source().run(stepArgs, System.out);
        } catch (Exception | Error e) {
            // One failing benchmark (missing data, a native error) must not lose the others.
            e.printStackTrace();
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new Section(step, options, (System.nanoTime() - start) / 1e9, rows, error);
    }

    /** Rejects unknown options, so that a typo does not silently run the whole pipeline. */
    private static void checkOptions(String[] args, Set<String> keys) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--out") || a.equals("--only")) {
                i++;
            } else if (!a.equals("--quick")
                    && !(a.startsWith("--skip-") && keys.contains(a.substring(7)))) {
                throw new IllegalArgumentException(
                        "unknown option "
                                + a
                                + "; options: --quick, --out DIR, --only KEY,KEY, --skip-KEY,"
                                + " keys "
                                + keys);
            }
        }
    }

    /** {@code benchmarks/results} from the project root, {@code results} inside the module. */
    private static String defaultOut() {
        return Files.isRegularFile(Path.of("benchmarks", "pom.xml"))
                ? "benchmarks/results"
                : "results";
    }

    /** The machine, thread settings and versions; what a figure means depends on all of them. */
    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", BenchSupport.cpuModel());
        m.put("vnni", BenchSupport.vnni());
        m.put("available processors", Runtime.getRuntime().availableProcessors());
        m.put("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads"));
        m.put(
                "ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads"));
        m.put("OMP_NUM_THREADS", System.getenv("OMP_NUM_THREADS"));
        m.put("ONNX Runtime intra-op threads", BenchSupport.engineThreads());
        m.put(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("max heap MB", Runtime.getRuntime().maxMemory() / (1 << 20));
        m.put("DJL", quietly(Engine::getDjlVersion));
        m.put(
                "engine",
                quietly(
                        () ->
                                Engine.getInstance().getEngineName()
                                        + " "
                                        + Engine.getInstance().getVersion()));
        m.put("ONNX Runtime", quietly(() -> OrtEnvironment.getEnvironment().getVersion()));
        // After the engine line: the native library is loaded by Engine.getInstance().
        m.put("PyTorch intra-op threads", quietly(JniUtils::getNumThreads));
        return m;
    }

    /** A value that is only informative: its failure must not stop the benchmarks. */
    private static Object quietly(Supplier<Object> value) {
        try {
            return value.get();
        } catch (RuntimeException | Error e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String json(Map<String, Object> header, List<Section> sections) {
        Map<String, Object> root = new LinkedHashMap<>(header);
        List<Object> list = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("key", s.step().key());
            section.put("benchmark", s.step().title());
            section.put("options", s.args());
            section.put("seconds", s.seconds());
            section.put("error", s.error());
            List<Object> rows = new ArrayList<>();
            for (Comparison c : s.comparisons()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", c.name());
                row.put("compared", c.compared());
                row.put("baseline", finite(c.baseline()));
                row.put("candidate", finite(c.candidate()));
                row.put("unit", c.unit());
                row.put("ratio", finite(c.ratio()));
                row.put("ratio_kind", c.ratioKind());
                row.put("target", c.target() == null ? null : c.target().toString());
                row.put("met", c.met());
                row.put("note", c.note());
                rows.add(row);
            }
            section.put("comparisons", rows);
            list.add(section);
        }
        root.put("benchmarks", list);
        // NaN is no JSON number: a missing figure is null (finite() below).
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .serializeNulls()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(root)
                + "\n";
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String markdown(Map<String, Object> header, List<Section> sections) {
        StringBuilder sb = new StringBuilder();
        sb.append("# fasterai4j pipeline benchmark, ").append(header.get("date")).append("\n\n");
        sb.append("Mode: ").append(header.get("mode")).append("; ");
        sb.append(String.format(Locale.ROOT, "%.0f s in all.%n%n", header.get("seconds")));
        sb.append("| machine | |\n|---|---|\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) header.get("machine");
        machine.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append(
                "\n| benchmark | comparison | compared | baseline | candidate | unit | ratio"
                        + " | ratio is | target | met | note |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Section s : sections) {
            if (s.comparisons().isEmpty()) {
                String why = s.error() != null ? "FAILED: " + s.error() : "no comparisons";
                sb.append("| ").append(cell(s.step().key())).append(" | ").append(cell(why));
                sb.append(" | | | | | | | | | |\n");
            }
            for (Comparison c : s.comparisons()) {
                Boolean met = c.met();
                sb.append(
                        row(
                                s.step().key(),
                                c.name(),
                                c.compared(),
                                BenchSupport.number(c.baseline()),
                                BenchSupport.number(c.candidate()),
                                c.unit(),
                                BenchSupport.number(c.ratio()),
                                c.ratioKind(),
                                c.target() == null ? "-" : c.target().toString(),
                                met == null ? "-" : met ? "yes" : "**no**",
                                c.note()));
            }
        }
        sb.append("\n| benchmark | options | time (s) | status |\n|---|---|---|---|\n");
        for (Section s : sections) {
            sb.append(
                    row(
                            s.step().key() + " (" + s.step().title() + ")",
                            s.args().isBlank() ? "-" : "`" + s.args() + "`",
                            String.format(Locale.ROOT, "%.0f", s.seconds()),
                            s.error() == null ? "ok" : "FAILED: " + s.error()));
        }
        sb.append(
                "\nOptions not listed are the benchmark's defaults (its Javadoc and"
                        + " docs/benchmarks.md). Ratios: speed-up = baseline / candidate (higher is"
                        + " better); candidate / baseline for costs (lower is better).\n");
        return sb.toString();
    }

    private static String row(String... cells) {
        StringBuilder sb = new StringBuilder("|");
        Arrays.stream(cells).forEach(c -> sb.append(' ').append(cell(c)).append(" |"));
        return sb.append('\n').toString();
    }

    /** A table cell: pipes and line breaks would break the markdown row. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
