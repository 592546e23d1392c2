/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.util.Checks;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks an exported ONNX file against the DJL network it came from: runs both on the same sample
 * inputs and reports how far their outputs are apart.
 *
 * <pre>{@code
 * VerificationResult check = OnnxVerifier.verify(model, Path.of("model.onnx"), samples);
 * if (!check.isWithin(1e-4)) { ... } // check.getMaxAbsDiff()
 * }</pre>
 *
 * <p>DJL runs the block in inference mode ({@code forward(new ParameterStore(manager, false),
 * input, false)}: dropout off, BatchNorm on its running statistics), ONNX Runtime with {@link
 * OnnxModel}'s default options. A float32 export of the same weights typically differs by 1e-6 to
 * 1e-5 relative to the output scale (the two runtimes sum in different orders and ONNX Runtime
 * fuses operators); a wrong export differs by far more.
 */
public final class OnnxVerifier {

    private OnnxVerifier() {}

    /**
     * Compares a model's network with an ONNX file.
     *
     * @param model the model, its block initialized
     * @param onnxFile the exported file
     * @param samples the inputs, each an array with a batch dimension (one array may hold a batch
     *     of several samples); their managers hold the DJL pass's arrays until it ends
     * @return the differences
     * @throws IllegalArgumentException if the model has no block, the file cannot be loaded, there
     *     are no samples, a sample's shape does not match the file's input, or the two outputs
     *     differ in shape
     */
    public static VerificationResult verify(Model model, Path onnxFile, NDList samples) {
        Checks.notNull("model", model);
        if (model.getBlock() == null) {
            throw new IllegalArgumentException("model has no block to verify");
        }
        return verify(model.getBlock(), onnxFile, samples);
    }

    /**
     * Compares a network with an ONNX file.
     *
     * @param block the network, initialized
     * @param onnxFile the exported file
     * @param samples the inputs, each an array with a batch dimension (one array may hold a batch
     *     of several samples)
     * @return the differences
     * @throws IllegalArgumentException if the file cannot be loaded, there are no samples, a
     *     sample's shape does not match the file's input, or the two outputs differ in shape
     */
    public static VerificationResult verify(Block block, Path onnxFile, NDList samples) {
        Checks.notNull("block", block);
        try (OnnxModel onnx = OnnxModel.load(onnxFile)) {
            return verify(block, onnx, samples);
        }
    }

    /** Runs every sample through both and compares; used by {@link OnnxModel#verify} too. */
    static VerificationResult verify(Block block, OnnxModel onnx, NDList samples) {
        Checks.notNull("block", block);
        Checks.notNull("samples", samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples must hold at least one input array");
        }
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("block must be initialized to be verified");
        }
        double[] perSample = new double[samples.size()];
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < samples.size(); i++) {
            NDArray sample = samples.get(i);
            long[] shape = sample.getShape().getShape();
            // ONNX first: it checks the sample's shape against the file's before anything runs.
            OnnxModel.Output onnxOut = onnx.predictWithShape(OnnxModel.floats(sample), shape);
            float[] expected = onnxOut.values();
            long[] onnxShape = onnxOut.shape();
            float[] actual;
            long[] djlShape;
            try (NDManager pass = sample.getManager().newSubManager()) {
                // Intermediates are created on their input's manager: borrowing the sample puts
                // them on the pass manager, freed on close, and gives the sample back.
                sample.tempAttach(pass);
                NDArray djl =
                        block.forward(new ParameterStore(pass, false), new NDList(sample), false)
                                .singletonOrThrow();
                actual = OnnxModel.floats(djl);
                djlShape = djl.getShape().getShape();
            }
            if (!Arrays.equals(djlShape, onnxShape)) {
                throw new IllegalArgumentException(
                        "sample "
                                + i
                                + ": the DJL output's shape "
                                + Arrays.toString(djlShape)
                                + " differs from the ONNX output's "
                                + Arrays.toString(onnxShape));
            }
            double diff = 0;
            for (int j = 0; j < actual.length; j++) {
                // Math.max keeps a NaN: an output that is NaN on one side only must not pass.
                diff = Math.max(diff, Math.abs((double) actual[j] - expected[j]));
                scale = Math.max(scale, Math.abs((double) actual[j]));
            }
            perSample[i] = diff;
            maxAbs = Math.max(maxAbs, diff);
        }
        return new VerificationResult(maxAbs, scale, perSample);
    }
}
