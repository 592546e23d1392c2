/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;

/** The hand-written protobuf encoding is a model ONNX Runtime loads and runs. */
class OnnxGraphTest {

    @Test
    void gemmAndReluGraphRunsInOnnxRuntime() throws Exception {
        OnnxGraph graph = new OnnxGraph();
        String input = graph.setInput("input", 3);
        // y = relu(x W^T + b), W (2 x 3)
        String w = graph.addInitializer("w", new float[] {1, 0, -1, 2, 1, 0}, 2, 3);
        String b = graph.addInitializer("b", new float[] {0.5f, -10}, 2);
        String gemm =
                graph.addNode(
                        "Gemm",
                        "fc",
                        OnnxAttributes.of().real("alpha", 1f).real("beta", 1f).integer("transB", 1),
                        input,
                        w,
                        b);
        String relu = graph.addNode("Relu", "relu", OnnxAttributes.of(), gemm);
        graph.setOutput(relu, 2);
        byte[] bytes = graph.toBytes(17, "test", "fasterai4j");
        assertArrayEquals(bytes, rebuild(), "same graph, same bytes");

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions());
                OnnxTensor x =
                        OnnxTensor.createTensor(
                                env,
                                FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6}),
                                new long[] {2, 3});
                OrtSession.Result result = session.run(Map.of("input", x))) {
            float[][] y = (float[][]) result.get(0).getValue();
            assertEquals(2, y.length);
            assertArrayEquals(new float[] {0, 0}, y[0], 1e-6f); // (1-3+0.5, 2+2-10) -> relu
            assertArrayEquals(new float[] {0, 3}, y[1], 1e-6f); // (4-6+0.5, 8+5-10)
        }
    }

    private static byte[] rebuild() {
        OnnxGraph graph = new OnnxGraph();
        String input = graph.setInput("input", 3);
        String w = graph.addInitializer("w", new float[] {1, 0, -1, 2, 1, 0}, 2, 3);
        String b = graph.addInitializer("b", new float[] {0.5f, -10}, 2);
        String gemm =
                graph.addNode(
                        "Gemm",
                        "fc",
                        OnnxAttributes.of().real("alpha", 1f).real("beta", 1f).integer("transB", 1),
                        input,
                        w,
                        b);
        String relu = graph.addNode("Relu", "relu", OnnxAttributes.of(), gemm);
        graph.setOutput(relu, 2);
        return graph.toBytes(17, "test", "fasterai4j");
    }
}
