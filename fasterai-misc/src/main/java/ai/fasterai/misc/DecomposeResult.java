/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.nn.Block;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link FCDecomposer} or {@link ConvDecomposer} produced: the decomposed copy of the network,
 * each replaced layer with its ranks and parameter counts, and the selected layers left as they
 * were, with the reason.
 */
public final class DecomposeResult {

    private final Block block;
    private final Model model;
    private final List<Decomposition> decomposed;
    private final Map<String, String> skipped;

    DecomposeResult(
            Block block, Model model, List<Decomposition> decomposed, Map<String, String> skipped) {
        this.block = block;
        this.model = model;
        this.decomposed = List.copyOf(decomposed);
        this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    DecomposeResult withModel(Model owner) {
        return new DecomposeResult(block, owner, decomposed, skipped);
    }

    /**
     * Returns the new model holding the decomposed network, when a model was decomposed.
     *
     * @return the new model (the caller closes it), or null when a block was decomposed
     */
    public Model getModel() {
        return model;
    }

    /**
     * Returns the decomposed network, a copy: the input network is unchanged.
     *
     * @return the decomposed block, initialized
     */
    public Block getBlock() {
        return block;
    }

    /**
     * Returns the replaced layers, in tree order.
     *
     * @return one entry per replaced layer
     */
    public List<Decomposition> getDecomposed() {
        return decomposed;
    }

    /**
     * Returns the selected layers that were left as they were, each with the reason (for example:
     * the factorization would not reduce its parameters).
     *
     * @return layer path to reason
     */
    public Map<String, String> getSkipped() {
        return skipped;
    }

    @Override
    public String toString() {
        long before = 0;
        long after = 0;
        for (Decomposition d : decomposed) {
            before += d.parametersBefore();
            after += d.parametersAfter();
        }
        return "Decomposed "
                + decomposed.size()
                + " layers ("
                + before
                + " -> "
                + after
                + " parameters), skipped "
                + skipped.size()
                + skipped;
    }
}
