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
