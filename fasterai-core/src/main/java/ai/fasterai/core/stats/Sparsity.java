/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.fasterai.core.util.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The share of zeros among the weights of convolution and linear layers, in percent, as fasterai's
 * {@code print_sparsity} reports it: per layer (by path) and over all those layers together. Biases
 * and other layers are left out.
 *
 * @param layers each layer's sparsity in percent, by path, in tree order; unmodifiable
 * @param global zeros over all those weights in percent, NaN when there is no such layer
 */
public record Sparsity(Map<String, Double> layers, double global) {

    /**
     * Copies the layer map, keeping its order.
     *
     * @param layers each layer's sparsity in percent, by path
     * @param global the sparsity over all those layers in percent, or NaN
     * @throws IllegalArgumentException if {@code layers} is null
     */
    public Sparsity {
        Checks.notNull("layers", layers);
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Double> layer : layers.entrySet()) {
            out.append(
                    String.format(Locale.ROOT, "%s: %.2f%%\n", layer.getKey(), layer.getValue()));
        }
        out.append(String.format(Locale.ROOT, "global: %.2f%%", global));
        return out.toString();
    }
}
