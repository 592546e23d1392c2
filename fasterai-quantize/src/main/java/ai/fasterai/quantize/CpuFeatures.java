/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the CPU offers int8 kernels, read once from {@code /proc/cpuinfo}. */
final class CpuFeatures {

    private static final boolean NEEDS_REDUCED_RANGE = detect();

    private CpuFeatures() {}

    /**
     * Whether int8 weights should use 7 bits here: an x86 CPU without VNNI multiplies u8 x s8 pairs
     * with {@code vpmaddubsw}, which saturates the sum of two products at 16 bits (255 x 127 x 2
     * does not fit; 255 x 63 x 2 does).
     */
    static boolean needsReducedRange() {
        return NEEDS_REDUCED_RANGE;
    }

    private static boolean detect() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.contains("amd64") && !arch.contains("x86")) {
            return false;
        }
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"));
            return !info.contains("avx512_vnni") && !info.contains("avx_vnni");
        } catch (IOException | RuntimeException e) {
            // Unknown CPU: the full range, ONNX Runtime's default.
            return false;
        }
    }
}
