/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.BatchNormSettings;

import java.util.Arrays;

/**
 * Builds the smaller copy of a layer: the same settings, fewer rows and columns, parameters sliced
 * from the old arrays. DJL parameters cannot be resized once set, so pruning makes new blocks and
 * the old ones are swapped out.
 */
final class LayerRebuilder {

    private LayerRebuilder() {}

    /**
     * Builds the pruned layer.
     *
     * @param layer the layer as traced
     * @param keepOut the rows (output channels) to keep, ascending
     * @param keepIn the weight columns (input channels or features) to keep, ascending; ignored for
     *     batch norm and depthwise convolutions
     * @return a new initialized block
     */
    static Block rebuild(LayerUse layer, int[] keepOut, int[] keepIn) {
        Block fresh;
        Shape inputShape;
        switch (layer.kind) {
            case CONV:
            case DEPTHWISE:
                {
                    Conv2d old = (Conv2d) layer.block;
                    boolean depthwise = layer.kind == LayerUse.Kind.DEPTHWISE;
                    int inKept = depthwise ? keepOut.length / multiplier(layer) : keepIn.length;
                    fresh =
                            Conv2d.builder()
                                    .setKernelShape(old.getKernelShape())
                                    .setFilters(keepOut.length)
                                    .optStride(old.getStride())
                                    .optPadding(old.getPadding())
                                    .optDilation(old.getDilation())
                                    .optGroups(depthwise ? inKept : 1)
                                    .optBias(old.isIncludeBias())
                                    .build();
                    inputShape = withChannels(layer.inputShape, inKept);
                    break;
                }
            case LINEAR:
                fresh =
                        Linear.builder()
                                .setUnits(keepOut.length)
                                .optBias(layer.block.getDirectParameters().contains("bias"))
                                .build();
                inputShape = withChannels(layer.inputShape, keepIn.length);
                break;
            case BATCH_NORM:
                {
                    fresh = BatchNormSettings.of((BatchNorm) layer.block).newBatchNorm();
                    inputShape = withChannels(layer.inputShape, keepOut.length);
                    break;
                }
            default:
                throw new IllegalStateException("unknown layer kind " + layer.kind);
        }
        boolean sliceColumns =
                layer.kind == LayerUse.Kind.CONV || layer.kind == LayerUse.Kind.LINEAR;
        NDArray any = null;
        for (Pair<String, Parameter> pair : layer.block.getDirectParameters()) {
            Parameter oldParam = pair.getValue();
            NDArray array = oldParam.getArray();
            any = array;
            NDArray sliced;
            // The scope closes the index arrays and intermediate slices; only the result stays.
            try (NDScope scope = new NDScope()) {
                sliced = rows(array, keepOut);
                if (sliceColumns && array.getShape().dimension() > 1) {
                    sliced = columns(sliced, keepIn);
                }
                sliced = sliced.stopGradient();
                NDScope.unregister(sliced);
            }
            Parameter newParam = fresh.getDirectParameters().get(pair.getKey());
            newParam.setArray(sliced);
            newParam.freeze(!oldParam.requiresGradient());
        }
        fresh.initialize(any.getManager(), any.getDataType(), inputShape);
        return fresh;
    }

    /** Output channels per input channel of a depthwise conv. */
    static int multiplier(LayerUse layer) {
        return layer.outAtoms.length / layer.inAtoms.length;
    }

    private static NDArray rows(NDArray array, int[] keep) {
        return array.get(new NDIndex("{}", indexArray(array, keep)));
    }

    private static NDArray columns(NDArray array, int[] keep) {
        return array.get(new NDIndex(":, {}", indexArray(array, keep)));
    }

    private static NDArray indexArray(NDArray like, int[] keep) {
        return like.getManager().create(Arrays.stream(keep).asLongStream().toArray());
    }

    private static Shape withChannels(Shape shape, long channels) {
        long[] dims = shape.getShape().clone();
        dims[1] = channels;
        return new Shape(dims);
    }
}
