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
 * What {@link BNFolder} produced: the folded copy of the network, which BatchNorms went into which
 * layer (with the epsilon each was built with), and which stayed and why.
 */
public final class FoldResult {

    /**
     * One folded BatchNorm.
     *
     * @param batchNorm the BatchNorm's path in the original network
     * @param layer the path of the Conv2d or Linear it was folded into
     * @param epsilon the BatchNorm's own epsilon, used in the fold
     */
    public record Fold(String batchNorm, String layer, float epsilon) {}

    private final Block block;
    private final Model model;
    private final List<Fold> folded;
    private final Map<String, String> kept;

    FoldResult(Block block, Model model, List<Fold> folded, Map<String, String> kept) {
        this.block = block;
        this.model = model;
        this.folded = List.copyOf(folded);
        this.kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    }

    FoldResult withModel(Model owner) {
        return new FoldResult(block, owner, folded, kept);
    }

    /**
     * Returns the new model holding the folded network, when a model was folded.
     *
     * @return the new model (the caller closes it), or null when a block was folded
     */
    public Model getModel() {
        return model;
    }

    /**
     * Returns the folded network, a copy: the input network is unchanged.
     *
     * @return the folded block, initialized
     */
    public Block getBlock() {
        return block;
    }

    /**
     * Returns the folded BatchNorms, in tree order.
     *
     * @return the folds
     */
    public List<Fold> getFolded() {
        return folded;
    }

    /**
     * Returns the BatchNorms that stayed, each with the reason.
     *
     * @return BatchNorm path to reason
     */
    public Map<String, String> getKept() {
        return kept;
    }

    @Override
    public String toString() {
        return "Folded " + folded.size() + " BatchNorm layers, kept " + kept.size() + kept;
    }
}
