/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.types.Shape;

/** Maps flat (row-major) element indices to channels along an axis; shared by the observers. */
final class Channels {

    private Channels() {}

    /**
     * Returns the number of channels along an axis, checking the axis.
     *
     * @param shape the array's shape
     * @param axis the axis, or -1 for per tensor (1 channel)
     * @return the number of channels
     * @throws IllegalArgumentException if the axis is outside the shape
     */
    static int count(Shape shape, int axis) {
        if (axis < 0) {
            return 1;
        }
        if (axis >= shape.dimension()) {
            throw new IllegalArgumentException(
                    "axis " + axis + " is outside an array of shape " + shape);
        }
        long c = shape.get(axis);
        if (c <= 0) {
            throw new IllegalArgumentException("axis " + axis + " of shape " + shape + " is empty");
        }
        return (int) c;
    }

    /**
     * Returns the number of elements after the axis (the stride of the channel index).
     *
     * @param shape the array's shape
     * @param axis the axis ({@code >= 0})
     * @return the product of the dimensions after the axis
     */
    static long inner(Shape shape, int axis) {
        long inner = 1;
        for (int d = axis + 1; d < shape.dimension(); d++) {
            inner *= shape.get(d);
        }
        return inner;
    }

    /**
     * Computes per-channel minima and maxima.
     *
     * @param values the values, row-major
     * @param shape their shape
     * @param axis the channel axis, or -1 for a single channel
     * @return {@code {min, max}}, each with one entry per channel
     */
    static float[][] minMax(float[] values, Shape shape, int axis) {
        int channels = count(shape, axis);
        long inner = axis < 0 ? 1 : inner(shape, axis);
        float[] min = new float[channels];
        float[] max = new float[channels];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < values.length; i++) {
            int c = axis < 0 ? 0 : (int) ((i / inner) % channels);
            float v = values[i];
            if (v < min[c]) {
                min[c] = v;
            }
            if (v > max[c]) {
                max[c] = v;
            }
        }
        return new float[][] {min, max};
    }

    /**
     * Checks that an observer keeps seeing the same number of channels.
     *
     * @param owner the observer's name, for the message
     * @param expected the number seen before
     * @param actual the number in this batch
     */
    static void requireSame(String owner, int expected, int actual) {
        if (expected != actual) {
            throw new IllegalArgumentException(
                    owner + " saw " + expected + " channels before, got " + actual);
        }
    }
}
