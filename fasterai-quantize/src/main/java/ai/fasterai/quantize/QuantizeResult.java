/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.Model;
import ai.djl.nn.Block;

/** What {@link Quantizer#quantize} returns: the quantized network and the report. */
public final class QuantizeResult {

    private final Model model;
    private final Block block;
    private final QuantReport report;

    QuantizeResult(Model model, Block block, QuantReport report) {
        this.model = model;
        this.block = block;
        this.report = report;
    }

    /**
     * Returns the new model holding the quantized network (the caller closes it).
     *
     * @return the model, or null when a block was quantized
     */
    public Model getModel() {
        return model;
    }

    /**
     * Returns the quantized network.
     *
     * @return the block (a copy; the input is unchanged)
     */
    public Block getBlock() {
        return block;
    }

    /**
     * Returns the report.
     *
     * @return what was quantized, with which scales, and what stayed fp32
     */
    public QuantReport getReport() {
        return report;
    }

    @Override
    public String toString() {
        return report.toString();
    }
}
