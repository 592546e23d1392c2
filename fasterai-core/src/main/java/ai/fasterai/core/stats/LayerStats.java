/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;

/**
 * One row of {@link ModelStats#layers}: a leaf layer's figures for the walked input.
 *
 * @param path the layer's path (DJL child names joined by {@code "/"})
 * @param type the layer's class name, e.g. {@code Conv2d}
 * @param outputShape the shape of the layer's first output (layers have one), batch included
 * @param parameters its parameter values, BatchNorm's running statistics excluded
 * @param nonZero those values that are not zero
 * @param macs its multiply-accumulate operations for the walked input
 */
public record LayerStats(
        String path, String type, Shape outputShape, long parameters, long nonZero, long macs) {}
