/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Stands in for a layer while {@link Hooks} are attached: runs it and hands its inputs and outputs
 * to the hook function. It reports the layer's own parameters under the layer's names, so a trainer
 * built while it is in place trains the same parameters.
 */
final class LayerHook extends AbstractBlock {

    private final String path;
    private final Block inner;
    private final Hooks.HookFunction function;

    LayerHook(String path, Block inner, Hooks.HookFunction function) {
        this.path = path;
        this.inner = inner;
        this.function = function;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList out = inner.forward(parameterStore, inputs, training, params);
        function.accept(path, inputs, out);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inner.getOutputShapes(inputShapes);
    }

    @Override
    public ParameterList getParameters() {
        return inner.getParameters();
    }

    @Override
    public boolean isInitialized() {
        return inner.isInitialized();
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        inner.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getInputShapes() {
        return inner.getInputShapes();
    }

    @Override
    public String toString() {
        return "LayerHook(" + inner + ")";
    }
}
