/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fasterai.core.io.ParameterLoading;
import ai.fasterai.core.stats.FanOut;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A {@link Conv2d} or {@link Linear} whose weights are quantized to integers (int8 by default, per
 * output channel, symmetric) and, in a statically quantized or QAT model, whose bias is an int32
 * with scale {@code inputScale * weightScale} as ONNX Runtime's int8 kernels expect.
 *
 * <p>The layer stays the child ({@link #getLayer()}), so paths and training work as before. In mode
 * {@code OBSERVE} the layer runs in float (static calibration); in {@code QAT} the weights are
 * fake-quantized at every forward with their current per-channel range and a straight-through
 * estimator; once {@code CONVERTED}, the layer's parameters hold exactly the dequantized integer
 * values (simulated int8 in DJL) and {@link #saveParameters} writes the integers with their scales:
 * about a quarter of the float size. fasterai-quantize registers an ONNX writer that emits {@code
 * DequantizeLinear} weights for it.
 */
@FanOut
public final class QuantizedLayer extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final byte NO_BIAS = 0;
    private static final byte FLOAT_BIAS = 1;
    private static final byte INT32_BIAS = 2;

    /** The layer's state. */
    public enum Mode {
        /** Float forward; the weights are quantized at conversion. */
        OBSERVE,
        /** Fake-quantized weights at every forward (quantization-aware training). */
        QAT,
        /** Integer weights (and bias) in place; saved as integers. */
        CONVERTED
    }

    private final Block layer;
    private final QuantScheme weightScheme;
    private final boolean int32Bias;
    private Mode mode;
    private ActivationQuantizer input;
    private QuantParams weightParams;
    private QuantParams inputParams;
    private float[] biasScale;

    /**
     * Wraps a layer.
     *
     * @param layer a {@link Conv2d} or {@link Linear}
     * @param weightScheme the weights' scheme (per channel along axis 0, or per tensor)
     * @param int32Bias whether the bias becomes an int32 with scale {@code inputScale *
     *     weightScale} (needs an input quantizer at conversion), rather than staying float
     * @param mode the starting mode, {@code OBSERVE} or {@code QAT}
     * @param childName the child's name
     */
    QuantizedLayer(
            Block layer, QuantScheme weightScheme, boolean int32Bias, Mode mode, String childName) {
        super(VERSION);
        if (layer == null
                || (layer.getClass() != Linear.class && layer.getClass() != Conv2d.class)) {
            throw new IllegalArgumentException(
                    "a QuantizedLayer wraps a Linear or a Conv2d, got "
                            + (layer == null ? "null" : layer.getClass().getName()));
        }
        if (weightScheme.isPerChannel() && weightScheme.axis() != 0) {
            throw new IllegalArgumentException(
                    "weights are quantized per output channel (axis 0) or per tensor, got "
                            + weightScheme);
        }
        this.layer = layer;
        this.weightScheme = weightScheme;
        this.int32Bias = int32Bias;
        this.mode = mode;
        // Added directly rather than with addChildBlock, which would prefix another number.
        children.add(childName, layer);
    }

    /**
     * Returns the wrapped layer.
     *
     * @return the {@link Conv2d} or {@link Linear}
     */
    public Block getLayer() {
        return layer;
    }

    /**
     * Returns the weights' scheme.
     *
     * @return the scheme
     */
    public QuantScheme getWeightScheme() {
        return weightScheme;
    }

    /**
     * Returns the mode.
     *
     * @return the mode
     */
    public Mode getMode() {
        return mode;
    }

    /**
     * Returns whether the bias is stored as int32 (static and QAT) rather than float.
     *
     * @return true for an int32 bias
     */
    public boolean isInt32Bias() {
        return int32Bias;
    }

    /**
     * Returns the weights' scales and zero points.
     *
     * @return the parameters, or null before conversion
     */
    public QuantParams getWeightParams() {
        return weightParams;
    }

    /**
     * Returns the input's quantization (an int32 bias is relative to its scale).
     *
     * @return the parameters, or null if the input is not statically quantized or before conversion
     */
    public QuantParams getInputParams() {
        return inputParams;
    }

    /**
     * Returns the integer weights, row-major in the layer's weight shape.
     *
     * @return the integers (in {@code [qmin, qmax]} of the scheme)
     * @throws IllegalStateException before conversion
     */
    public int[] getWeightIntegers() {
        requireConverted();
        float[] values = weight().getArray().toFloatArray();
        Shape shape = weight().getArray().getShape();
        long inner = weightParams.isPerChannel() ? shape.size() / shape.get(0) : values.length;
        int[] q = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int c = weightParams.isPerChannel() ? (int) (i / inner) : 0;
            q[i] =
                    FakeQuantize.quantize(
                            values[i],
                            weightParams.scale(c),
                            weightParams.zeroPoint(c),
                            weightParams.qmin(),
                            weightParams.qmax());
        }
        return q;
    }

    /**
     * Returns the int32 bias.
     *
     * @return one integer per output channel, or null if there is no bias or it is float
     * @throws IllegalStateException before conversion
     */
    public int[] getBiasIntegers() {
        requireConverted();
        if (biasScale == null) {
            return null;
        }
        float[] b = bias().getArray().toFloatArray();
        int[] q = new int[b.length];
        for (int c = 0; c < b.length; c++) {
            q[c] = (int) Math.rint(b[c] / biasScale[c]);
        }
        return q;
    }

    /**
     * Returns the int32 bias's scales ({@code inputScale * weightScale[c]}).
     *
     * @return one scale per output channel, or null if there is no int32 bias
     */
    public float[] getBiasScale() {
        return biasScale == null ? null : biasScale.clone();
    }

    /** Links the quantizer of this layer's input, whose scale an int32 bias needs. */
    void setInput(ActivationQuantizer input) {
        this.input = input;
    }

    /** The input quantizer linked while preparing, or null. */
    ActivationQuantizer getInput() {
        return input;
    }

    void setMode(Mode mode) {
        if (this.mode == Mode.CONVERTED) {
            throw new IllegalStateException("a converted layer cannot change mode");
        }
        this.mode = mode;
    }

    /**
     * Quantizes the weights (and the bias) in place. The input quantizer, if linked, must be frozen
     * already.
     */
    void convert() {
        if (mode == Mode.CONVERTED) {
            return;
        }
        NDArray w = weight().getArray();
        Shape shape = w.getShape();
        float[] values = w.toFloatArray();
        int axis = weightScheme.isPerChannel() ? 0 : -1;
        float[][] range = Channels.minMax(values, shape, axis);
        QuantParams wp = weightScheme.qparams(range[0], range[1]);
        float[] dequantized = FakeQuantize.fakeQuantize(values, shape, wp);
        QuantParams in = null;
        float[] bScale = null;
        float[] newBias = null;
        Parameter bias = bias();
        if (int32Bias) {
            if (input == null || input.getParams() == null) {
                throw new IllegalStateException(
                        "an int32 bias needs the input quantizer frozen before conversion");
            }
            in = input.getParams();
            if (bias != null) {
                long channels = shape.get(0);
                bScale = new float[(int) channels];
                float[] b = bias.getArray().toFloatArray();
                newBias = new float[b.length];
                for (int c = 0; c < b.length; c++) {
                    bScale[c] = in.scale(0) * wp.scale(wp.isPerChannel() ? c : 0);
                    double q = Math.rint(b[c] / (double) bScale[c]);
                    q = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q));
                    newBias[c] = (float) (q * bScale[c]);
                }
            }
        }
        w.set(dequantized);
        if (newBias != null) {
            bias.getArray().set(newBias);
        }
        weightParams = wp;
        inputParams = in;
        biasScale = bScale;
        mode = Mode.CONVERTED;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        if (mode != Mode.QAT) {
            return layer.forward(parameterStore, inputs, training, params);
        }
        NDArray x = inputs.head();
        NDArray w = parameterStore.getValue(weight(), x.getDevice(), training);
        MinMaxObserver observer =
                weightScheme.isPerChannel()
                        ? MinMaxObserver.perChannel(0)
                        : MinMaxObserver.perTensor();
        observer.observe(w);
        NDArray wq = FakeQuantize.apply(w, observer.qparams(weightScheme));
        // Owned by the batch, not by the parameter's (model) manager, so it is freed every step.
        wq.attach(x.getManager());
        Parameter bias = bias();
        NDArray b = bias == null ? null : parameterStore.getValue(bias, x.getDevice(), training);
        if (layer instanceof Conv2d) {
            Conv2d conv = (Conv2d) layer;
            return Conv2d.conv2d(
                    x,
                    wq,
                    b,
                    conv.getStride(),
                    conv.getPadding(),
                    conv.getDilation(),
                    conv.getGroups());
        }
        return Linear.linear(x, wq, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return layer.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        layer.initialize(manager, dataType, inputShapes);
    }

    /**
     * Writes the layer: before conversion its float parameters; once converted the integer weights
     * (one byte each), their scales and zero points, the bias (int32 with its scales, or float) and
     * the input's scale and zero point.
     */
    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        os.writeByte(VERSION);
        os.writeByte(mode.ordinal());
        if (mode != Mode.CONVERTED) {
            layer.saveParameters(os);
            return;
        }
        QuantFormat.writeParams(os, weightParams);
        QuantFormat.writeShape(os, weight().getArray().getShape());
        int[] q = getWeightIntegers();
        byte[] bytes = new byte[q.length];
        for (int i = 0; i < q.length; i++) {
            bytes[i] = (byte) q[i];
        }
        os.write(bytes);
        Parameter bias = bias();
        if (bias == null) {
            os.writeByte(NO_BIAS);
        } else if (biasScale == null) {
            os.writeByte(FLOAT_BIAS);
            QuantFormat.writeFloats(os, bias.getArray().toFloatArray());
        } else {
            os.writeByte(INT32_BIAS);
            QuantFormat.writeInts(os, getBiasIntegers());
            QuantFormat.writeFloats(os, biasScale);
        }
        os.writeBoolean(inputParams != null);
        if (inputParams != null) {
            QuantFormat.writeParams(os, inputParams);
        }
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        Mode stored = QuantFormat.readHeader(is, "QuantizedLayer", VERSION, Mode.values());
        if (stored != Mode.CONVERTED) {
            layer.loadParameters(manager, is);
            mode = stored;
            return;
        }
        QuantParams wp = QuantFormat.readParams(is);
        Shape shape = QuantFormat.readShape(is);
        byte[] bytes = new byte[Math.toIntExact(shape.size())];
        is.readFully(bytes);
        long inner = wp.isPerChannel() ? shape.size() / shape.get(0) : bytes.length;
        boolean unsigned = wp.qmin() >= 0;
        float[] w = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int c = wp.isPerChannel() ? (int) (i / inner) : 0;
            int q = unsigned ? bytes[i] & 0xFF : bytes[i];
            w[i] = FakeQuantize.dequantize(q, wp.scale(c), wp.zeroPoint(c));
        }
        byte biasKind = is.readByte();
        float[] b = null;
        float[] bScale = null;
        if (biasKind == FLOAT_BIAS) {
            b = QuantFormat.readFloats(is);
        } else if (biasKind == INT32_BIAS) {
            int[] qb = QuantFormat.readInts(is);
            bScale = QuantFormat.readFloats(is);
            if (bScale.length != qb.length) {
                throw new MalformedModelException("stored bias and its scales differ in length");
            }
            b = new float[qb.length];
            for (int c = 0; c < qb.length; c++) {
                b[c] = (float) ((double) qb[c] * bScale[c]);
            }
        } else if (biasKind != NO_BIAS) {
            throw new MalformedModelException("unknown bias kind " + biasKind);
        }
        QuantParams in = is.readBoolean() ? QuantFormat.readParams(is) : null;
        Parameter bias = bias();
        if ((bias == null) != (b == null)) {
            throw new MalformedModelException(
                    "the stored quantized layer "
                            + (b == null ? "has no" : "has a")
                            + " bias, the "
                            + layer.getClass().getSimpleName()
                            + (bias == null ? " has none" : " has one"));
        }
        ParameterLoading.setValues(weight(), manager, w, shape);
        if (bias != null) {
            ParameterLoading.setValues(bias, manager, b, new Shape(b.length));
        }
        weightParams = wp;
        biasScale = bScale;
        inputParams = in;
        mode = Mode.CONVERTED;
    }

    @Override
    public String toString() {
        return "QuantizedLayer{" + layer.getClass().getSimpleName() + ", " + mode + "}";
    }

    private void requireConverted() {
        if (mode != Mode.CONVERTED) {
            throw new IllegalStateException("the layer is not converted yet (mode " + mode + ")");
        }
    }

    private Parameter weight() {
        return layer.getDirectParameters().get("weight");
    }

    /** The layer's bias, or null if it has none (a Conv2d built without one keeps a stub). */
    Parameter bias() {
        if (layer instanceof Conv2d && !((Conv2d) layer).isIncludeBias()) {
            return null;
        }
        return layer.getDirectParameters().contains("bias")
                ? layer.getDirectParameters().get("bias")
                : null;
    }
}
