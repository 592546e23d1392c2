/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.fasterai.export.OnnxBlockWriter;
import ai.fasterai.export.OnnxWriterProvider;

import java.util.List;

/**
 * Registers the ONNX writers of {@link QuantizedLayer} and {@link ActivationQuantizer} with
 * fasterai-export's {@code OnnxExporter} (found by {@link java.util.ServiceLoader}), so a quantized
 * model exports as a QDQ graph with no extra call.
 */
public final class QuantizeWriterProvider implements OnnxWriterProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public QuantizeWriterProvider() {}

    /**
     * Returns this module's writers.
     *
     * @return the writers
     */
    @Override
    public List<OnnxBlockWriter<?>> writers() {
        return List.of(new QuantizedLayerWriter(), new ActivationQuantizerWriter());
    }
}
