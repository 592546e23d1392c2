/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fasterai.core.util.Checks;

/**
 * Fake quantization: quantize then dequantize in float, so that training and evaluation see the
 * rounding and clamping error of the integer model.
 *
 * <pre>
 *   q  = clamp(round(x / s) + z, qmin, qmax)
 *   x' = (q - z) * s
 * </pre>
 *
 * <p>Rounding is half to even ({@link Math#rint}; {@code NDArray.round()} on PyTorch is {@code
 * torch.round}, also half to even), as PyTorch's fake quantization and ONNX {@code QuantizeLinear}.
 * {@code x / s} is a float32 division (PyTorch multiplies by {@code 1/s}, which can differ by one
 * ulp on exact ties; division keeps ties such as {@code 2.5 * s} exact).
 *
 * <p>The scalar and array methods are the reference; {@link #apply(NDArray, QuantParams)} gives the
 * same values bit for bit and adds a straight-through estimator for training.
 */
public final class FakeQuantize {

    private FakeQuantize() {}

    /**
     * Quantizes one value.
     *
     * @param x the value
     * @param scale the scale, positive
     * @param zeroPoint the zero point
     * @param qmin the smallest integer
     * @param qmax the largest integer
     * @return {@code clamp(round(x / scale) + zeroPoint, qmin, qmax)}
     */
    public static int quantize(float x, float scale, int zeroPoint, int qmin, int qmax) {
        // Clamp in double before the int cast: x / scale can exceed the int range.
        double q = Math.rint(x / scale) + zeroPoint;
        return (int) Math.max(qmin, Math.min(qmax, q));
    }

    /**
     * Maps an integer back to a real value.
     *
     * @param q the integer
     * @param scale the scale
     * @param zeroPoint the zero point
     * @return {@code (q - zeroPoint) * scale}, in float32
     */
    public static float dequantize(int q, float scale, int zeroPoint) {
        return (q - zeroPoint) * scale;
    }

    /**
     * Fake-quantizes one value.
     *
     * @param x the value
     * @param scale the scale, positive
     * @param zeroPoint the zero point
     * @param qmin the smallest integer
     * @param qmax the largest integer
     * @return {@code (clamp(round(x / s) + z, qmin, qmax) - z) * s}
     */
    public static float fakeQuantize(float x, float scale, int zeroPoint, int qmin, int qmax) {
        return dequantize(quantize(x, scale, zeroPoint, qmin, qmax), scale, zeroPoint);
    }

    /**
     * Fake-quantizes a row-major array, per tensor or per channel.
     *
     * @param values the values, row-major
     * @param shape their shape
     * @param params the parameters; per channel, the shape's size along their axis must equal their
     *     number of channels
     * @return a new array of fake-quantized values
     * @throws IllegalArgumentException if the arguments do not fit together
     */
    public static float[] fakeQuantize(float[] values, Shape shape, QuantParams params) {
        Checks.notNull("values", values);
        Checks.notNull("shape", shape);
        Checks.notNull("params", params);
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(
                    "shape " + shape + " does not hold " + values.length + " values");
        }
        int axis = params.axis();
        int channels = checkChannels(shape, params);
        long inner = axis < 0 ? 1 : Channels.inner(shape, axis);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int c = axis < 0 ? 0 : (int) ((i / inner) % channels);
            out[i] =
                    fakeQuantize(
                            values[i],
                            params.scale(c),
                            params.zeroPoint(c),
                            params.qmin(),
                            params.qmax());
        }
        return out;
    }

    /**
     * Fake-quantizes an NDArray with a straight-through estimator. The forward value equals {@link
     * #fakeQuantize(float[], Shape, QuantParams)}; the gradient with respect to {@code x} is 1
     * where {@code (qmin - z) * s <= x <= (qmax - z) * s} (boundaries included: a value exactly at
     * a clamp bound is represented exactly, so it is not clamped) and 0 elsewhere, where clamping
     * cut the value off. Implemented as {@code where(inside, x + stopGradient(x' - x),
     * stopGradient(x'))}; the forward value stays exact because inside the range {@code x} and
     * {@code x'} are within half a step of each other, so {@code x' - x} and {@code x + (x' - x)}
     * are exact in float32.
     *
     * <p>Note: PyTorch's fake quantization decides the mask on {@code round(x / s) + z} instead,
     * which passes gradient for up to half a step beyond each bound; this class uses the real
     * interval.
     *
     * @param x a float32 array; per channel it needs the parameters' number of channels along their
     *     axis
     * @param params the parameters
     * @return the fake-quantized array, attached to {@code x}'s manager
     * @throws IllegalArgumentException if the arguments do not fit together
     */
    public static NDArray apply(NDArray x, QuantParams params) {
        Checks.notNull("x", x);
        Checks.notNull("params", params);
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("x must be float32, got " + x.getDataType());
        }
        Shape shape = x.getShape();
        checkChannels(shape, params);
        NDManager manager = x.getManager();
        int n = params.size();
        float[] s = params.scale();
        float[] z = new float[n];
        float[] lo = new float[n];
        float[] hi = new float[n];
        for (int c = 0; c < n; c++) {
            z[c] = params.zeroPoint(c);
            lo[c] = dequantize(params.qmin(), s[c], params.zeroPoint(c));
            hi[c] = dequantize(params.qmax(), s[c], params.zeroPoint(c));
        }
        // Per channel, parameters get shape (1, .., C, .., 1) so they broadcast along the axis.
        Shape paramShape = broadcastShape(shape, params.axis(), n);
        try (NDManager sub = manager.newSubManager()) {
            NDArray sa = sub.create(s, paramShape);
            NDArray za = sub.create(z, paramShape);
            NDArray loa = sub.create(lo, paramShape);
            NDArray hia = sub.create(hi, paramShape);
            // Results go to their first operand's manager: a sub-owned alias of x (0 + x, which
            // passes gradients) keeps every intermediate in the sub-manager, not x's (for a weight,
            // the model's manager, where they would pile up step after step).
            NDArray xs = sub.zeros(new Shape()).add(x);
            NDArray q = xs.div(sa).round().add(za).clip(params.qmin(), params.qmax());
            NDArray fq = q.sub(za).mul(sa).stopGradient();
            NDArray inside = xs.gte(loa).logicalAnd(xs.lte(hia));
            NDArray ste = xs.add(fq.sub(xs).stopGradient());
            NDArray out = NDArrays.where(inside, ste, fq);
            // Keep only the result; the intermediates close with the sub-manager.
            out.attach(manager);
            return out;
        }
    }

    private static int checkChannels(Shape shape, QuantParams params) {
        if (!params.isPerChannel()) {
            return 1;
        }
        int channels = Channels.count(shape, params.axis());
        if (channels != params.size()) {
            throw new IllegalArgumentException(
                    "shape "
                            + shape
                            + " has "
                            + channels
                            + " channels along axis "
                            + params.axis()
                            + ", but the parameters have "
                            + params.size());
        }
        return channels;
    }

    private static Shape broadcastShape(Shape shape, int axis, int channels) {
        if (axis < 0) {
            return new Shape();
        }
        long[] dims = new long[shape.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[axis] = channels;
        return new Shape(dims);
    }
}
