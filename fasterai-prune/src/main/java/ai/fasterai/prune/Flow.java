/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.ndarray.types.Shape;

/** What flows along an edge of the network: a tensor's shape and the atom of each channel. */
final class Flow {

    final Shape shape;

    /** One atom per position of axis 1; empty for tensors of rank below 2. */
    final int[] atoms;

    Flow(Shape shape, int[] atoms) {
        this.shape = shape;
        this.atoms = atoms;
    }

    int channels() {
        return atoms.length;
    }
}
