/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.util.Checks;

/**
 * Quantization-aware training, fasterai's {@code QuantizeCallback}: at the start of fit the
 * learner's model is replaced by a copy with BatchNorm folded into the convolutions (so the
 * deployed model is the trained one), weights fake-quantized per channel at every step and
 * activations fake-quantized with moving-average observers, all with a straight-through estimator;
 * at the end of fit it is converted to a quantized model (int8 weights, int32 biases, fixed
 * activation scales), the same one {@link Quantizer} produces.
 *
 * <pre>{@code
 * QuantizeCallback qat = new QuantizeCallback();
 * learn.fitOneCycle(1, 1e-3, qat);            // fine-tune with fake quantization
 * System.out.println(qat.getReport());         // the model is now quantized
 * }</pre>
 *
 * <p>If the fit fails, or conversion does (an observer saw no data), the learner's model gets its
 * original network back.
 */
public final class QuantizeCallback implements Callback {

    private final QuantConfig config;
    private Prepared prepared;
    private Block original;
    private QuantReport report;

    /** Creates a callback with {@link QuantConfig#defaults()}. */
    public QuantizeCallback() {
        this(QuantConfig.defaults());
    }

    /**
     * Creates a callback.
     *
     * @param config the schemes, observer (default {@code MOVING_AVERAGE}) and fp32 layers
     */
    public QuantizeCallback(QuantConfig config) {
        this.config = Checks.notNull("config", config);
    }

    /**
     * Returns the report of the conversion.
     *
     * @return the report, or null before the end of fit
     */
    public QuantReport getReport() {
        return report;
    }

    @Override
    public void beforeFit(Learner learn) {
        Model model = learn.getModel();
        if (containsQuantized(model.getBlock())) {
            throw new IllegalStateException(
                    "the model is already quantized; QuantizeCallback trains a float model");
        }
        learn.initializeModel();
        original = model.getBlock();
        prepared = Quantizer.prepare(original, model.getNDManager(), QuantMethod.QAT, config);
        model.setBlock(prepared.block());
        learn.modelChanged();
        report = null;
    }

    @Override
    public void afterFit(Learner learn) {
        if (prepared == null) {
            return;
        }
        Model model = learn.getModel();
        if (learn.hasFitFailed()) {
            // A failed fit leaves the model as it was before QAT started.
            model.setBlock(original);
            learn.modelChanged();
            prepared = null;
            return;
        }
        try {
            prepared.convert();
        } catch (RuntimeException e) {
            model.setBlock(original);
            learn.modelChanged();
            prepared = null;
            throw e;
        }
        report = prepared.report();
        prepared = null;
        original = null;
        learn.modelChanged();
    }

    private static boolean containsQuantized(Block block) {
        if (block instanceof QuantizedLayer || block instanceof ActivationQuantizer) {
            return true;
        }
        for (Block child : block.getChildren().values()) {
            if (containsQuantized(child)) {
                return true;
            }
        }
        return false;
    }
}
