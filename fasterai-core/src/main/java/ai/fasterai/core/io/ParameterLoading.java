/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Puts decoded values into a parameter, for blocks with their own saved format (clustered or
 * quantized layers) whose {@code loadParameters} runs either on an initialized block or on one
 * freshly built from a {@link ModelFile}.
 */
public final class ParameterLoading {

    private ParameterLoading() {}

    /**
     * Sets a parameter's values: in place when it holds an array of the same shape, as a new array
     * when it holds neither an array nor a shape.
     *
     * @param parameter the parameter
     * @param manager owns a new array
     * @param values the values, row-major
     * @param shape their shape
     * @throws MalformedModelException if the stored shape differs from the parameter's array
     * @throws IllegalStateException if the parameter has a shape but no array (DJL allows either a
     *     shape or an array to be set, never both)
     */
    public static void setValues(
            Parameter parameter, NDManager manager, float[] values, Shape shape)
            throws MalformedModelException {
        if (parameter.isInitialized()) {
            NDArray current = parameter.getArray();
            if (!current.getShape().equals(shape)) {
                throw new MalformedModelException(
                        "stored "
                                + parameter.getName()
                                + " has shape "
                                + shape
                                + ", the layer's is "
                                + current.getShape());
            }
            current.set(values);
        } else if (parameter.getShape() == null) {
            parameter.setArray(manager.create(values, shape));
        } else {
            throw new IllegalStateException(
                    "parameter "
                            + parameter.getName()
                            + " has a shape but no array: load into a freshly built or an"
                            + " initialized block");
        }
    }
}
