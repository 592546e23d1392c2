/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.AvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.nn.Residual;

import org.junit.jupiter.api.function.Executable;

import java.util.Set;

/** Helpers shared by the model-builder tests. */
final class Fixtures {

    /** The only block classes a shipped model may contain. */
    private static final Set<Class<?>> VISIBLE =
            Set.of(
                    Conv2d.class,
                    Linear.class,
                    BatchNorm.class,
                    Dropout.class,
                    SequentialBlock.class,
                    MaxPool2d.class,
                    AvgPool2d.class,
                    AdaptiveAvgPool2d.class,
                    Flatten.class,
                    ActivationBlock.class,
                    Residual.class);

    private Fixtures() {}

    /**
     * Counts trainable parameters as PyTorch does: BatchNorm's running mean and variance are
     * buffers there, parameters that need no gradient here.
     */
    static long trainableParameters(Block block) {
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            boolean running =
                    p.getType() == Parameter.Type.RUNNING_MEAN
                            || p.getType() == Parameter.Type.RUNNING_VAR;
            if (!running && p.requiresGradient()) {
                count += p.getArray().getShape().size();
            }
        }
        return count;
    }

    /**
     * Initializes the block for {@code input} in a fresh manager and counts its parameters. The
     * values do not matter for a count: zeros are much faster to write than random numbers.
     */
    static long countAt(Block block, Shape input) {
        block.setInitializer(Initializer.ZEROS, p -> true);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, input);
            return trainableParameters(block);
        }
    }

    /** Runs the block in inference mode on a random input and returns the output shape. */
    static Shape outputShape(Block block, Shape input) {
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, input);
            NDArray x = manager.randomNormal(input);
            NDArray y =
                    block.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            return y.getShape();
        }
    }

    /** Fails unless every block of the tree is one of the visible classes. */
    static void assertVisible(Block block) {
        if (!VISIBLE.contains(block.getClass())) {
            fail("opaque block " + block.getClass().getName() + ": " + block);
        }
        for (Block child : block.getChildren().values()) {
            assertVisible(child);
        }
    }

    static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }
}
