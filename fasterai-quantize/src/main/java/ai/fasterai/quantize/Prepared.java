/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.nn.Block;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A network rewritten by {@link QuantPreparer}: its quantized layers and quantizers by path. */
final class Prepared {

    private final Block block;
    private final List<QuantizedLayer> layers;
    private final Map<String, QuantizedLayer> layerPaths;
    private final Map<String, ActivationQuantizer> quantizers;
    private final Map<String, String> fp32;
    private final QuantMethod method;
    private final ObserverType observer;

    Prepared(
            Block block,
            List<QuantizedLayer> layers,
            Map<String, QuantizedLayer> layerPaths,
            Map<String, ActivationQuantizer> quantizers,
            Map<String, String> fp32,
            QuantMethod method,
            ObserverType observer) {
        this.block = block;
        this.layers = layers;
        this.layerPaths = layerPaths;
        this.quantizers = quantizers;
        this.fp32 = fp32;
        this.method = method;
        this.observer = observer;
    }

    Block block() {
        return block;
    }

    Map<String, ActivationQuantizer> quantizers() {
        return quantizers;
    }

    /**
     * Freezes every quantizer, then converts every layer.
     *
     * @throws IllegalStateException naming the first quantizer that saw no data
     */
    void convert() {
        List<String> unseen = new ArrayList<>();
        for (Map.Entry<String, ActivationQuantizer> e : quantizers.entrySet()) {
            if (!e.getValue().hasData()
                    && e.getValue().getMode() != ActivationQuantizer.Mode.DYNAMIC) {
                unseen.add(e.getKey());
            }
        }
        if (!unseen.isEmpty()) {
            throw new IllegalStateException(
                    "the observers at "
                            + unseen
                            + " saw no data: the calibration batches never reached them (pass"
                            + " calibration data that runs through the whole model)");
        }
        for (ActivationQuantizer q : quantizers.values()) {
            q.freeze();
        }
        for (QuantizedLayer layer : layers) {
            layer.convert();
        }
    }

    /** Switches the QAT layers and quantizers on or off (fake quantization while training). */
    void setLayersMode(QuantizedLayer.Mode mode) {
        for (QuantizedLayer layer : layers) {
            layer.setMode(mode);
        }
    }

    QuantReport report() {
        return QuantReport.of(method, observer, layerPaths, quantizers, fp32);
    }
}
