/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fasterai.core.util.Checks;

/**
 * An observer that reduces what it saw to a range {@code [min, max]} per tensor or per channel,
 * which {@link QuantScheme#qparams(float[], float[])} turns into parameters. Subclasses decide how
 * batches combine into the range.
 */
public abstract class RangeObserver implements Observer {

    private final int axis;
    private int channels = -1;

    /**
     * Creates an observer.
     *
     * @param axis the channel axis ({@code >= 0}), or -1 for per tensor
     * @throws IllegalArgumentException if {@code axis < -1}
     */
    protected RangeObserver(int axis) {
        if (axis < -1) {
            throw new IllegalArgumentException("axis must be >= -1, got " + axis);
        }
        this.axis = axis;
    }

    /**
     * Returns the channel axis.
     *
     * @return the axis, or -1 for per tensor
     */
    public int axis() {
        return axis;
    }

    @Override
    public final void observe(NDArray x) {
        Checks.notNull("x", x);
        Shape shape = x.getShape();
        int n = Channels.count(shape, axis);
        if (shape.size() == 0) {
            return;
        }
        if (channels >= 0) {
            Channels.requireSame(name(), channels, n);
        }
        if (rangeOnly()) {
            // Reduce on the engine and copy 2 x n floats, not the whole activation, to Java.
            float[][] r = engineMinMax(x, n);
            recordRange(r[0], r[1]);
            channels = n;
            return;
        }
        // Read into Java (float32) so that no NDArray is kept.
        NDArray f = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        float[] values = f.toFloatArray();
        if (f != x) {
            f.close();
        }
        record(values, shape, n);
        channels = n;
    }

    @Override
    public final boolean hasData() {
        return channels >= 0;
    }

    @Override
    public final QuantParams qparams(QuantScheme scheme) {
        Checks.notNull("scheme", scheme);
        if (!hasData()) {
            throw new IllegalStateException(
                    name() + " saw no data: call observe(...) before qparams(...)");
        }
        if (scheme.axis() != axis) {
            throw new IllegalArgumentException(
                    name()
                            + " observes "
                            + (axis < 0 ? "per tensor" : "per channel along axis " + axis)
                            + ", but the scheme is "
                            + scheme);
        }
        float[][] r = range();
        return scheme.qparams(r[0], r[1]);
    }

    /**
     * Returns the current range.
     *
     * @return {@code {min, max}}, one entry per channel (one per tensor)
     * @throws IllegalStateException if nothing was observed
     */
    public final float[][] currentRange() {
        if (!hasData()) {
            throw new IllegalStateException(name() + " saw no data");
        }
        float[][] r = range();
        return new float[][] {r[0].clone(), r[1].clone()};
    }

    private float[][] engineMinMax(NDArray x, int n) {
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray f = x.stopGradient();
            f.attach(sub);
            if (f.getDataType() != DataType.FLOAT32) {
                f = f.toType(DataType.FLOAT32, false);
            }
            NDArray rows = axis < 0 ? f.reshape(1, -1) : f.swapAxes(0, axis).reshape(n, -1);
            return new float[][] {
                rows.min(new int[] {1}).toFloatArray(), rows.max(new int[] {1}).toFloatArray()
            };
        }
    }

    /**
     * Returns whether this observer needs only each batch's per-channel minimum and maximum; then
     * {@link #recordRange} receives them (reduced on the engine) instead of {@link #record}.
     *
     * @return false by default
     */
    protected boolean rangeOnly() {
        return false;
    }

    /**
     * Records one non-empty batch by its range; called instead of {@link #record} when {@link
     * #rangeOnly()} is true.
     *
     * @param min the batch's minimum per channel
     * @param max the batch's maximum per channel
     */
    protected void recordRange(float[] min, float[] max) {
        throw new UnsupportedOperationException(name() + " records values, not ranges");
    }

    /**
     * Records one non-empty batch.
     *
     * @param values its values, row-major
     * @param shape its shape
     * @param channels the number of channels (1 per tensor), the same as in earlier batches
     */
    protected abstract void record(float[] values, Shape shape, int channels);

    /**
     * Returns the range so far; called only after at least one {@link #record}.
     *
     * @return {@code {min, max}}, one entry per channel
     */
    protected abstract float[][] range();

    /**
     * Names this observer in messages.
     *
     * @return the class's simple name and granularity
     */
    protected String name() {
        return getClass().getSimpleName() + (axis < 0 ? "(per tensor)" : "(axis " + axis + ")");
    }
}
