/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.nn.LayerPaths;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.core.util.Checks;
import ai.fasterai.misc.BNFolder;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Post-training quantization of a trained model, fasterai's {@code Quantizer}: BatchNorm is folded,
 * Conv2d/Linear weights become int8, and (static) activation ranges are calibrated on sample
 * batches. The result runs in DJL in simulated int8 (for accuracy), saves with core's {@code
 * ModelFile} at about a quarter of the float size, and exports through fasterai-export as a QDQ
 * ONNX graph that ONNX Runtime executes with int8 kernels.
 *
 * <pre>{@code
 * QuantizeResult result = Quantizer.builder()
 *         .setMethod(QuantMethod.STATIC)
 *         .optCalibrationData(data)               // DataLoaders: its training batches
 *         .optMaxCalibrationSamples(512)
 *         .build()
 *         .quantize(model);                       // a new model; the input is unchanged
 * System.out.println(result.getReport());
 * }</pre>
 */
public final class Quantizer {

    /** The default number of calibration samples. */
    public static final int DEFAULT_MAX_CALIBRATION_SAMPLES = 512;

    private final QuantMethod method;
    private final Iterable<NDList> calibrationInputs;
    private final DataLoaders calibrationLoaders;
    private final int maxCalibrationSamples;
    private final QuantConfig config;

    private Quantizer(Builder builder) {
        this.method = builder.method;
        this.calibrationInputs = builder.calibrationInputs;
        this.calibrationLoaders = builder.calibrationLoaders;
        this.maxCalibrationSamples = builder.maxCalibrationSamples;
        this.config = builder.config;
    }

    /**
     * Creates a builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the method.
     *
     * @return the method
     */
    public QuantMethod getMethod() {
        return method;
    }

    /**
     * Quantizes a model's network into a new model named {@code <name>-int8}; the input model is
     * unchanged.
     *
     * @param model a model with an initialized block
     * @return the result, holding the new model (the caller closes it)
     * @throws IllegalArgumentException if the model has no block, a kept path does not exist, or
     *     the network cannot be rewritten
     * @throws IllegalStateException if an activation observer saw no calibration data
     */
    public QuantizeResult quantize(Model model) {
        Checks.notNull("model", model);
        if (model.getBlock() == null) {
            throw new IllegalArgumentException("model has no block to quantize");
        }
        Model target = Model.newInstance(model.getName() + "-int8");
        try {
            QuantizeResult result = quantize(model.getBlock(), target.getNDManager());
            target.setBlock(result.getBlock());
            return new QuantizeResult(target, result.getBlock(), result.getReport());
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /**
     * Quantizes a network into a copy owned by {@code manager}; the input is unchanged.
     *
     * @param block an initialized network whose root is a {@code SequentialBlock}
     * @param manager owns the copy's parameters
     * @return the result ({@link QuantizeResult#getModel()} is null)
     * @throws IllegalArgumentException if a kept path does not exist or the network cannot be
     *     rewritten
     * @throws IllegalStateException if an activation observer saw no calibration data
     */
    public QuantizeResult quantize(Block block, NDManager manager) {
        Prepared prepared = prepare(block, manager, method, config);
        if (method == QuantMethod.STATIC || method == QuantMethod.QAT) {
            for (ActivationQuantizer q : prepared.quantizers().values()) {
                q.setObserveInInference(true);
            }
            calibrate(prepared.block(), manager);
            for (ActivationQuantizer q : prepared.quantizers().values()) {
                q.setObserveInInference(false);
            }
        }
        prepared.convert();
        return new QuantizeResult(null, prepared.block(), prepared.report());
    }

    /**
     * Checks the kept paths against the original network, folds BatchNorm into a copy and rewrites
     * the copy for {@code method}.
     */
    static Prepared prepare(
            Block block, NDManager manager, QuantMethod method, QuantConfig config) {
        Checks.notNull("block", block);
        Checks.notNull("manager", manager);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "block must be initialized (trained) before it is quantized");
        }
        Set<String> keep = new LinkedHashSet<>();
        for (String path : config.getKeepFp32()) {
            LayerPaths.find(block, path, "keepFp32 path");
            keep.add(path);
        }
        Block copy = BNFolder.fold(block, manager).getBlock();
        return QuantPreparer.prepare(copy, method, config, keep);
    }

