/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** The hand-written protobuf encoding is a model ONNX Runtime loads and runs. */
class OnnxGraphTest {

    @Test
    void aNodeWithThreeOutputsRunsAndProducersAreKnown() throws Exception {
        OnnxGraph graph = new OnnxGraph();
        String x = graph.setInput("x", 4);
        String[] q = graph.addNode("DynamicQuantizeLinear", "dq", OnnxAttributes.of(), 3, x);
        assertEquals(List.of("dq", "dq_1", "dq_2"), List.of(q));
        String y = graph.addNode("DequantizeLinear", "y", OnnxAttributes.of(), q);
        graph.setOutput(y, 4);
        assertEquals("DynamicQuantizeLinear", graph.producerOf("dq_2"));
        assertEquals("DequantizeLinear", graph.producerOf(y));
        assertNull(graph.producerOf(x));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(graph.toBytes(17, "g", "test"));
                OnnxTensor input =
                        OnnxTensor.createTensor(
                                env,
                                FloatBuffer.wrap(new float[] {-1f, 0f, 0.5f, 2f}),
                                new long[] {1, 4});
                OrtSession.Result result = session.run(Map.of("x", input))) {
            float[] out = new float[4];
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(out);
            // Range [-1, 2]: scale 3/255, zero point 85; each value comes back within half a step.
            float step = 3f / 255f;
            assertEquals(-1f, out[0], step / 2);
            assertEquals(0f, out[1], 0f);
            assertEquals(0.5f, out[2], step / 2);
            assertEquals(2f, out[3], step / 2);
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> graph.addNode("Relu", "r", OnnxAttributes.of(), 0, x));
        assertEquals("outputs must be >= 1, got 0", e.getMessage());
    }

    @Test
    void gemmAndReluGraphRunsInOnnxRuntime() throws Exception {
        byte[] bytes = GemmReluGraph.bytes();
        assertArrayEquals(bytes, GemmReluGraph.bytes(), "same graph, same bytes");

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
}
