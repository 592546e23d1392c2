/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.nn.NoGrad;

import java.util.function.UnaryOperator;

/**
 * Test accuracy computed the same way for every runtime: the same transformed batches, in order,
 * through a function from images to logits. Lossless stages can then be compared exactly.
 */
final class Evaluation {

    private Evaluation() {}

    /**
     * Returns a DJL network as a predictor in inference mode.
     *
     * @param block the network, initialized
     * @return images to logits
     */
    static UnaryOperator<NDArray> of(Block block) {
        return x -> {
            ParameterStore store = new ParameterStore(x.getManager(), false);
            NDArray logits = block.forward(store, new NDList(x), false).head();
            return logits.toDevice(x.getDevice(), false);
        };
    }

    /**
     * Counts the test images whose top-1 class is the label.
     *
     * @param data the test set is its validation set
     * @param predictor images to logits
     * @return the accuracy, a fraction
     */
    static double accuracy(DataLoaders data, UnaryOperator<NDArray> predictor) {
        long correct = 0;
        long total = 0;
        try (NDManager scope = NDManager.newBaseManager();
                NoGrad ignored = NoGrad.enter()) {
            for (Batch batch : data.inOrder(data.getValid(), scope)) {
                // One scope per batch, so the activations of the passes do not pile up.
                try (batch;
                        NDManager local = scope.newSubManager()) {
                    NDArray x = data.transform(batch.getData()).head();
                    x.attach(local);
                    NDArray labels = batch.getLabels().head().toType(DataType.INT64, false);
                    labels.attach(local);
                    NDArray classes = predictor.apply(x).argMax(1).toType(DataType.INT64, false);
                    correct += classes.eq(labels).sum().getLong();
                    total += x.getShape().get(0);
                }
            }
        }
        return (double) correct / total;
    }
}
