/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns gradient recording off for the current thread until closed, PyTorch's {@code
 * torch.no_grad()}: forward passes inside record no graph, even inside an open gradient collector,
 * so a frozen model (a distillation teacher) costs only its forward time. On engines other than
 * PyTorch it does nothing.
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *     teacherOutput = teacher.forward(store, input, false);
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {

    private final boolean pytorch;
    private final boolean previous;
    private boolean closed;

    private NoGrad(boolean pytorch, boolean previous) {
        this.pytorch = pytorch;
        this.previous = previous;
    }

    /**
     * Turns gradient recording off on this thread.
     *
     * @return a scope that restores the previous mode when closed
     */
    public static NoGrad enter() {
        boolean pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        boolean previous = pytorch && JniUtils.isGradMode();
        if (pytorch) {
            JniUtils.setGradMode(false);
        }
        return new NoGrad(pytorch, previous);
    }

    /**
     * Tells whether the current thread records gradients (always false off PyTorch, which has no
     * such per-thread mode DJL exposes).
     *
     * @return the thread's gradient mode
     */
    public static boolean isGradEnabled() {
        return "PyTorch".equals(Engine.getInstance().getEngineName()) && JniUtils.isGradMode();
    }

    /** Restores the gradient mode found by {@link #enter()}; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed && pytorch) {
            JniUtils.setGradMode(previous);
        }
        closed = true;
    }
}
