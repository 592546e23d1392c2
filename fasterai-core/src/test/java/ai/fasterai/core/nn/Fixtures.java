/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.function.Executable;

/** Helpers shared by the layer-block tests. */
final class Fixtures {

    private Fixtures() {}

    /** Initializes {@code block} for {@code x}'s shape and runs it in inference mode. */
    static NDArray forward(NDManager manager, Block block, NDArray x) {
        block.initialize(manager, DataType.FLOAT32, x.getShape());
        return block.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
    }

    /** The values 0, 1, ..., h*w-1 in row-major order, shaped (1, 1, h, w). */
    static NDArray grid(NDManager manager, int h, int w) {
        return manager.arange(0f, (float) (h * w)).reshape(1, 1, h, w);
    }

    static void assertValues(float[] expected, NDArray actual, Shape shape) {
        assertEquals(shape, actual.getShape());
        assertArrayEquals(expected, actual.toFloatArray(), 1e-5f);
    }

    static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }
}
