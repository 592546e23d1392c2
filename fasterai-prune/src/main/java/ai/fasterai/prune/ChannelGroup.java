/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import java.util.Collections;
import java.util.List;

/**
 * Channels that are pruned together, as Torch-Pruning's dependency groups: the output channels of
 * one or more layers that a residual add (or a depthwise conv) couples, with everything that reads
 * them. Channel i of the group is one coupled set: the matching filter of every producing layer,
 * the BatchNorm entries, the depthwise filters and the input columns of every consumer.
 */
public final class ChannelGroup {

    private final List<String> layers;
    final int[] roots;

    ChannelGroup(List<String> layers, int[] roots) {
        this.layers = Collections.unmodifiableList(layers);
        this.roots = roots;
    }

    /**
     * Returns the paths of the layers whose output channels make this group (several when a
     * residual add couples them), in network order.
     *
     * @return the producing layers' paths
     */
    public List<String> getLayers() {
        return layers;
    }

    /**
     * Returns the number of channels that can be removed one by one (the channel count of each
     * producing layer, less any channel a block pins).
     *
     * @return the group's size
     */
    public int size() {
        return roots.length;
    }

    /** The key that finds this group again after the model was pruned: its layers. */
    String key() {
        return String.join(",", layers);
    }

    /**
     * Describes the group.
     *
     * @return e.g. {@code 16 channels of [01Conv2d, 02Residual/01SequentialBlock/04Conv2d]}
     */
    @Override
    public String toString() {
        return size() + " channels of " + layers;
    }
}
