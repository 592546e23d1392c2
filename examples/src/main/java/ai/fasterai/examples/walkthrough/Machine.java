/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run measured on: latencies mean little without the CPU (int8 kernels are several
 * times faster on CPUs with VNNI), the cores and the threads.
 */
public final class Machine {

    private Machine() {}

    /**
     * Describes this machine.
     *
     * @param threads the intra-op threads the runtimes used
     * @return e.g. {@code AMD EPYC 7B13, no VNNI, 2 cores, 2 threads, Java 17.0.9}
     */
    public static String describe(int threads) {
        return cpu()
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores, "
                + threads
                + " threads, Java "
                + System.getProperty("java.version");
    }

    /**
     * Returns the CPU's model name and whether it has VNNI (int8 dot products), from {@code
     * /proc/cpuinfo}.
     *
     * @return e.g. {@code AMD EPYC 7B13, no VNNI}; the architecture where cpuinfo is unreadable
     */
    public static String cpu() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String name =
                    lines.stream()
                            .filter(l -> l.startsWith("model name"))
                            .map(l -> l.substring(l.indexOf(':') + 1).trim())
                            .findFirst()
                            .orElse("unknown CPU");
            boolean vnni =
                    lines.stream()
                            .filter(l -> l.startsWith("flags"))
                            .anyMatch(l -> l.contains("vnni"));
            return name + (vnni ? ", VNNI" : ", no VNNI");
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable: the model name is only informative.
            return System.getProperty("os.arch");
        }
    }
}
