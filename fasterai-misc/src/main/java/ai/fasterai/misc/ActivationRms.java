/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.Hooks;
import ai.fasterai.core.nn.NoGrad;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The root mean square of each input feature of some layers over calibration batches: the feature
 * scales of activation-aware SVD. Features are the last axis of a layer's input.
 */
final class ActivationRms {

    /** Floor for a feature that was always zero, so that scaling by it stays invertible. */
    private static final float FLOOR = 1e-6f;

    private ActivationRms() {}

    /**
     * Runs the network on the batches in inference mode and measures the layers' inputs.
     *
     * @param root the network, initialized; hooked only while it runs, then as it was
     * @param paths the layers measured
     * @param batches the network's inputs
     * @return layer path to one RMS per input feature
     */
    static Map<String, float[]> of(Block root, List<String> paths, List<NDList> batches) {
        Map<String, double[]> sums = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        Hooks.HookFunction record =
                (path, inputs, outputs) -> {
                    NDArray x = inputs.head();
                    long features = x.getShape().get(x.getShape().dimension() - 1);
                    try (NDArray squares = x.square();
                            NDArray flat = squares.reshape(-1, features);
                            NDArray summed = flat.sum(new int[] {0})) {
                        float[] values = summed.toFloatArray();
                        double[] sum = sums.computeIfAbsent(path, p -> new double[values.length]);
                        for (int i = 0; i < values.length; i++) {
                            sum[i] += values[i];
                        }
                        counts.merge(path, x.size() / features, Long::sum);
                    }
                };
        try (Hooks hooks = Hooks.hook(root, paths, record);
                NoGrad noGrad = NoGrad.enter()) {
            for (NDList batch : batches) {
                try (NDManager scope = batch.head().getManager().newSubManager()) {
                    // The outputs land in the scope and go with it; the caller's batch goes back.
                    batch.tempAttach(scope);
                    root.forward(new ParameterStore(scope, false), batch, false);
                }
            }
        }
        Map<String, float[]> rms = new HashMap<>();
        for (String path : paths) {
            double[] sum = sums.get(path);
            if (sum == null) {
                throw new IllegalArgumentException(
                        "calibration batches never reached layer '" + path + "'");
            }
            float[] scale = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                scale[i] = Math.max(FLOOR, (float) Math.sqrt(sum[i] / counts.get(path)));
            }
            rms.put(path, scale);
        }
        return rms;
    }
}
