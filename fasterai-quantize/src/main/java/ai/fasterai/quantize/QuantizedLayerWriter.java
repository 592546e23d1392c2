/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.fasterai.export.OnnxAttributes;
import ai.fasterai.export.OnnxBlockWriter;
import ai.fasterai.export.OnnxExportContext;
import ai.fasterai.export.OnnxGraph;

/**
 * Writes a converted {@link QuantizedLayer} the way ONNX Runtime fuses into int8 kernels: integer
 * weights behind a {@code DequantizeLinear} (per channel, {@code axis=0}), an int32 bias behind its
 * own {@code DequantizeLinear} (scale = input scale x weight scale, zero point 0), and a {@code
 * Conv} or a {@code Gemm} with {@code alpha} and {@code beta} written out. If the input does not
 * come straight from a {@code DequantizeLinear} (it went through a max pool or a flatten, which
 * keep the grid), a {@code QuantizeLinear -> DequantizeLinear} with the input's own parameters is
 * added; on values already on that grid it changes nothing.
 */
final class QuantizedLayerWriter implements OnnxBlockWriter<QuantizedLayer> {

    @Override
    public Class<QuantizedLayer> blockClass() {
        return QuantizedLayer.class;
    }

    @Override
    public String write(
            QuantizedLayer block, OnnxExportContext context, String input, Shape shape) {
        if (block.getMode() != QuantizedLayer.Mode.CONVERTED) {
            throw context.cannotExport(
                    block,
                    "the layer is in mode "
                            + block.getMode()
                            + "; convert the model first (Quantizer.quantize, or the end of"
                            + " QuantizeCallback's fit)");
        }
        OnnxGraph graph = context.getGraph();
        String x = input;
        QuantParams in = block.getInputParams();
        if (in != null && !"DequantizeLinear".equals(graph.producerOf(input))) {
            x = QdqNodes.quantizeDequantize(context, input, in, "input");
        }
        QuantParams wp = block.getWeightParams();
        int weightType = wp.qmin() < 0 ? OnnxGraph.INT8 : OnnxGraph.UINT8;
        int[] q = block.getWeightIntegers();
        long[] dims =
                block.getLayer().getParameters().get("weight").getArray().getShape().getShape();
        String bias = bias(block, context);
        if (block.getLayer() instanceof Conv2d) {
            if (shape.dimension() != 4) {
                throw context.cannotExport(block, "a Conv2d needs a rank-4 input, got " + shape);
            }
            String w =
                    QdqNodes.dequantizedInitializer(
                            context, "weight", weightType, QdqNodes.bytes(q), dims, wp, 0);
            OnnxAttributes attributes = OnnxAttributes.conv((Conv2d) block.getLayer());
            return bias == null
                    ? graph.addNode("Conv", context.name("conv"), attributes, x, w)
                    : graph.addNode("Conv", context.name("conv"), attributes, x, w, bias);
        }
        if (shape.dimension() == 2) {
            String w =
                    QdqNodes.dequantizedInitializer(
                            context, "weight", weightType, QdqNodes.bytes(q), dims, wp, 0);
            OnnxAttributes attributes =
                    OnnxAttributes.of().real("alpha", 1f).real("beta", 1f).integer("transB", 1);
            return bias == null
                    ? graph.addNode("Gemm", context.name("gemm"), attributes, x, w)
                    : graph.addNode("Gemm", context.name("gemm"), attributes, x, w, bias);
        }
        // Rank > 2: MatMul with the weight transposed once here, so channels move to axis 1.
        long units = dims[0];
        long features = dims[1];
        int[] transposed = new int[q.length];
        for (int u = 0; u < units; u++) {
            for (int f = 0; f < features; f++) {
                transposed[(int) (f * units + u)] = q[(int) (u * features + f)];
            }
        }
        String wt =
                QdqNodes.dequantizedInitializer(
                        context,
                        "weightT",
                        weightType,
                        QdqNodes.bytes(transposed),
                        new long[] {features, units},
                        wp,
                        1);
        String product =
                graph.addNode("MatMul", context.name("matmul"), OnnxAttributes.of(), x, wt);
        return bias == null
                ? product
                : graph.addNode("Add", context.name("add"), OnnxAttributes.of(), product, bias);
    }

    private static String bias(QuantizedLayer block, OnnxExportContext context) {
        Parameter bias = block.bias();
        if (bias == null) {
            return null;
        }
        int[] q = block.getBiasIntegers();
        if (q == null) {
            return context.addWeight("bias", bias.getArray());
        }
        float[] scale = block.getBiasScale();
        QuantParams params =
                new QuantParams(
                        scale, new int[scale.length], Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        return QdqNodes.dequantizedInitializer(
                context,
                "bias",
                OnnxGraph.INT32,
                QdqNodes.int32(q),
                new long[] {q.length},
                params,
                0);
    }
}
