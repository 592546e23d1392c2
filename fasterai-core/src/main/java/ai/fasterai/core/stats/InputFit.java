/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

import java.util.Arrays;

/**
 * Checks that the shapes reaching a layer fit its weights. DJL infers output shapes from the
 * spatial size and the layer's settings only, so a wrong channel count would otherwise give figures
 * for a network that cannot run.
 */
final class InputFit {

    private InputFit() {}

    static void check(String path, Block block, Shape[] inputs, Shape[] outputs) {
        if (block instanceof Convolution) {
            Convolution conv = (Convolution) block;
            long expected = weightShape(block).get(1) * conv.getGroups();
            requireDim(path, block, inputs, 1, expected, "input channels");
        } else if (block instanceof Linear) {
            Shape input = inputs[0];
            long expected = weightShape(block).get(1);
            requireDim(path, block, inputs, input.dimension() - 1, expected, "input features");
        } else if (block instanceof BatchNorm) {
            Parameter gamma = block.getParameters().get("gamma");
            if (gamma != null && gamma.isInitialized()) {
                requireDim(path, block, inputs, 1, gamma.getArray().size(), "channels");
            }
        }
        for (Shape output : outputs) {
            for (long dim : output.getShape()) {
                if (dim <= 0) {
                    throw new IllegalArgumentException(
                            "input "
                                    + Arrays.toString(inputs)
                                    + " is too small for "
                                    + BlockPaths.describe(path, block)
                                    + ": its output would be "
                                    + output);
                }
            }
        }
    }

    private static Shape weightShape(Block block) {
        return block.getParameters().get("weight").getArray().getShape();
    }

    private static void requireDim(
            String path, Block block, Shape[] inputs, int axis, long expected, String what) {
        Shape input = inputs[0];
        if (input.dimension() <= axis || input.get(axis) != expected) {
            throw new IllegalArgumentException(
                    "input shape "
                            + input
                            + " does not fit "
                            + BlockPaths.describe(path, block)
                            + ": it takes "
                            + expected
                            + " "
                            + what
                            + " on axis "
                            + axis);
        }
    }
}
