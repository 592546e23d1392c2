/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fasterai.core.nn.BlockSurgery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects Wanda's input statistics: for each layer, the L2 norm of every input channel over the
 * calibration samples, {@code sqrt(sum(x_c^2) / samples)} (as fasterai's {@code calibrate}).
 *
 * <p>DJL has no forward hooks, so each layer is swapped, for the duration of the forward passes,
 * for a block that records its input and then calls it; the model is restored in a {@code finally}.
 * A layer whose parent does not run its children from DJL's child list (so the recorder never ran)
 * is reported by path.
 */
final class ActivationStats {

    private ActivationStats() {}

    /**
     * Runs the batches through the model in inference mode and returns each layer's input-channel
     * norms, attached to {@code out}.
     */
    static Map<SparseLayer, NDArray> collect(
            Block model, List<SparseLayer> layers, List<NDList> batches, NDManager out) {
        Map<SparseLayer, NDArray> sums = new HashMap<>();
        Map<SparseLayer, long[]> samples = new HashMap<>();
        List<Runnable> restore = new ArrayList<>();
        try {
            for (SparseLayer layer : layers) {
                samples.put(layer, new long[1]);
                Recorder recorder =
                        new Recorder(
                                layer.block,
                                x -> {
                                    int[] axes = otherAxes(x.getShape().dimension());
                                    NDArray sum = x.square().sum(axes);
                                    NDArray acc = sums.get(layer);
                                    if (acc == null) {
                                        acc = sum.duplicate();
                                        acc.attach(out);
                                        sums.put(layer, acc);
                                    } else {
                                        acc.addi(sum);
                                    }
                                    samples.get(layer)[0] += x.getShape().get(0);
                                });
                restore.add(swap(layer, recorder));
            }
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
        } finally {
            for (int i = restore.size() - 1; i >= 0; i--) {
                restore.get(i).run();
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

    private static Runnable swap(SparseLayer layer, Block replacement) {
        if (!(layer.parent instanceof AbstractBlock)) {
            throw new IllegalArgumentException(
                    "wanda needs the layer " + layer.path + " to sit inside a container block");
        }
        return BlockSurgery.replaceChild(layer.parent, layer.index, replacement);
    }

    /** Records the first input of a layer, then runs it. */
    private static final class Recorder extends AbstractBlock {

        private final Block inner;
        private final java.util.function.Consumer<NDArray> sink;

        Recorder(Block inner, java.util.function.Consumer<NDArray> sink) {
            this.inner = inner;
            this.sink = sink;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore parameterStore,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            sink.accept(inputs.head());
            return inner.forward(parameterStore, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }
    }
}
