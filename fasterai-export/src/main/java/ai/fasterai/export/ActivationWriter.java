/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.fasterai.core.nn.ActivationBlock;

/**
 * Core's {@link ActivationBlock}: one ONNX operator per kind, except ReLU6 and GELU.
 *
 * <ul>
 *   <li>ReLU6 is {@code Clip(x, 0, 6)}; since opset 11 {@code Clip} takes its bounds as inputs,
 *       written as scalar initializers.
 *   <li>GELU: DJL's PyTorch engine calls {@code torch.nn.functional.gelu} with its default {@code
 *       approximate='none'}, the exact {@code x * Phi(x)}, not the tanh approximation. ONNX has a
 *       {@code Gelu} operator only from opset 20, so it is written in its erf form {@code x * 0.5 *
 *       (1 + erf(x / sqrt(2)))} with {@code Div}, {@code Erf}, {@code Add} and {@code Mul}, which
 *       every opset the exporter accepts runs.
 * </ul>
 */
final class ActivationWriter implements OnnxBlockWriter<ActivationBlock> {

    private static final float SQRT_2 = (float) Math.sqrt(2.0);

    @Override
    public Class<ActivationBlock> blockClass() {
        return ActivationBlock.class;
    }

    @Override
    public String write(
            ActivationBlock block, OnnxExportContext context, String input, Shape shape) {
        OnnxGraph graph = context.getGraph();
        OnnxAttributes none = OnnxAttributes.of();
        return switch (block.getKind()) {
            case RELU -> graph.addNode("Relu", context.name("relu"), none, input);
            case RELU6 ->
                    graph.addNode(
                            "Clip",
                            context.name("relu6"),
                            none,
                            input,
                            graph.addInitializer(context.name("min"), new float[] {0f}),
                            graph.addInitializer(context.name("max"), new float[] {6f}));
            case SIGMOID -> graph.addNode("Sigmoid", context.name("sigmoid"), none, input);
            case TANH -> graph.addNode("Tanh", context.name("tanh"), none, input);
            case GELU -> gelu(context, input);
            case IDENTITY -> graph.addNode("Identity", context.name("identity"), none, input);
        };
    }

    private static String gelu(OnnxExportContext context, String x) {
        OnnxGraph graph = context.getGraph();
        OnnxAttributes none = OnnxAttributes.of();
        String sqrt2 = graph.addInitializer(context.name("sqrt2"), new float[] {SQRT_2});
        String one = graph.addInitializer(context.name("one"), new float[] {1f});
        String half = graph.addInitializer(context.name("half"), new float[] {0.5f});
        String scaled = graph.addNode("Div", context.name("gelu_div"), none, x, sqrt2);
        String erf = graph.addNode("Erf", context.name("gelu_erf"), none, scaled);
        String shifted = graph.addNode("Add", context.name("gelu_add"), none, erf, one);
        String product = graph.addNode("Mul", context.name("gelu_mul"), none, x, shifted);
        return graph.addNode("Mul", context.name("gelu"), none, product, half);
    }
}
