/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.fasterai.core.util.Checks;

/**
 * Prepares a trained model for CPU inference on DJL in one call, with the settings that measured
 * faster on the PyTorch engine ({@code CpuInferenceBenchmark} in the benchmarks module; figures in
 * docs/misc.md): BatchNorm folded into the layers before it ({@link BNFolder}: one layer less per
 * pair) and, optionally, PyTorch's intra-op thread count (a process-wide setting). The returned
 * {@link AcceleratedModel} runs the network in inference mode with gradient recording off, on any
 * thread.
 *
 * <p>Running the exported model in ONNX Runtime is the larger step (1.9x at batch 1 for vgg16_bn,
 * measured in docs/misc.md): fasterai-export's {@code OnnxModel.of(model, inputShape, options)}
 * does it in one call when the model may leave DJL.
 *
 * <pre>{@code
 * try (AcceleratedModel fast = CpuAccelerator.builder().build().accelerate(model)) {
 *     NDList out = fast.predict(new NDList(image));
 * }
 * }</pre>
 */
public final class CpuAccelerator {

    private final boolean foldBatchNorm;
    private final int intraOpThreads;

    private CpuAccelerator(Builder builder) {
        this.foldBatchNorm = builder.foldBatchNorm;
        this.intraOpThreads = builder.intraOpThreads;
    }

    /**
     * Creates a builder: BatchNorm folding on, thread count left as the engine set it.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Prepares a model; the input model is unchanged.
     *
     * @param model the trained model, its block initialized
     * @return the prepared model; closing it closes the folded copy it owns
     * @throws IllegalArgumentException if the model or its block is missing or not initialized
     */
    public AcceleratedModel accelerate(Model model) {
        Checks.notNull("model", model);
        if (model.getBlock() == null) {
            throw new IllegalArgumentException("model has no block to accelerate");
        }
        applyThreads();
        if (!foldBatchNorm) {
            return new AcceleratedModel(model.getBlock(), null, null);
        }
        FoldResult folded = BNFolder.fold(model);
        return new AcceleratedModel(folded.getBlock(), folded.getModel(), folded);
    }

    /**
     * Prepares a network; the input network is unchanged.
     *
     * @param block the trained network, initialized
     * @param manager owns the folded copy's parameters
     * @return the prepared network
     * @throws IllegalArgumentException if an argument is null or the block is not initialized
     */
    public AcceleratedModel accelerate(Block block, NDManager manager) {
        Checks.notNull("block", block);
        Checks.notNull("manager", manager);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("block must be initialized to accelerate it");
        }
        applyThreads();
        if (!foldBatchNorm) {
            return new AcceleratedModel(block, null, null);
        }
        FoldResult folded = BNFolder.fold(block, manager);
        return new AcceleratedModel(folded.getBlock(), null, folded);
    }

    private void applyThreads() {
        if (intraOpThreads > 0 && "PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setNumThreads(intraOpThreads);
        }
    }

    /** Builds a {@link CpuAccelerator}. */
    public static final class Builder {

        private boolean foldBatchNorm = true;
        private int intraOpThreads;

        Builder() {}

        /**
         * Sets whether BatchNorms are folded (default true).
         *
         * @param foldBatchNorm whether to fold
         * @return this builder
         */
        public Builder optFoldBatchNorm(boolean foldBatchNorm) {
            this.foldBatchNorm = foldBatchNorm;
            return this;
        }

        /**
         * Sets PyTorch's intra-op thread count for the whole process (default: leave the engine's,
         * which is the core count or {@code -Dai.djl.pytorch.num_threads}).
         *
         * @param intraOpThreads the thread count, at least 1
         * @return this builder
         */
        public Builder optIntraOpThreads(int intraOpThreads) {
            if (intraOpThreads < 1) {
                throw new IllegalArgumentException(
                        "intraOpThreads must be >= 1, got " + intraOpThreads);
            }
            this.intraOpThreads = intraOpThreads;
            return this;
        }

        /**
         * Builds the accelerator.
         *
         * @return the accelerator
         */
        public CpuAccelerator build() {
            return new CpuAccelerator(this);
        }
    }
}
