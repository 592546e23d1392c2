/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

/**
 * Runs the JMH benchmarks of this module ({@link MaskApplyJmh}, {@link BnFoldJmh}, {@link
 * StageForwardJmh}) through JMH's own command line, so that {@code -Pbench
 * -Dbench.main=ai.fasterai.benchmarks.JmhBenchmarks -Dbench.args="..."} takes JMH's options (e.g.
 * {@code -f 1 -wi 2 -i 3 StageForwardJmh -p stage=ort-int8}; {@code -h} lists them). The forked
 * JVMs inherit this JVM's options, among them {@code -Dai.djl.offline=true} and the thread
 * settings.
 */
public final class JmhBenchmarks {

    /**
     * What runs without arguments: every benchmark, one fork, 3 warm-up and 5 measured iterations
     * of 2 s. JMH's own defaults (5 forks of 5 + 5 iterations of 10 s) would take hours here.
     */
    static final String[] DEFAULTS = {"-f", "1", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s"};

    private JmhBenchmarks() {}

    /**
     * Runs JMH.
     *
     * @param args JMH's options and benchmark regular expressions; none for {@link #DEFAULTS}
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? DEFAULTS : args);
    }
}
