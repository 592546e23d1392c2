/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which channels of which layers must be removed together, found by tracing the network once (in
 * the spirit of Torch-Pruning's DepGraph). Channels flow through {@code SequentialBlock} chains,
 * BatchNorm, per-channel blocks (activations, pooling, dropout), flattening into a Linear (channel
 * c owns its H*W features), residual adds (all summands share a channel group), concatenation
 * (index offsets), depthwise convolutions (input channel = output channel) and nested blocks.
 *
 * <p>DJL's {@code LambdaBlock}s and {@code ParallelBlock} joins are opaque; they are probed with
 * random inputs: a block whose output on a subset of channels equals the same subset of its output
 * acts per channel, a join that equals the sum or the concatenation of its branches is one. A
 * parameterless block that mixes channels (a fixed reshape, a softmax over channels), a grouped
 * convolution or a layer of unknown type with parameters pins its channels: they are never removed,
 * and {@link #getPinReasons()} says why. A container whose wiring is unknown, or a join that is
 * neither, stops the analysis with a message naming its path and type.
 *
 * <pre>{@code
 * DependencyGraph graph = DependencyGraph.of(resnet, new Shape(1, 1, 28, 28));
 * for (ChannelGroup group : graph.getGroups()) {
 *     System.out.println(group);   // 16 channels of [01Conv2d, 02Residual/..., ...]
 * }
 * }</pre>
 */
public final class DependencyGraph {

    private final Atoms atoms;
    private final List<LayerUse> layers;
    private final List<ChannelGroup> groups;

    private DependencyGraph(Atoms atoms, List<LayerUse> layers, List<ChannelGroup> groups) {
        this.atoms = atoms;
        this.layers = layers;
        this.groups = groups;
    }

    /**
     * Analyzes an initialized block for one input shape.
     *
     * @param block the network, initialized
     * @param inputShape the input's shape, batch included (e.g. {@code (1, 1, 28, 28)})
     * @return the graph
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, or a
     *     block cannot be analyzed (the message names its path and type)
     */
    public static DependencyGraph of(Block block, Shape inputShape) {
        Checks.notNull("block", block);
        Checks.notNull("inputShape", inputShape);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "block must be initialized (fit it, load it or call initialize) before it is"
                            + " analyzed for pruning");
        }
        try (GraphTracer tracer = new GraphTracer()) {
            tracer.traceRoot(block, inputShape);
            return new DependencyGraph(
                    tracer.atoms, tracer.layers, groupsOf(tracer.atoms, tracer.layers));
        }
    }

    /** Groups unpinned classes by the set of layers producing them, in network order. */
    private static List<ChannelGroup> groupsOf(Atoms atoms, List<LayerUse> layers) {
        Map<Integer, Set<String>> producers = new LinkedHashMap<>();
        for (LayerUse layer : layers) {
            if (!layer.produces()) {
                continue;
            }
            for (int atom : layer.outAtoms) {
                if (!atoms.isPinned(atom)) {
                    producers
                            .computeIfAbsent(atoms.find(atom), r -> new LinkedHashSet<>())
                            .add(layer.path);
                }
            }
        }
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, List<Integer>> roots = new LinkedHashMap<>();
        for (Map.Entry<Integer, Set<String>> entry : producers.entrySet()) {
            List<String> paths = new ArrayList<>(entry.getValue());
            String key = String.join(",", paths);
            names.putIfAbsent(key, paths);
            roots.computeIfAbsent(key, k -> new ArrayList<>()).add(entry.getKey());
        }
        List<ChannelGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : names.entrySet()) {
            int[] r = roots.get(entry.getKey()).stream().mapToInt(Integer::intValue).toArray();
            groups.add(new ChannelGroup(entry.getValue(), r));
        }
        return Collections.unmodifiableList(groups);
    }

    /**
     * Returns the groups of channels that can be pruned, in network order.
     *
     * @return the groups; unmodifiable
     */
    public List<ChannelGroup> getGroups() {
        return groups;
    }

    /**
     * Returns why some channels can never be removed (the network's input and output, blocks that
     * mix channels, grouped convolutions, layers of unknown type).
     *
     * @return one line per distinct reason
     */
    public List<String> getPinReasons() {
        return atoms.pinReasons();
    }

    /**
     * Finds the group a layer produces channels for.
     *
     * @param path the layer's path
     * @return the group, or null if the layer produces no prunable channels
     */
    public ChannelGroup groupOf(String path) {
        for (ChannelGroup group : groups) {
            if (group.getLayers().contains(path)) {
                return group;
            }
        }
        return null;
    }

    Atoms atoms() {
        return atoms;
    }

    List<LayerUse> layers() {
        return layers;
    }

    /**
     * Lists the groups, one per line.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("DependencyGraph: ").append(groups.size()).append(" groups");
        for (ChannelGroup group : groups) {
            sb.append(System.lineSeparator()).append("  ").append(group);
        }
        return sb.toString();
    }
}
