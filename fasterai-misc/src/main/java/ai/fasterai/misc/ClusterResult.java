/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.nn.Block;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link WeightClusterer} produced: the clustered copy of the network, each clustered layer's
 * codebook and stored size, and the layers whose weights were kept as they were, with the reason.
 */
public final class ClusterResult {

    /**
     * One clustered layer.
     *
     * @param path the layer's path (of its {@link ClusteredLayer} in the result)
     * @param codebook the distinct weight values, ascending; its length is the number of clusters
     *     actually used, at most the requested number
     * @param weights the number of weights N
     * @param bits the bits stored per weight, {@code max(1, ceil(log2 codebook.length))}
     * @param iterations the Lloyd updates made (0 when the values were kept)
     * @param converged true when no assignment changed at the end
     * @param compressedBytes the bytes the layer takes in a model file's parameters: codebook,
     *     packed indices, bias and the format's fixed header (see {@link ClusteredLayer})
     * @param originalBytes the bytes of its float32 weight and bias values, without headers
     */
    public record Layer(
            String path,
            float[] codebook,
            long weights,
            int bits,
            int iterations,
            boolean converged,
            long compressedBytes,
            long originalBytes) {

        /**
         * Returns the codebook.
         *
         * @return a copy of the distinct weight values, ascending
         */
        @Override
        public float[] codebook() {
            return codebook.clone();
        }

        /**
         * Returns the number of clusters used.
         *
         * @return the codebook's length
         */
        public int clusters() {
            return codebook.length;
        }
    }

    private final Block block;
    private final Model model;
    private final Map<String, Layer> layers;
    private final Map<String, String> kept;

    ClusterResult(Block block, Model model, Map<String, Layer> layers, Map<String, String> kept) {
        this.block = block;
        this.model = model;
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        this.kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    }

    ClusterResult withModel(Model owner) {
        return new ClusterResult(block, owner, layers, kept);
    }

    /**
     * Returns the new model holding the clustered network, when a model was clustered.
     *
     * @return the new model (the caller closes it), or null when a block was clustered
     */
    public Model getModel() {
        return model;
    }

    /**
     * Returns the clustered network, a copy in which each clustered layer is a {@link
     * ClusteredLayer}: the input network is unchanged.
     *
     * @return the clustered block, initialized
     */
    public Block getBlock() {
        return block;
    }

    /**
     * Returns the clustered layers, in tree order.
     *
     * @return layer path to its report
     */
    public Map<String, Layer> getLayers() {
        return layers;
    }

    /**
     * Returns the number of clusters a layer uses.
     *
     * @param path a clustered layer's path
     * @return its codebook's length
     * @throws IllegalArgumentException if the path is not a clustered layer
     */
    public int getClusters(String path) {
        return layer(path).clusters();
    }

    /**
     * Returns a layer's codebook.
     *
     * @param path a clustered layer's path
     * @return a copy of its distinct weight values, ascending
     * @throws IllegalArgumentException if the path is not a clustered layer
     */
    public float[] getCodebook(String path) {
        return layer(path).codebook();
    }

    /**
     * Returns the selected layers whose weights were kept as they were, with the reason: too few
     * distinct values (such a layer is still wrapped, with its values as the codebook) or values
     * that cannot be clustered (not float32, not finite; such a layer is left as it was).
     *
     * @return layer path to reason
     */
    public Map<String, String> getKept() {
        return kept;
    }

    /**
     * Returns what the clustered layers take in a model file's parameter section, summed over
     * {@link Layer#compressedBytes()}: per layer {@code 8 + 8 r + 4 k + ceil(N b / 8)} bytes for a
     * rank-{@code r} weight of N values with a k-entry codebook and b-bit indices, plus {@code 4 +
     * 4 M} for a bias of M values.
     *
     * @return the byte count
     */
    public long compressedSizeBytes() {
        long total = 0;
        for (Layer layer : layers.values()) {
            total += layer.compressedBytes();
        }
        return total;
    }

    /**
     * Returns the bytes of the clustered layers' float32 weights and biases before clustering,
     * summed over {@link Layer#originalBytes()}.
     *
     * @return the byte count
     */
    public long originalSizeBytes() {
        long total = 0;
        for (Layer layer : layers.values()) {
            total += layer.originalBytes();
        }
        return total;
    }

    @Override
    public String toString() {
        long compressed = compressedSizeBytes();
        return String.format(
                Locale.ROOT,
                "Clustered %d layers: %d -> %d bytes (%.2fx), kept %d%s",
                layers.size(),
                originalSizeBytes(),
                compressed,
                compressed == 0 ? 0.0 : (double) originalSizeBytes() / compressed,
                kept.size(),
                kept.isEmpty() ? "" : kept.toString());
    }

    private Layer layer(String path) {
        Layer layer = layers.get(path);
        if (layer == null) {
            throw new IllegalArgumentException(
                    "path '" + path + "' is not a clustered layer; they are " + layers.keySet());
        }
        return layer;
    }
}
