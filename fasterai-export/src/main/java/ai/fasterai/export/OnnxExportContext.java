/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * What a {@link OnnxBlockWriter} gets besides its block: the graph, the block's path (for names and
 * messages), and the way to write its children.
 */
public final class OnnxExportContext {

    private final OnnxExporter exporter;
    private final OnnxGraph graph;
    private final String path;

    OnnxExportContext(OnnxExporter exporter, OnnxGraph graph, String path) {
        this.exporter = exporter;
        this.graph = graph;
        this.path = path;
    }

    /**
     * Returns the graph being built.
     *
     * @return the graph
     */
    public OnnxGraph getGraph() {
        return graph;
    }

    /**
     * Returns the block's path in the model ("" for the root), as {@code LayerPaths} names it.
     *
     * @return the path
     */
    public String getPath() {
        return path;
    }

    /**
     * Returns a name hint for a tensor of this block, e.g. {@code "03Conv2d/weight"}.
     *
     * @param suffix what the tensor is
     * @return the hint
     */
    public String name(String suffix) {
        return path.isEmpty() ? suffix : path + "/" + suffix;
    }

    /**
     * Adds a parameter array as a float initializer.
     *
     * @param suffix what the tensor is, e.g. {@code "weight"}
     * @param array the values
     * @return the initializer's name
     */
    public String addWeight(String suffix, NDArray array) {
        return graph.addInitializer(
                name(suffix), array.toFloatArray(), array.getShape().getShape());
    }

    /**
     * Writes a child block through the writer registered for its class.
     *
     * @param child the child block
     * @param childName the child's DJL name, appended to this block's path
     * @param input the tensor the child reads
     * @param inputShape the input's shape, batch included
     * @return the tensor the child produces
     * @throws IllegalArgumentException if the child (or a block inside it) cannot be exported
     */
    public String writeChild(Block child, String childName, String input, Shape inputShape) {
        String childPath = path.isEmpty() ? childName : path + "/" + childName;
        return exporter.write(child, childPath, graph, input, inputShape);
    }

    /**
     * Refuses the block: the message names its path and type.
     *
     * @param block the block
     * @param why what cannot be expressed
     * @return the exception to throw
     */
    public IllegalArgumentException cannotExport(Block block, String why) {
        return OnnxExporter.cannotExport(path, block, why);
    }
}
