/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.fasterai.core.model.Vgg;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared pieces of the quantize tests: a small VGG, forward passes, ONNX Runtime runs. */
final class QuantTesting {

    private QuantTesting() {}

    /** vgg16_bn at 1/8 width, one input channel, a 32-wide classifier. */
    static Block smallVgg(double width) {
        return Vgg.builder()
                .setDepth(16)
                .optInChannels(1)
                .optNumClasses(10)
                .optWidthMultiplier(width)
                .optClassifierWidth(32)
                .optPooledSize(1)
                .build();
    }

    /** The block's inference output as floats. */
    static float[] forward(Block block, NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray own = x.duplicate();
            own.attach(scope);
            return block.forward(new ParameterStore(scope, false), new NDList(own), false)
                    .head()
                    .toFloatArray();
        }
    }

    /**
     * Runs an ONNX file on ONNX Runtime, fused (int8 kernels) or with {@code
     * session.disable_quant_qdq=1} (each QuantizeLinear / DequantizeLinear computed as written).
     */
    static float[] ort(Path file, NDArray x, boolean fused) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            if (!fused) {
                options.addConfigEntry("session.disable_quant_qdq", "1");
            }
            try (OrtSession session = env.createSession(file.toString(), options);
                    OnnxTensor input =
                            OnnxTensor.createTensor(
                                    env,
                                    FloatBuffer.wrap(x.toFloatArray()),
                                    x.getShape().getShape());
                    OrtSession.Result result =
                            session.run(Map.of(session.getInputNames().iterator().next(), input))) {
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] values = new float[out.remaining()];
                out.get(values);
                return values;
            }
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " and " + b.length);
        }
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** Every parameter's values, in order. */
    static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.add(pair.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Calibration batches of standard normal inputs. */
    static List<NDList> randomBatches(NDManager manager, int batches, Shape shape) {
        List<NDList> list = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            list.add(new NDList(manager.randomNormal(shape)));
        }
        return list;
    }
}
