/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import ai.djl.ndarray.NDArray;

/**
 * A change applied to every batch of images before the model sees it, fastai's batch transform: see
 * {@link ImageTransforms} for normalization, padding and resizing. The learner applies the
 * transforms of its {@link DataLoaders} to the first input of each batch, for training, validation
 * and prediction alike.
 */
@FunctionalInterface
public interface ImageTransform {

    /**
     * Transforms a batch of images.
     *
     * @param images a batch in (N, C, H, W) layout
     * @return the transformed batch, owned by the same manager
     */
    NDArray apply(NDArray images);
}
