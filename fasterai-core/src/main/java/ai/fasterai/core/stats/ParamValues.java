/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Reads parameter sizes and non-zero counts, the way PyTorch counts a model's parameters. */
final class ParamValues {

    private ParamValues() {}

    /**
     * Tells whether a parameter is a buffer in PyTorch's sense (BatchNorm's running statistics):
     * state, but not a parameter, so never counted.
     *
     * @param parameter the parameter
     * @return true for running mean and variance
     */
    static boolean isBuffer(Parameter parameter) {
        Parameter.Type type = parameter.getType();
        return type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR;
    }

    /**
     * Counts a block's parameters (its children's included), buffers excluded.
     *
     * @param block the block, initialized
     * @return {parameters, trainable, non-zero}
     */
    static long[] count(Block block) {
        long total = 0;
        long trainable = 0;
        long nonZero = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            if (isBuffer(parameter)) {
                continue;
            }
            long size = parameter.getArray().size();
            total += size;
            if (parameter.requiresGradient()) {
                trainable += size;
            }
            nonZero += nonZero(parameter.getArray());
        }
        return new long[] {total, trainable, nonZero};
    }

    /**
     * Counts the non-zero values of an array on its own device, freeing the temporary arrays.
     *
     * @param array the array
     * @return how many values are not zero
     */
    static long nonZero(NDArray array) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return array.countNonzero().toType(DataType.INT64, false).getLong();
        }
    }
}
