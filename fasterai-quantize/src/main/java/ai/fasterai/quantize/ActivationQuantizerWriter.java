/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.types.Shape;
import ai.fasterai.export.OnnxAttributes;
import ai.fasterai.export.OnnxBlockWriter;
import ai.fasterai.export.OnnxExportContext;

/**
 * Writes an {@link ActivationQuantizer}: {@code QuantizeLinear -> DequantizeLinear} with its fixed
 * scale and zero point, or {@code DynamicQuantizeLinear -> DequantizeLinear} when dynamic.
 */
final class ActivationQuantizerWriter implements OnnxBlockWriter<ActivationQuantizer> {

    @Override
    public Class<ActivationQuantizer> blockClass() {
        return ActivationQuantizer.class;
    }

    @Override
    public String write(
            ActivationQuantizer block, OnnxExportContext context, String input, Shape shape) {
        switch (block.getMode()) {
            case FROZEN:
                return QdqNodes.quantizeDequantize(context, input, block.getParams(), "q");
            case DYNAMIC:
                String[] q =
                        context.getGraph()
                                .addNode(
                                        "DynamicQuantizeLinear",
                                        context.name("dynamic_quantize"),
                                        OnnxAttributes.of(),
                                        3,
                                        input);
                return context.getGraph()
                        .addNode(
                                "DequantizeLinear",
                                context.name("dequantize"),
                                OnnxAttributes.of(),
                                q[0],
                                q[1],
                                q[2]);
            default:
                throw context.cannotExport(
                        block,
                        "the quantizer is in mode "
                                + block.getMode()
                                + "; convert the model first (Quantizer.quantize, or the end of"
                                + " QuantizeCallback's fit)");
        }
    }
}
