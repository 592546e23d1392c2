/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import ai.fasterai.core.util.Checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a model: its layers, parameters, sparsity, MACs and size. With {@link Latency} and
 * {@link StageStats} it is the one place where fasterai4j measures; examples and benchmarks print
 * its figures rather than compute their own.
 *
 * <p>MACs are those of one forward pass for the given input shapes, batch included (pass batch 1
 * for per-sample figures); see {@link MacCounters} for the formulas. Parameter counts follow
 * PyTorch: BatchNorm's running statistics are buffers, not parameters.
 *
 * <pre>{@code
 * block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
 * String table = ModelStats.summary(block, new Shape(1, 3, 32, 32));
 * }</pre>
 */
public final class ModelStats {

    private ModelStats() {}

    /**
     * Returns one row per leaf layer, in tree order, for the given input.
     *
     * @param block the model, initialized
     * @param inputShapes the model's input shapes, batch included
     * @return the rows, unmodifiable
     * @throws IllegalArgumentException if an argument is null or the tree cannot be walked (see
     *     {@link BlockWalker#walk})
     * @throws IllegalStateException if the block is not initialized
     */
    public static List<LayerStats> layers(Block block, Shape... inputShapes) {
        return layers(BlockWalker.walk(block, inputShapes));
    }

    /**
     * Describes the model as a table, one row per leaf layer (path, type, output shape, parameters,
     * MACs), then the totals: parameters, trainable parameters, non-zero parameters and MACs.
     *
     * @param block the model, initialized
     * @param inputShapes the model's input shapes, batch included
     * @return the table, lines separated by {@code "\n"}
     * @throws IllegalArgumentException if an argument is null or the tree cannot be walked
     * @throws IllegalStateException if the block is not initialized
     */
    public static String summary(Block block, Shape... inputShapes) {
        List<BlockNode> nodes = BlockWalker.walk(block, inputShapes);
        List<LayerStats> rows = layers(nodes);
        // Only leaves count MACs, so the rows hold them all.
        long macs = rows.stream().mapToLong(LayerStats::macs).sum();
        return SummaryTable.render(
                BlockChecks.typeOf(block), inputShapes, rows, parameters(block), macs);
    }

    /**
     * Counts the multiply-accumulate operations of one forward pass.
     *
     * @param block the model, initialized
     * @param inputShapes the model's input shapes, batch included
     * @return the MACs of all leaf layers
     * @throws IllegalArgumentException if an argument is null or the tree cannot be walked
     * @throws IllegalStateException if the block is not initialized
     */
    public static long macs(Block block, Shape... inputShapes) {
        return macs(BlockWalker.walk(block, inputShapes));
    }

    /**
     * Counts the model's parameters: all, trainable and non-zero.
     *
     * @param block the model, initialized
     * @return the counts
     * @throws IllegalArgumentException if the block is null
     * @throws IllegalStateException if the block is not initialized
     */
    public static ParameterCounts parameters(Block block) {
        BlockChecks.initialized("block", block);
        long[] counts = ParamValues.count(block);
        return new ParameterCounts(counts[0], counts[1], counts[2]);
    }

    /**
     * Measures the share of zero weights in convolution and linear layers, per layer and overall.
     *
     * @param block the model, initialized
     * @return the sparsity in percent
     * @throws IllegalArgumentException if the block is null
     * @throws IllegalStateException if the block is not initialized
     */
    public static Sparsity sparsity(Block block) {
        BlockChecks.initialized("block", block);
        Map<String, Double> layers = new LinkedHashMap<>();
        long[] zerosAndTotal = new long[2];
        BlockPaths.forEach(
                block,
                (path, b) -> {
                    if (!(b instanceof Convolution || b instanceof Linear)) {
                        return;
                    }
                    for (Pair<String, Parameter> pair : b.getDirectParameters()) {
                        Parameter weight = pair.getValue();
                        if (weight.getType() != Parameter.Type.WEIGHT) {
                            continue;
                        }
                        long size = weight.getArray().size();
                        long zeros = size - ParamValues.nonZero(weight.getArray());
                        layers.put(path, size == 0 ? 0.0 : 100.0 * zeros / size);
                        zerosAndTotal[0] += zeros;
                        zerosAndTotal[1] += size;
                    }
                });
        double global =
                zerosAndTotal[1] == 0 ? Double.NaN : 100.0 * zerosAndTotal[0] / zerosAndTotal[1];
        return new Sparsity(layers, global);
    }

    /**
     * Returns how many bytes {@code block.saveParameters} writes, counted without writing a file.
     *
     * @param block the model, initialized
     * @return the size in bytes
     * @throws IllegalArgumentException if the block is null
     * @throws IllegalStateException if the block is not initialized
     * @throws java.io.UncheckedIOException if the block's own save code fails
     */
    public static long serializedSize(Block block) {
        BlockChecks.initialized("block", block);
        return ModelSize.serializedSize(block);
    }

    /**
     * Returns the size on disk of the block saved with {@link ai.fasterai.core.io.ModelFile}
     * (architecture spec plus parameters), measured by saving it to a temporary file. A block whose
     * structure cannot be described (it holds DJL lambda or parallel blocks) is measured by its
     * parameter bytes, {@link #serializedSize}.
     *
     * @param block the model, initialized
     * @return the size in bytes
     * @throws IllegalArgumentException if the block is null
     * @throws IllegalStateException if the block is not initialized
     */
    public static long sizeOnDisk(Block block) {
        BlockChecks.initialized("block", block);
        return ModelSize.fileSize(block);
    }

    /**
     * Returns the size of a saved model file.
     *
     * @param path the file
     * @return its size in bytes
     * @throws IllegalArgumentException if the path is null or not a regular file
     * @throws IOException if the size cannot be read
     */
    public static long fileSize(Path path) throws IOException {
        Checks.notNull("path", path);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("path must be a regular file, got " + path);
        }
        return Files.size(path);
    }

    private static List<LayerStats> layers(List<BlockNode> nodes) {
        List<LayerStats> rows = new ArrayList<>();
        for (BlockNode node : nodes) {
            if (!node.isLeaf()) {
                continue;
            }
            long[] counts = ParamValues.count(node.getBlock());
            rows.add(
                    new LayerStats(
                            node.getPath(),
                            node.getType(),
                            node.getOutputShapes().get(0),
                            counts[0],
                            counts[2],
                            MacCounters.count(node)));
        }
        return Collections.unmodifiableList(rows);
    }

    private static long macs(List<BlockNode> nodes) {
        long total = 0;
        for (BlockNode node : nodes) {
            total += MacCounters.count(node);
        }
        return total;
    }
}
