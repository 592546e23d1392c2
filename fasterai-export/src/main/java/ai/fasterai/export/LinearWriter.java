/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/**
 * DJL's {@link Linear}, {@code y = x W^T + b} over the input's last axis. On a 2-D input it is one
 * ONNX {@code Gemm} ({@code transB=1}); {@code Gemm} only takes matrices, so on a higher-rank input
 * (DJL keeps the leading axes, {@code (N, ..., in) -> (N, ..., units)}) it is a {@code MatMul} with
 * the transposed weight, which broadcasts over the leading axes, then an {@code Add} of the bias.
 */
final class LinearWriter implements OnnxBlockWriter<Linear> {

    @Override
    public Class<Linear> blockClass() {
        return Linear.class;
    }

    @Override
    public String write(Linear linear, OnnxExportContext context, String input, Shape shape) {
        NDArray weight = BuiltInWriters.parameter(linear, "weight").getArray();
        long units = weight.getShape().get(0);
        long features = weight.getShape().get(1);
        BuiltInWriters.requireSize(
                context, linear, shape, shape.dimension() - 1, features, "input features");
        Parameter bias = BuiltInWriters.parameter(linear, "bias");
        OnnxGraph graph = context.getGraph();
        if (shape.dimension() == 2) {
            OnnxAttributes attributes =
                    OnnxAttributes.of().real("alpha", 1f).real("beta", 1f).integer("transB", 1);
            String w = context.addWeight("weight", weight);
            if (bias == null) {
                return graph.addNode("Gemm", context.name("gemm"), attributes, input, w);
            }
            String b = context.addWeight("bias", bias.getArray());
            return graph.addNode("Gemm", context.name("gemm"), attributes, input, w, b);
        }
        // The transpose is done here, once, rather than by a Transpose node at every run.
        float[] values = weight.toFloatArray();
        float[] transposed = new float[values.length];
        for (int u = 0; u < units; u++) {
            for (int f = 0; f < features; f++) {
                transposed[(int) (f * units + u)] = values[(int) (u * features + f)];
            }
        }
        String wt = graph.addInitializer(context.name("weightT"), transposed, features, units);
        String product =
                graph.addNode("MatMul", context.name("matmul"), OnnxAttributes.of(), input, wt);
        if (bias == null) {
            return product;
        }
        String b = context.addWeight("bias", bias.getArray());
        return graph.addNode("Add", context.name("add"), OnnxAttributes.of(), product, b);
    }
}
