/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.core.util.Checks;

/**
 * A network prepared by {@link CpuAccelerator}: {@link #predict} runs it in inference mode with
 * gradient recording off, on any thread.
 */
public final class AcceleratedModel implements AutoCloseable {

    private final Block block;
    private final Model owned;
    private final FoldResult fold;

    AcceleratedModel(Block block, Model owned, FoldResult fold) {
        this.block = block;
        this.owned = owned;
        this.fold = fold;
    }

    /**
     * Runs the network on one input batch. The outputs belong to the input's manager.
     *
     * @param input the network's input
     * @return the network's output
     * @throws IllegalArgumentException if the input is null or empty
     */
    public NDList predict(NDList input) {
        Checks.notNull("input", input);
        if (input.isEmpty()) {
            throw new IllegalArgumentException("input must hold at least one array, got none");
        }
        NDManager manager = input.head().getManager();
        try (NoGrad ignored = NoGrad.enter()) {
            return block.forward(new ParameterStore(manager, false), input, false);
        }
    }

    /**
     * Returns the network that {@link #predict} runs (the folded copy when BatchNorms were folded).
     *
     * @return the network
     */
    public Block getBlock() {
        return block;
    }

    /**
     * Returns the model holding the folded copy, when a model was accelerated with folding on.
     *
     * @return the model, or null
     */
    public Model getModel() {
        return owned;
    }

    /**
     * Returns what BatchNorm folding did.
     *
     * @return the fold, or null when folding was off
     */
    public FoldResult getFoldResult() {
        return fold;
    }

    /** Closes the folded copy's model, if this object made one. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
