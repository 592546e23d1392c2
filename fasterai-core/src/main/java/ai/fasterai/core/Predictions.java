/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import ai.djl.ndarray.NDArray;

/**
 * What {@link Learner#getPreds} returns: the model's predictions for a whole dataset and the
 * matching targets, both owned by the manager the caller passed.
 *
 * @param preds the predictions, one row per sample
 * @param targets the labels, one per sample
 */
public record Predictions(NDArray preds, NDArray targets) {}
