/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;

/** Tiny networks for the model-file tests, built only from blocks that can be described. */
final class TestNets {

    static final Shape INPUT = new Shape(2, 1, 6, 6);
    static final float EPSILON = 2e-5f;
    static final float MOMENTUM = 0.8f;
    static final float DROPOUT = 0.25f;

    private TestNets() {}

    /** Registers the test flatten block, as a user module would; registering twice is allowed. */
    static void registerFlatten() {
        BlockSpecs.register(new TestFlatten.Handler());
    }

    /** Conv 1->width k3 pad1, BatchNorm, Conv width->6 k3, flatten, dropout, linear 3. */
    static SequentialBlock cnn(int width) {
        return new SequentialBlock()
                .add(conv(width))
                .add(batchNorm())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(6).build())
                .add(new TestFlatten())
                .add(Dropout.builder().optRate(DROPOUT).build())
                .add(Linear.builder().setUnits(3).build());
    }

    static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(EPSILON).optMomentum(MOMENTUM).build();
    }

    /** Moves the BatchNorm's running statistics away from 0 and 1 with a few training passes. */
    static void warmBatchNorm(Block net, NDManager manager) {
        ParameterStore store = new ParameterStore(manager, false);
        for (int i = 0; i < 5; i++) {
            NDArray x = manager.randomNormal(3f, 2f, INPUT, DataType.FLOAT32);
            net.forward(store, new NDList(x), true).close();
            x.close();
        }
    }

    /** Runs a block in inference mode and returns its output's values. */
    static float[] infer(Block block, NDManager manager, float[] input) {
        NDArray x = manager.create(input, INPUT);
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
        return out.singletonOrThrow().toFloatArray();
    }

    static float[] randomInput(NDManager manager) {
        return manager.randomNormal(INPUT).toFloatArray();
    }

    /**
     * Keeps the first {@code kept} filters of the first conv, as physical pruning would: new blocks
     * get sliced copies of the old arrays and then are initialized, which keeps them.
     */
    static SequentialBlock keepFirstFilters(SequentialBlock wide, int kept, NDManager manager) {
        Block oldConv = wide.getChildren().get("01Conv2d");
        Block oldNorm = wide.getChildren().get("02BatchNorm");
        Block oldNext = wide.getChildren().get("03Conv2d");
        String range = "0:" + kept;
        Shape narrowInput = new Shape(INPUT.get(0), kept, INPUT.get(2), INPUT.get(3));

        Conv2d conv = conv(kept);
        copy(oldConv, conv, "weight", range);
        copy(oldConv, conv, "bias", range);
        conv.initialize(manager, DataType.FLOAT32, INPUT);

        BatchNorm norm = batchNorm();
        for (String name : new String[] {"gamma", "beta", "runningMean", "runningVar"}) {
            copy(oldNorm, norm, name, range);
        }
        norm.initialize(manager, DataType.FLOAT32, narrowInput);

        Conv2d next = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(6).build();
        copy(oldNext, next, "weight", ":, " + range);
        copy(oldNext, next, "bias", ":");
        next.initialize(manager, DataType.FLOAT32, narrowInput);

        SequentialBlock narrow =
                new SequentialBlock()
                        .add(conv)
                        .add(norm)
                        .add(next)
                        .add(wide.getChildren().get("04TestFlatten"))
                        .add(wide.getChildren().get("05Dropout"))
                        .add(wide.getChildren().get("06Linear"));
        narrow.initialize(manager, DataType.FLOAT32, INPUT);
        return narrow;
    }

    private static void copy(Block from, Block to, String parameter, String index) {
        NDArray source = from.getParameters().get(parameter).getArray();
        to.getParameters().get(parameter).setArray(source.get(new NDIndex(index)).duplicate());
    }

    /** Returns the parameter array at a path such as {@code 02BatchNorm_runningMean}. */
    static NDArray parameter(Block block, String name) {
        return block.getParameters().get(name).getArray();
    }
}