    private void calibrate(Block block, NDManager manager) {
        ParameterStore store = new ParameterStore(manager, false);
        long seen = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            if (calibrationLoaders != null) {
                try (NDManager sub = manager.newSubManager()) {
                    for (Batch batch :
                            calibrationLoaders.inOrder(calibrationLoaders.getTrain(), sub)) {
                        if (seen >= maxCalibrationSamples) {
                            batch.close();
                            break;
                        }
                        NDList inputs = calibrationLoaders.transform(batch.getData());
                        seen += run(block, store, inputs, seen, sub);
                        batch.close();
                    }
                }
            } else {
                for (NDList inputs : calibrationInputs) {
                    if (seen >= maxCalibrationSamples) {
                        break;
                    }
                    try (NDManager sub = manager.newSubManager()) {
                        seen += run(block, store, inputs, seen, sub);
                    }
                }
            }
        }
        if (seen == 0) {
            throw new IllegalArgumentException("calibrationData held no samples");
        }
    }

    /** Runs one batch (cut to the samples still wanted); returns the number of samples used. */
    private long run(Block block, ParameterStore store, NDList inputs, long seen, NDManager sub) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("calibrationData holds an empty batch");
        }
        NDArray x = inputs.head();
        long n = x.getShape().isScalar() ? 1 : x.getShape().get(0);
        long take = Math.min(n, maxCalibrationSamples - seen);
        try (NDManager local = sub.newSubManager()) {
            // A copy in a scope of ours, so that no intermediate lands in the caller's manager.
            NDArray own = take < n ? x.get("0:" + take).duplicate() : x.duplicate();
            own.attach(local);
            NDList out = block.forward(store, new NDList(own), false);
            out.attach(local);
        }
        return take;
    }

    /** Builds a {@link Quantizer}; validation happens in {@link #build()}. */
    public static final class Builder {

        private QuantMethod method;
        private Iterable<NDList> calibrationInputs;
        private DataLoaders calibrationLoaders;
        private int maxCalibrationSamples = DEFAULT_MAX_CALIBRATION_SAMPLES;
        private QuantConfig config = QuantConfig.defaults();

        Builder() {}

        /**
         * Sets the method (required).
         *
         * @param method static, dynamic, qat or int8 weight-only
         * @return this builder
         */
        public Builder setMethod(QuantMethod method) {
            this.method = method;
            return this;
        }

        /**
         * Sets the calibration inputs (required for {@code STATIC} and {@code QAT}): batches of
         * model inputs, already transformed as the model expects them.
         *
         * @param inputs the batches; each list's first array is the model input
         * @return this builder
         */
        public Builder optCalibrationData(Iterable<NDList> inputs) {
            this.calibrationInputs = inputs;
            this.calibrationLoaders = null;
            return this;
        }

        /**
         * Calibrates on a {@link DataLoaders}' training batches, in order, with its transforms.
         *
         * @param data the loaders
         * @return this builder
         */
        public Builder optCalibrationData(DataLoaders data) {
            this.calibrationLoaders = data;
            this.calibrationInputs = null;
            return this;
        }

        /**
         * Sets how many samples calibration runs at most (default {@value
         * #DEFAULT_MAX_CALIBRATION_SAMPLES}); the last batch is cut to fit.
         *
         * @param samples the number of samples, {@code >= 1}
         * @return this builder
         */
        public Builder optMaxCalibrationSamples(int samples) {
            this.maxCalibrationSamples = samples;
            return this;
        }

        /**
         * Sets the schemes, observer and fp32 layers (default {@link QuantConfig#defaults()}).
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder optConfig(QuantConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Builds the quantizer.
         *
         * @return the quantizer
         * @throws IllegalArgumentException if the method is missing, static or QAT quantization has
         *     no calibration data, the sample count is below 1, or dynamic quantization is given
         *     activations other than uint8 affine
         */
        public Quantizer build() {
            if (method == null) {
                throw new IllegalArgumentException(
                        "method must be set with setMethod: one of STATIC, DYNAMIC, QAT,"
                                + " INT8_WEIGHT_ONLY");
            }
            Checks.notNull("config", config);
            Checks.atLeast("maxCalibrationSamples", maxCalibrationSamples, 1);
            boolean calibrated = method == QuantMethod.STATIC || method == QuantMethod.QAT;
            if (calibrated && calibrationInputs == null && calibrationLoaders == null) {
                throw new IllegalArgumentException(
                        "calibrationData is required for method "
                                + method
                                + ": pass batches with optCalibrationData (or use DYNAMIC or"
                                + " INT8_WEIGHT_ONLY, which need none)");
            }
            QuantScheme activations = config.getActivationScheme();
            if (method == QuantMethod.DYNAMIC
                    && (activations.isSigned()
                            || activations.isSymmetric()
                            || activations.bits() != 8)) {
                throw new IllegalArgumentException(
                        "DYNAMIC quantization computes uint8 affine activations (ONNX"
                                + " DynamicQuantizeLinear), got activationScheme "
                                + activations);
            }
            return new Quantizer(this);
        }
    }
}
