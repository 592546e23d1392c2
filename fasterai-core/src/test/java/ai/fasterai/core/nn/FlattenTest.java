/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static ai.fasterai.core.nn.Fixtures.assertMessage;
import static ai.fasterai.core.nn.Fixtures.assertValues;
import static ai.fasterai.core.nn.Fixtures.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/** Flatten keeps the batch axis and the row-major order. */
class FlattenTest {

    @Test
    void flattensAllButTheBatchInRowMajorOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = new float[2 * 3 * 2 * 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            NDArray x = manager.create(values).reshape(2, 3, 2, 2);
            // Sample 0 holds 0..11 and sample 1 holds 12..23, in the same order.
            assertValues(values, forward(manager, new Flatten(), x), new Shape(2, 12));
        }
    }

    @Test
    void outputShapeIsBatchByProduct() {
        Flatten flatten = new Flatten();
        assertEquals(
                new Shape(8, 60), flatten.getOutputShapes(new Shape[] {new Shape(8, 3, 4, 5)})[0]);
        assertEquals(new Shape(8, 7), flatten.getOutputShapes(new Shape[] {new Shape(8, 7)})[0]);
        assertEquals("Flatten", flatten.toString());
        assertEquals(0, flatten.getParameters().size());
    }

    @Test
    void rankOneInputIsRejected() {
        assertMessage(
                () -> new Flatten().getOutputShapes(new Shape[] {new Shape(8)}),
                "rank >= 2",
                "(8)");
    }
}
