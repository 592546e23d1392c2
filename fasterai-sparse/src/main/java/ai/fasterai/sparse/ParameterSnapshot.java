/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of every initialized parameter of a model (weights, biases, BatchNorm statistics) in a
 * manager of its own, written back bit for bit by {@link #restore()}. Restoring is an in-place
 * write: do it outside a gradient collector.
 */
final class ParameterSnapshot implements AutoCloseable {

    private final NDManager manager;
    private final List<Pair<Parameter, NDArray>> copies;

    private ParameterSnapshot(NDManager manager, List<Pair<Parameter, NDArray>> copies) {
        this.manager = manager;
        this.copies = copies;
    }

    /**
     * Copies every initialized parameter of a block.
     *
     * @param block the model's block, initialized
     * @return the snapshot, to close
     */
    static ParameterSnapshot of(Block block) {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().isInitialized()) {
                parameters.add(pair.getValue());
            }
        }
        NDManager manager =
                parameters.isEmpty()
                        ? NDManager.newBaseManager()
                        : NDManager.newBaseManager(parameters.get(0).getArray().getDevice());
        List<Pair<Parameter, NDArray>> copies = new ArrayList<>();
        try {
            for (Parameter parameter : parameters) {
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(manager);
                copies.add(new Pair<>(parameter, copy));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new ParameterSnapshot(manager, copies);
    }

    /** Writes the copies back into the parameters' arrays. */
    /**
     * Returns the saved copy of a parameter.
     *
     * @param parameter the parameter
     * @return its copy (owned by the snapshot), or null if it was not initialized when saved
     */
    NDArray copyOf(Parameter parameter) {
        for (Pair<Parameter, NDArray> pair : copies) {
            if (pair.getKey() == parameter) {
                return pair.getValue();
            }
        }
        return null;
    }

    void restore() {
        for (Pair<Parameter, NDArray> pair : copies) {
            pair.getValue().copyTo(pair.getKey().getArray());
        }
    }

    /** Frees the copies. */
    @Override
    public void close() {
        manager.close();
    }
}
