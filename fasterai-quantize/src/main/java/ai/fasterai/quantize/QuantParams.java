/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import java.util.Arrays;

/**
 * Scales and zero points (one per channel, or a single one per tensor) with the integer range they
 * were computed for. Immutable: the arrays are copied in and out. Made by {@link
 * QuantScheme#qparams(float[], float[])} or by an {@link Observer}.
 */
public final class QuantParams {

    private final float[] scale;
    private final int[] zeroPoint;
    private final int qmin;
    private final int qmax;
    private final int axis;

    /**
     * Creates parameters.
     *
     * @param scale the scales, all positive and finite
     * @param zeroPoint the zero points, as many as scales, each in {@code [qmin, qmax]}
     * @param qmin the smallest integer
     * @param qmax the largest integer, {@code > qmin}
     * @param axis the channel axis ({@code >= 0}), or -1 for per tensor (then exactly one scale)
     * @throws IllegalArgumentException if any of these conditions fails
     */
    public QuantParams(float[] scale, int[] zeroPoint, int qmin, int qmax, int axis) {
        if (scale == null || zeroPoint == null) {
            throw new IllegalArgumentException("scale and zeroPoint must not be null");
        }
        if (scale.length == 0 || scale.length != zeroPoint.length) {
            throw new IllegalArgumentException(
                    "scale and zeroPoint must have the same, non-zero length, got "
                            + scale.length
                            + " and "
                            + zeroPoint.length);
        }
        if (qmin >= qmax) {
            throw new IllegalArgumentException("qmin must be < qmax, got " + qmin + " and " + qmax);
        }
        if (axis < -1) {
            throw new IllegalArgumentException("axis must be >= -1, got " + axis);
        }
        if (axis == -1 && scale.length != 1) {
            throw new IllegalArgumentException(
                    "per-tensor parameters (axis -1) need exactly 1 scale, got " + scale.length);
        }
        for (int c = 0; c < scale.length; c++) {
            if (!(scale[c] > 0) || !Float.isFinite(scale[c])) {
                throw new IllegalArgumentException(
                        "scale[" + c + "] must be positive and finite, got " + scale[c]);
            }
            if (zeroPoint[c] < qmin || zeroPoint[c] > qmax) {
                throw new IllegalArgumentException(
                        "zeroPoint["
                                + c
                                + "] must be in ["
                                + qmin
                                + ", "
                                + qmax
                                + "], got "
                                + zeroPoint[c]);
            }
        }
        this.scale = scale.clone();
        this.zeroPoint = zeroPoint.clone();
        this.qmin = qmin;
        this.qmax = qmax;
        this.axis = axis;
    }

    /**
     * Returns the scales.
     *
     * @return a copy of the scales
     */
    public float[] scale() {
        return scale.clone();
    }

    /**
     * Returns the zero points.
     *
     * @return a copy of the zero points
     */
    public int[] zeroPoint() {
        return zeroPoint.clone();
    }

    /**
     * Returns the scale of one channel (0 for per tensor).
     *
     * @param channel the channel
     * @return its scale
     */
    public float scale(int channel) {
        return scale[channel];
    }

    /**
     * Returns the zero point of one channel (0 for per tensor).
     *
     * @param channel the channel
     * @return its zero point
     */
    public int zeroPoint(int channel) {
        return zeroPoint[channel];
    }

    /**
     * Returns the number of channels.
     *
     * @return the number of scales (1 for per tensor)
     */
    public int size() {
        return scale.length;
    }

    /**
     * Returns the smallest integer.
     *
     * @return qmin
     */
    public int qmin() {
        return qmin;
    }

    /**
     * Returns the largest integer.
     *
     * @return qmax
     */
    public int qmax() {
        return qmax;
    }

    /**
     * Returns the channel axis.
     *
     * @return the axis, or -1 for per tensor
     */
    public int axis() {
        return axis;
    }

    /**
     * Returns whether there is one scale per channel.
     *
     * @return true if per channel
     */
    public boolean isPerChannel() {
        return axis >= 0;
    }

    @Override
    public String toString() {
        return "QuantParams{scale="
                + Arrays.toString(scale)
                + ", zeroPoint="
                + Arrays.toString(zeroPoint)
                + ", q=["
                + qmin
                + ", "
                + qmax
                + "], axis="
                + axis
                + "}";
    }
}
