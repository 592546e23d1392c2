/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import java.util.List;

/**
 * One layer replaced by its low-rank factorization.
 *
 * @param path the layer's path in the original network
 * @param ranks the ranks kept: one for an SVD, (output, input) for a Tucker-2 decomposition
 * @param parametersBefore the layer's parameter count
 * @param parametersAfter the parameter count of the layers replacing it
 */
public record Decomposition(
        String path, List<Integer> ranks, long parametersBefore, long parametersAfter) {

    /**
     * Checks and copies the ranks.
     *
     * @param path the layer's path in the original network
     * @param ranks the ranks kept
     * @param parametersBefore the layer's parameter count
     * @param parametersAfter the parameter count of the layers replacing it
     */
    public Decomposition {
        ranks = List.copyOf(ranks);
    }
}
