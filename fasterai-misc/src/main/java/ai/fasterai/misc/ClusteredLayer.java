/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fasterai.core.io.ParameterLoading;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A {@link Linear} or {@link Conv2d} whose weight holds at most {@link #getClusters()} distinct
 * values, stored compactly: {@link #saveParameters} writes the weight as a float codebook and
 * indices of {@code ceil(log2 k)} bits each (Deep Compression's weight sharing), the bias as plain
 * floats. {@link WeightClusterer} makes these.
 *
 * <p>Everything else is the wrapped layer's: the forward pass, the output shapes, and its
 * parameters, which are this block's only parameters (under the child's name, e.g. {@code
 * 01Linear}). A trainer therefore trains them as usual; {@link ClusterCallback} keeps them
 * clustered while it does. A weight with more distinct values than {@link #getClusters()} cannot be
 * saved (fine-tune with {@link ClusterCallback}, or cluster again).
 *
 * <p>{@code ai.fasterai.core.io.ModelFile} saves and loads it through a handler this module
 * registers (type {@code fasterai.misc.ClusteredLayer}), so {@code ModelStats.sizeOnDisk} measures
 * the compact size.
 */
public final class ClusteredLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block layer;
    private final int clusters;

    /** Wraps a layer under the child name {@code 01Linear} or {@code 01Conv2d}. */
    ClusteredLayer(Block layer, int clusters) {
        this(layer, clusters, "01" + layer.getClass().getSimpleName());
    }

    /** Wraps a layer under a given child name: a loaded model keeps the names it was saved with. */
    ClusteredLayer(Block layer, int clusters, String childName) {
        super(VERSION);
        if (layer == null
                || (layer.getClass() != Linear.class && layer.getClass() != Conv2d.class)) {
            throw new IllegalArgumentException(
                    "a ClusteredLayer wraps a Linear or a Conv2d, got "
                            + (layer == null ? "null" : layer.getClass().getName()));
        }
        WeightClusterer.checkClusters(clusters);
        this.layer = layer;
        this.clusters = clusters;
        // Added directly rather than with addChildBlock, which would prefix another number.
        children.add(childName, layer);
    }

    /**
     * Returns the wrapped layer, whose parameters are this block's.
     *
     * @return the {@link Linear} or {@link Conv2d}
     */
    public Block getLayer() {
        return layer;
    }

    /**
     * Returns the most distinct weight values the layer may hold: the clusters it was made with.
     *
     * @return the cluster count, 2..65536
     */
    public int getClusters() {
        return clusters;
    }

    /**
     * Returns the weight's distinct values, ascending: the codebook the layer is saved with. It has
     * fewer than {@link #getClusters()} entries when some clusters are empty.
     *
     * @return a new array
     * @throws IllegalStateException if the layer is not initialized or its weight holds more than
     *     {@link #getClusters()} distinct values
     */
    public float[] getCodebook() {
        return codebook(weight().getArray().toFloatArray());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return layer.forward(parameterStore, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return layer.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        layer.initialize(manager, dataType, inputShapes);
    }

    /**
     * Writes the wrapped layer's parameters in the compact form of {@code CodebookFormat}:
     * codebook, packed indices, plain bias. No DJL metadata is written: the layer's input shapes
     * come back when the loaded block is initialized, as {@code ModelFile.load} does.
     *
     * @param os the stream
     * @throws IOException if the stream fails
     * @throws IllegalStateException if the weight holds more than {@link #getClusters()} distinct
     *     values
     */
    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        NDArray w = weight().getArray();
        float[] values = w.toFloatArray();
        float[] codebook = codebook(values);
        Parameter bias = bias();
        CodebookFormat.write(
                os,
                w.getShape(),
                codebook,
                KMeans1d.assign(values, codebook),
                bias == null ? null : bias.getArray().toFloatArray());
    }

    /**
     * Reads what {@link #saveParameters} wrote. Into a freshly built block the arrays are set; into
     * an initialized one (as {@code ModelFile.loadParameters} does) they are overwritten in place,
     * after a shape check.
     *
     * @param manager owns new arrays
     * @param is the stream
     * @throws IOException if the stream fails
     * @throws MalformedModelException if the bytes are not a clustered layer of this shape
     */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        CodebookFormat.Decoded decoded = CodebookFormat.read(is);
        Parameter bias = bias();
        if ((bias == null) != (decoded.bias() == null)) {
            throw new MalformedModelException(
                    "the stored clustered layer "
                            + (decoded.bias() == null ? "has no" : "has a")
                            + " bias, the "
                            + layer.getClass().getSimpleName()
                            + (bias == null ? " has none" : " has one"));
        }
        ParameterLoading.setValues(weight(), manager, decoded.weight(), decoded.shape());
        if (bias != null) {
            ParameterLoading.setValues(
                    bias, manager, decoded.bias(), new Shape(decoded.bias().length));
        }
    }

    private float[] codebook(float[] values) {
        float[] codebook = KMeans1d.distinctUpTo(values, clusters);
        if (codebook == null) {
            throw new IllegalStateException(
                    "the weight of this clustered "
                            + layer.getClass().getSimpleName()
                            + " holds more than "
                            + clusters
                            + " distinct values, so it cannot be stored as a codebook; fine-tune"
                            + " it with ClusterCallback, or cluster it again with WeightClusterer");
        }
        return codebook;
    }

    private Parameter weight() {
        return layer.getDirectParameters().get("weight");
    }

    private Parameter bias() {
        return layer.getDirectParameters().contains("bias")
                ? layer.getDirectParameters().get("bias")
                : null;
    }
}
