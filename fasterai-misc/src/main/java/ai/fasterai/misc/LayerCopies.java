/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * New, uninitialized layers with the settings of existing ones: DJL refuses new arrays in an
 * initialized layer, so a transform that changes a layer's weights builds its twin, sets the
 * arrays, then initializes it.
 */
final class LayerCopies {

    private LayerCopies() {}

    /**
     * Builds a Conv2d or Linear like the given one (same kernel, filters or units, stride, padding,
     * dilation and groups), with or without a bias.
     *
     * @param layer an initialized Conv2d or Linear
     * @param bias whether the twin has a bias
     * @return the twin, not initialized
     */
    static Block twin(Block layer, boolean bias) {
        if (layer instanceof Conv2d) {
            Conv2d conv = (Conv2d) layer;
            return Conv2d.builder()
                    .setKernelShape(conv.getKernelShape())
                    .setFilters(conv.getFilters())
                    .optStride(conv.getStride())
                    .optPadding(conv.getPadding())
                    .optDilation(conv.getDilation())
                    .optGroups(conv.getGroups())
                    .optBias(bias)
                    .build();
        }
        if (layer instanceof Linear) {
            // Linear has no units getter: its weight is (units, in).
            long units = layer.getParameters().get("weight").getArray().getShape().get(0);
            return Linear.builder().setUnits(units).optBias(bias).build();
        }
        throw new IllegalArgumentException(
                "layer must be a Conv2d or a Linear, got " + layer.getClass().getName());
    }
}
