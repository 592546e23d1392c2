/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A layer with channel-indexed parameters, as the tracer met it: where it sits, the atom of each of
 * its output rows (axis 0 of its parameters) and of each of its input columns (axis 1 of its
 * weight).
 */
final class LayerUse {

    /** How a layer's parameters are sliced. */
    enum Kind {
        /** A dense Conv2d: rows are filters, columns input channels. */
        CONV,
        /** A depthwise Conv2d (groups = input channels): rows follow the input channels. */
        DEPTHWISE,
        /** A Linear on (N, features): rows are units, columns features. */
        LINEAR,
        /** A BatchNorm over axis 1: every parameter is one value per channel. */
        BATCH_NORM
    }

    final String path;
    final Block block;
    final Block parent;
    final int index;
    final Kind kind;
    final Shape inputShape;
    final int[] outAtoms;
    final int[] inAtoms;

    LayerUse(
            String path,
            Block block,
            Block parent,
            int index,
            Kind kind,
            Shape inputShape,
            int[] outAtoms,
            int[] inAtoms) {
        this.path = path;
        this.block = block;
        this.parent = parent;
        this.index = index;
        this.kind = kind;
        this.inputShape = inputShape;
        this.outAtoms = outAtoms;
        this.inAtoms = inAtoms;
    }

    /** Whether its rows are channels it creates (a conv or linear), not channels it carries. */
    boolean produces() {
        return kind == Kind.CONV || kind == Kind.LINEAR;
    }
}
