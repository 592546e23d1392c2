/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

/** A hand-built ONNX graph, {@code relu(x W^T + b)} with W (2 x 3), shared by the runtime tests. */
final class GemmReluGraph {

    static final float[] W = {1, 0, -1, 2, 1, 0};
    static final float[] B = {0.5f, -10};

    private GemmReluGraph() {}

    /** The graph's bytes: input "input" (batch, 3), output "relu" (batch, 2). */
    static byte[] bytes() {
        OnnxGraph graph = new OnnxGraph();
        String input = graph.setInput("input", 3);
        String w = graph.addInitializer("w", W, 2, 3);
        String b = graph.addInitializer("b", B, 2);
        String fc =
                graph.addNode(
                        "Gemm",
                        "fc",
                        OnnxAttributes.of().real("alpha", 1f).real("beta", 1f).integer("transB", 1),
                        input,
                        w,
                        b);
        String relu = graph.addNode("Relu", "relu", OnnxAttributes.of(), fc);
        graph.setOutput(relu, 2);
        return graph.toBytes(17, "gemm", "fasterai4j");
    }
}
