/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.NDArray;

/**
 * Watches the values a tensor takes (weights once, activations batch after batch) and turns what it
 * saw into scales and zero points. Observers copy what they need into Java arrays: they hold no
 * {@link NDArray} between calls, so the arrays they observe can be closed right away.
 */
public interface Observer {

    /**
     * Records a batch. An empty array is ignored.
     *
     * @param x the values (any float type); per channel, the observer's axis must exist and keep
     *     the same size from batch to batch
     * @throws IllegalArgumentException if the array does not fit the observer
     */
    void observe(NDArray x);

    /**
     * Returns whether any values were observed.
     *
     * @return true once a non-empty array was observed
     */
    boolean hasData();

    /**
     * Computes scales and zero points from what was observed.
     *
     * @param scheme the scheme; its granularity (per tensor, or per channel and its axis) must be
     *     the observer's
     * @return the parameters
     * @throws IllegalStateException if the observer saw no data
     * @throws IllegalArgumentException if the scheme's granularity is not the observer's
     */
    QuantParams qparams(QuantScheme scheme);
}
