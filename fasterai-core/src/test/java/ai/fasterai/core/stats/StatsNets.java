/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/** Tiny networks whose MACs and parameters are worked out by hand in the tests. */
final class StatsNets {

    /** The input of {@link #small()}: batch 1, 3 channels, 8 x 8. */
    static final Shape INPUT = new Shape(1, 3, 8, 8);

    private StatsNets() {}

    /**
     * The hand-checked network.
     *
     * <pre>
     * 01Conv2d                     3 -> 8, 3x3, padding 1       (1, 8, 8, 8)
     * 02BatchNorm                                               (1, 8, 8, 8)
     * 03SequentialBlock/01Conv2d   8 -> 8, 3x3, padding 1, groups 2   (1, 8, 8, 8)
     * 03SequentialBlock/02Conv2d   8 -> 4, 3x3, stride 2, dilation 2, padding 2   (1, 4, 4, 4)
     * 04LambdaBlock                ReLU                         (1, 4, 4, 4)
     * 05LambdaBlock                batch flatten                (1, 64)
     * 06Linear                     64 -> 10                     (1, 10)
     * </pre>
     */
    static SequentialBlock small() {
        return new SequentialBlock()
                .add(conv(8).optPadding(new Shape(1, 1)).build())
                .add(BatchNorm.builder().build())
                .add(
                        new SequentialBlock()
                                .add(conv(8).optPadding(new Shape(1, 1)).optGroups(2).build())
                                .add(
                                        conv(4).optStride(new Shape(2, 2))
                                                .optDilation(new Shape(2, 2))
                                                .optPadding(new Shape(2, 2))
                                                .build()))
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    static SequentialBlock initializedSmall(NDManager manager) {
        SequentialBlock block = small();
        block.initialize(manager, DataType.FLOAT32, INPUT);
        return block;
    }

    private static Conv2d.Builder conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3));
    }

    /** Sets every parameter value (running statistics included) to 1, in place. */
    static void fillOnes(Block block) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            array.set(new NDIndex("..."), 1f);
        }
    }

    /** A container without a rule: the walker must refuse it. */
    static class Opaque extends AbstractBlock {

        private final Block inner;

        Opaque(Block inner) {
            this.inner = addChildBlock("inner", inner);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            return inner.forward(store, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            inner.initialize(manager, dataType, inputShapes);
        }
    }

    /** A residual-like container: the sum of two branches that both read the block's input. */
    @FanOut
    static final class SumOfBranches extends AbstractBlock {

        private final Block left;
        private final Block right;

        SumOfBranches(Block left, Block right) {
            this.left = addChildBlock("left", left);
            this.right = addChildBlock("right", right);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray a = left.forward(store, inputs, training, params).singletonOrThrow();
            NDArray b = right.forward(store, inputs, training, params).singletonOrThrow();
            return new NDList(a.add(b));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return left.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            left.initialize(manager, dataType, inputShapes);
            right.initialize(manager, dataType, inputShapes);
        }
    }

    /** A leaf layer without parameters that keeps its input's shape. */
    abstract static class Elementwise extends AbstractBlock {

        abstract float factor();

        @Override
        protected NDList forwardInternal(
                ParameterStore store,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            return new NDList(inputs.singletonOrThrow().mul(factor()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }

    /** A leaf DJL does not know; the MAC test registers a counter for it. */
    static class Doubler extends Elementwise {
        @Override
        float factor() {
            return 2f;
        }
    }

    /** A subclass, which uses its superclass's counter. */
    static final class LoudDoubler extends Doubler {}

    /** A leaf never given a counter. */
    static final class Halver extends Elementwise {
        @Override
        float factor() {
            return 0.5f;
        }
    }
}
