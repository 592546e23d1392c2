/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;

/**
 * What a {@link Criteria} score function may read about one layer. Arrays belong to the sparsifier:
 * a score function must not close or modify them.
 */
public interface LayerWeights {

    /**
     * Returns the layer's current weight.
     *
     * @return the weight array
     */
    NDArray getWeight();

    /**
     * Returns the reference weight the criteria compares with: the weights saved when the
     * sparsifier was made (or last {@link Sparsifier#saveWeights()}), or for an updating criteria
     * the weights at the previous mask computation.
     *
     * @return the reference weight, same shape as {@link #getWeight()}
     * @throws IllegalStateException if the criteria did not ask for a reference
     */
    NDArray getReference();

    /**
     * Returns the weight's gradient captured between backward and step ({@link
     * Sparsifier#captureGradients()}).
     *
     * @return the gradient, same shape as {@link #getWeight()}
     * @throws IllegalStateException if no gradient was captured
     */
    NDArray getGradient();

    /**
     * Returns the layer's path in the model, for messages.
     *
     * @return the path, e.g. {@code 01SequentialBlock/03Conv2d}
     */
    String getPath();
}
