/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.fasterai.core.io.BlockSpecHandler;
import ai.fasterai.core.io.BlockSpecProvider;

import java.util.List;

/**
 * Registers {@link QuantizedLayer} and {@link ActivationQuantizer} with core's {@code ModelFile}
 * (found by {@link java.util.ServiceLoader}), so quantized models save and load with their
 * structure and {@code ModelStats.sizeOnDisk} reports their integer size.
 */
public final class QuantizeBlockSpecProvider implements BlockSpecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public QuantizeBlockSpecProvider() {}

    /**
     * Returns the handlers of this module's blocks.
     *
     * @return the handlers
     */
    @Override
    public List<BlockSpecHandler<?>> handlers() {
        return List.of(new QuantizedLayerHandler(), new ActivationQuantizerHandler());
    }
}
