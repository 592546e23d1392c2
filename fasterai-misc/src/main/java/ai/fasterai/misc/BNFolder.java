/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.BatchNormSettings;
import ai.fasterai.core.nn.BlockSurgery;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds every BatchNorm that directly follows a {@link Conv2d} or a {@link Linear} in a {@link
 * SequentialBlock} (at any depth: inside residual branches and nested blocks) into that layer, and
 * removes it, fasterai's {@code BN_Folder}. With {@code s = gamma / sqrt(runningVar + eps)} per
 * channel, using each BatchNorm's own epsilon:
 *
 * <pre>
 * W' = W * s (per output channel),   b' = (b - runningMean) * s + beta
 * </pre>
 *
 * <p>In inference mode the folded network computes the same function with one layer less per pair
 * (on DJL's eager CPU engine each layer is a few native calls, so fewer layers run faster). It is
 * an inference transform: training the folded network no longer normalizes by batch statistics.
 *
 * <p>The result is a copy (made through {@link ai.fasterai.core.io.ModelFile}, so the network must
 * be one it can save); the input network is unchanged. A BatchNorm with no foldable predecessor
 * stays and is reported in {@link FoldResult#getKept()}.
 */
public final class BNFolder {

    private BNFolder() {}

    /**
     * Folds the BatchNorms of a model into a new model.
     *
     * @param model the model, its block initialized
     * @return the fold; {@link FoldResult#getModel()} is a new model named {@code <name>-folded}
     *     that the caller closes
     * @throws IllegalArgumentException if the model or its block is missing or not initialized, or
     *     the network cannot be copied
     */
    public static FoldResult fold(Model model) {
        return NewModel.of(
                model,
                "-folded",
                "fold",
                BNFolder::fold,
                FoldResult::getBlock,
                FoldResult::withModel);
    }

    /**
     * Folds the BatchNorms of a network into a copy.
     *
     * @param block the network, initialized
     * @param manager owns the copy's parameters
     * @return the folded copy and what was folded
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, or the
     *     network cannot be copied
     */
    public static FoldResult fold(Block block, NDManager manager) {
        Checks.notNull("block", block);
        Checks.notNull("manager", manager);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "block must be initialized (trained or loaded) to fold its BatchNorms");
        }
        Block copy = NetworkCopy.of(block, manager, "fold its BatchNorms");
        List<FoldResult.Fold> folded = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        visit("", copy, null, manager, folded, kept);
        return new FoldResult(copy, null, folded, kept);
    }

    private static void visit(
            String path,
            Block block,
            Block parent,
            NDManager manager,
            List<FoldResult.Fold> folded,
            Map<String, String> kept) {
        if (block instanceof BatchNorm) {
            kept.putIfAbsent(
                    path,
                    parent instanceof SequentialBlock
                            ? "first in its SequentialBlock, or not after a Conv2d or Linear"
                            : "not inside a SequentialBlock");
            return;
        }
        if (block instanceof SequentialBlock) {
            foldPairs(path, (SequentialBlock) block, manager, folded, kept);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            visit(childPath(path, child.getKey()), child.getValue(), block, manager, folded, kept);
        }
    }

    /** Folds each (Conv2d or Linear, BatchNorm) pair of one sequential block. */
    private static void foldPairs(
            String path,
            SequentialBlock parent,
            NDManager manager,
            List<FoldResult.Fold> folded,
            Map<String, String> kept) {
        int i = 0;
        while (i + 1 < parent.getChildren().size()) {
            Pair<String, Block> layer = parent.getChildren().get(i);
            Pair<String, Block> next = parent.getChildren().get(i + 1);
            if (next.getValue() instanceof BatchNorm
                    && (layer.getValue() instanceof Conv2d || layer.getValue() instanceof Linear)) {
                BatchNorm bn = (BatchNorm) next.getValue();
                String bnPath = childPath(path, next.getKey());
                String reason = unfoldable(layer.getValue(), bn);
                if (reason == null) {
                    float epsilon = BatchNormSettings.of(bn).epsilon();
                    Block merged = merge(layer.getValue(), bn, epsilon, manager);
                    BlockSurgery.replaceChild(parent, i, merged);
                    BlockSurgery.removeChild(parent, i + 1);
                    folded.add(
                            new FoldResult.Fold(bnPath, childPath(path, layer.getKey()), epsilon));
                } else {
                    kept.put(bnPath, reason);
                }
            }
            i++;
        }
    }

    /** Why a pair cannot be folded, or null. */
    private static String unfoldable(Block layer, BatchNorm bn) {
        int axis = BatchNormSettings.of(bn).axis();
        if (axis != 1) {
            return "normalizes axis " + axis + ", not the channel axis 1";
        }
        long channels = weight(layer).getShape().get(0);
        long normalized = param(bn, "gamma").getShape().get(0);
        if (channels != normalized) {
            return "normalizes " + normalized + " channels, its layer outputs " + channels;
        }
        return null;
    }

    /** A new Conv2d or Linear with the BatchNorm folded into its weight and bias. */
    private static Block merge(Block layer, BatchNorm bn, float epsilon, NDManager manager) {
        NDArray w = weight(layer).toType(DataType.FLOAT64, true);
        long out = w.getShape().get(0);
        NDArray gamma = param(bn, "gamma").toType(DataType.FLOAT64, true);
        NDArray beta = param(bn, "beta").toType(DataType.FLOAT64, true);
        NDArray mean = param(bn, "runningMean").toType(DataType.FLOAT64, true);
        NDArray var = param(bn, "runningVar").toType(DataType.FLOAT64, true);
        NDArray scale = gamma.div(var.add(epsilon).sqrt());
        long[] perChannel = new long[w.getShape().dimension()];
        Arrays.fill(perChannel, 1);
        perChannel[0] = out;
        NDArray bias =
                layer.getParameters().contains("bias")
                                && layer.getParameters().get("bias").getArray() != null
                        ? layer.getParameters()
                                .get("bias")
                                .getArray()
                                .toType(DataType.FLOAT64, true)
                        : manager.zeros(new Shape(out), DataType.FLOAT64);
        NDArray newWeight =
                w.mul(scale.reshape(new Shape(perChannel))).toType(DataType.FLOAT32, false);
        NDArray newBias = bias.sub(mean).mul(scale).add(beta).toType(DataType.FLOAT32, false);
        newWeight.attach(manager);
        newBias.attach(manager);
        Block merged = LayerCopies.twin(layer, true);
        merged.getParameters().get("weight").setArray(newWeight);
        merged.getParameters().get("bias").setArray(newBias);
        merged.initialize(manager, DataType.FLOAT32, layer.getInputShapes());
        return merged;
    }

    private static NDArray weight(Block layer) {
        return layer.getParameters().get("weight").getArray();
    }

    private static NDArray param(BatchNorm bn, String name) {
        Parameter parameter = bn.getParameters().get(name);
        return parameter.getArray();
    }

    private static String childPath(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }
}
