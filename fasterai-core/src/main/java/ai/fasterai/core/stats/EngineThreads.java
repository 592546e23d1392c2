/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * What the engine does with threads: the intra-op thread count to report, and PyTorch's per-thread
 * grad mode, which must be off while timing inference.
 */
final class EngineThreads {

    private static final String PYTORCH = "PyTorch";

    private EngineThreads() {}

    /**
     * Returns the engine's intra-op thread count. On PyTorch this is {@code
     * torch.get_num_threads()} (through {@code JniUtils.getNumThreads()}), the value after the
     * engine applied {@code -Dai.djl.pytorch.num_threads}; other engines do not expose theirs, so
     * the JVM's available processors stand in as an upper bound.
     *
     * @param engine the engine that runs the model
     * @return the thread count
     */
    static int intraOpThreads(Engine engine) {
        if (isPyTorch(engine)) {
            return JniUtils.getNumThreads();
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Turns PyTorch's grad mode off on this thread, so that no autograd graph is recorded (a new
     * thread starts with it on).
     *
     * @param engine the engine that runs the model
     * @return the previous mode, to give to {@link #restoreGradMode}
     */
    static boolean disableGradMode(Engine engine) {
        if (!isPyTorch(engine)) {
            return false;
        }
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return previous;
    }

    /**
     * Restores the grad mode that {@link #disableGradMode} replaced.
     *
     * @param engine the engine that runs the model
     * @param previous the mode to restore
     */
    static void restoreGradMode(Engine engine, boolean previous) {
        if (isPyTorch(engine) && previous) {
            JniUtils.setGradMode(true);
        }
    }

    // Only touch JniUtils on PyTorch: on another engine libtorch may not be loaded at all.
    private static boolean isPyTorch(Engine engine) {
        return PYTORCH.equals(engine.getEngineName());
    }
}
