/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;

/** How a group's weight scores are reduced to one score, as fasterai's {@code Reducer}. */
public enum Reducer {
    /** The mean of the group's scores (fasterai's default). */
    MEAN,
    /** The sum of the group's scores. */
    SUM;

    /**
     * Reduces scores over axes, keeping them as size-1 dimensions.
     *
     * @param scores the per-weight scores
     * @param axes the axes to reduce; none returns {@code scores} itself
     * @return the reduced scores
     */
    NDArray reduce(NDArray scores, int[] axes) {
        if (axes.length == 0) {
            return scores;
        }
        NDArray sum = scores.sum(axes, true);
        if (this == SUM) {
            return sum;
        }
        long count = 1;
        for (int axis : axes) {
            count *= scores.getShape().get(axis);
        }
        return sum.divi(count);
    }
}
