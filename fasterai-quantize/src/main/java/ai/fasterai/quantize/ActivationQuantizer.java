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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A quantization point on an activation: the tensor that flows through it is (fake-)quantized per
 * tensor with one scale and zero point, as ONNX Runtime's {@code QuantizeLinear} / {@code
 * DequantizeLinear} pair does. {@link Quantizer} and {@link QuantizeCallback} place one in front of
 * each quantized layer whose input is not already on an integer grid, and one after each quantized
 * layer (after its ReLU, so the range starts at 0).
 *
 * <p>Its {@link Mode} says what it does: {@code OBSERVE} records the range and passes values
 * through (static calibration); {@code FAKE_QUANT} records while training and fake-quantizes with
 * the current range and a straight-through estimator (QAT); {@code FROZEN} fake-quantizes with
 * fixed parameters (the converted model); {@code DYNAMIC} takes each input's own min-max range
 * (dynamic quantization, ONNX {@code DynamicQuantizeLinear}).
 */
public final class ActivationQuantizer extends AbstractBlock {

    private static final byte VERSION = 1;

    /** What the quantizer does with the tensors that flow through it. */
    public enum Mode {
        /** Records the range, passes values unchanged. */
        OBSERVE,
        /** Records the range while training; fake-quantizes with the current range. */
        FAKE_QUANT,
        /** Fake-quantizes with fixed parameters. */
        FROZEN,
        /** Fake-quantizes each input with its own min-max range. */
        DYNAMIC
    }

    private final QuantScheme scheme;
    private final ObserverType observerType;
    private final Observer observer;
    private Mode mode;
    private QuantParams params;
    private boolean observeInInference;

    /**
     * Creates a quantizer.
     *
     * @param scheme a per-tensor scheme
     * @param observerType the observer for {@code OBSERVE} and {@code FAKE_QUANT}
     * @param mode the starting mode
     * @throws IllegalArgumentException if an argument is null or the scheme is per channel
     */
    public ActivationQuantizer(QuantScheme scheme, ObserverType observerType, Mode mode) {
        super(VERSION);
        if (scheme == null || observerType == null || mode == null) {
            throw new IllegalArgumentException("scheme, observerType and mode must not be null");
        }
        if (scheme.isPerChannel()) {
            throw new IllegalArgumentException(
                    "activations are quantized per tensor, got the scheme " + scheme);
        }
        if (mode == Mode.FROZEN) {
            throw new IllegalArgumentException(
                    "a FROZEN quantizer needs parameters: use frozen(scheme, params)");
        }
        this.scheme = scheme;
        this.observerType = observerType;
        this.observer = observerType.perTensor();
        this.mode = mode;
    }

    /**
     * Creates a quantizer with fixed parameters.
     *
     * @param scheme a per-tensor scheme
     * @param observerType the observer the parameters came from (for the report)
     * @param params per-tensor parameters within the scheme's integer range
     * @return the quantizer, in mode {@code FROZEN}
     */
    public static ActivationQuantizer frozen(
            QuantScheme scheme, ObserverType observerType, QuantParams params) {
        ActivationQuantizer q = new ActivationQuantizer(scheme, observerType, Mode.OBSERVE);
        q.setFrozen(params);
        return q;
    }

    /**
     * Returns the scheme.
     *
     * @return the per-tensor scheme
     */
    public QuantScheme getScheme() {
        return scheme;
    }

    /**
     * Returns the observer type.
     *
     * @return the type
     */
    public ObserverType getObserverType() {
        return observerType;
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
     * Returns whether the observer has seen data.
     *
     * @return true after at least one observed batch (always true once frozen)
     */
    public boolean hasData() {
        return mode == Mode.FROZEN || observer.hasData();
    }

    /**
     * Returns the fixed parameters.
     *
     * @return the parameters, or null unless the mode is {@code FROZEN}
     */
    public QuantParams getParams() {
        return params;
    }

    /**
     * Returns the parameters the observer's range gives now.
     *
     * @return the parameters
     * @throws IllegalStateException if the observer saw no data
     */
    public QuantParams currentParams() {
        return mode == Mode.FROZEN ? params : observer.qparams(scheme);
    }

    /** Freezes the parameters from what the observer saw; throws if it saw nothing. */
    void freeze() {
        if (mode == Mode.DYNAMIC || mode == Mode.FROZEN) {
            return;
        }
        setFrozen(observer.qparams(scheme));
    }

    private void setFrozen(QuantParams frozen) {
        if (frozen == null || frozen.isPerChannel()) {
            throw new IllegalArgumentException("params must be per-tensor, got " + frozen);
        }
        if (frozen.qmin() != scheme.qmin() || frozen.qmax() != scheme.qmax()) {
            throw new IllegalArgumentException(
                    "params range ["
                            + frozen.qmin()
                            + ", "
                            + frozen.qmax()
                            + "] is not the scheme's "
                            + scheme);
        }
        this.params = frozen;
        this.mode = Mode.FROZEN;
    }

    /**
     * Makes a {@code FAKE_QUANT} quantizer record inference batches too (calibration of a QAT
     * preparation); while training it records anyway, in validation it does not.
     */
    void setObserveInInference(boolean observe) {
        this.observeInInference = observe;
    }

    /** Switches between the preparation modes (OBSERVE, FAKE_QUANT, DYNAMIC). */
    void setMode(Mode mode) {
        if (mode == Mode.FROZEN) {
            throw new IllegalArgumentException("use freeze() to fix the parameters");
        }
        this.mode = mode;
        this.params = null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> arguments) {
        NDArray x = inputs.singletonOrThrow();
        switch (mode) {
            case OBSERVE:
                observer.observe(x);
                return new NDList(x);
            case FAKE_QUANT:
                if (training || observeInInference || !observer.hasData()) {
                    observer.observe(x);
                }
                return new NDList(FakeQuantize.apply(x, observer.qparams(scheme)));
            case FROZEN:
                return new NDList(FakeQuantize.apply(x, params));
            default:
                return new NDList(FakeQuantize.apply(x, dynamicParams(x)));
        }
    }

    /** The parameters of one input's own range, as ONNX {@code DynamicQuantizeLinear}. */
    private QuantParams dynamicParams(NDArray x) {
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray f = x.stopGradient();
            f.attach(sub);
            float lo = f.min().getFloat();
            float hi = f.max().getFloat();
            return scheme.qparams(new float[] {lo}, new float[] {hi});
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {}

    /**
     * Writes the mode and, once frozen, the scale and zero point (the observer's history is not
     * saved: a saved {@code OBSERVE} or {@code FAKE_QUANT} quantizer starts observing afresh).
     */
    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        os.writeByte(VERSION);
        os.writeByte(mode.ordinal());
        if (mode == Mode.FROZEN) {
            os.writeFloat(params.scale(0));
            os.writeInt(params.zeroPoint(0));
        }
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        Mode stored = QuantFormat.readHeader(is, "ActivationQuantizer", VERSION, Mode.values());
        if (stored != Mode.FROZEN) {
            setMode(stored);
            return;
        }
        float scale = is.readFloat();
        int zeroPoint = is.readInt();
        try {
            setFrozen(
                    new QuantParams(
                            new float[] {scale},
                            new int[] {zeroPoint},
                            scheme.qmin(),
                            scheme.qmax(),
                            -1));
        } catch (IllegalArgumentException e) {
            throw new MalformedModelException("stored activation parameters: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ActivationQuantizer{"
                + mode
                + (params == null
                        ? ""
                        : ", scale=" + params.scale(0) + ", zeroPoint=" + params.zeroPoint(0))
                + ", "
                + scheme
                + "}";
    }
}
