/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.Hooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects Wanda's input statistics: for each layer, the L2 norm of every input channel over the
 * calibration samples, {@code sqrt(sum(x_c^2) / samples)} (as fasterai's {@code calibrate}).
 *
 * <p>The layers are hooked (core {@link Hooks}) for the duration of the forward passes, which
 * records their inputs; the model is restored when the hooks close. A layer whose parent does not
 * run its children from DJL's child list (so the recorder never ran) is reported by path.
 */
final class ActivationStats {

    private ActivationStats() {}

    /**
     * Runs the batches through the model in inference mode and returns each layer's input-channel
     * norms, attached to {@code out}.
     */
    static Map<SparseLayer, NDArray> collect(
            Block model, List<SparseLayer> layers, List<NDList> batches, NDManager out) {
        Map<String, SparseLayer> byPath = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (SparseLayer layer : layers) {
            byPath.put(layer.path, layer);
            paths.add(layer.path);
        }
        Map<SparseLayer, NDArray> sums = new HashMap<>();
        Map<SparseLayer, long[]> samples = new HashMap<>();
        Hooks.HookFunction accumulate =
                (path, inputs, outputs) -> {
                    SparseLayer layer = byPath.get(path);
                    NDArray x = inputs.head();
                    NDArray sum = x.square().sum(otherAxes(x.getShape().dimension()));
                    NDArray acc = sums.get(layer);
                    if (acc == null) {
                        acc = sum.duplicate();
                        acc.attach(out);
                        sums.put(layer, acc);
                        samples.put(layer, new long[1]);
                    } else {
                        acc.addi(sum);
                    }
                    samples.get(layer)[0] += x.getShape().get(0);
                };
        try (Hooks hooks = Hooks.hook(model, paths, accumulate)) {
            for (NDList batch : batches) {
                try (NDManager scratch = out.newSubManager()) {
                    NDList copy = new NDList();
                    for (NDArray x : batch) {
                        NDArray c = x.duplicate();
                        c.attach(scratch);
                        copy.add(c);
                    }
                    model.forward(new ParameterStore(scratch, false), copy, false);
                }
            }
        }
        Map<SparseLayer, NDArray> norms = new HashMap<>();
        for (SparseLayer layer : layers) {
            NDArray acc = sums.get(layer);
            if (acc == null) {
                norms.values().forEach(NDArray::close);
                sums.values().forEach(NDArray::close);
                throw new IllegalArgumentException(
                        "wanda could not see the inputs of layer "
                                + layer.path
                                + ": its parent ("
                                + layer.parent.getClass().getSimpleName()
                                + ") does not run it from DJL's child list, or no batch reached"
                                + " it");
            }
            NDArray norm = acc.divi(samples.get(layer)[0]).sqrt();
            acc.close();
            norms.put(layer, norm);
        }
        return norms;
    }

    private static int[] otherAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int i = 2; i < rank; i++) {
            axes[i - 1] = i;
        }
        return axes;
    }
}
