/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operators of the graph ONNX Runtime actually runs: the session saves its optimized graph
 * ({@code optimized_model_filepath}), whose node types are read here with protobuf's wire reader
 * (ModelProto.graph = 7, GraphProto.node = 1, NodeProto.op_type = 4). Tells whether QDQ pairs were
 * fused into int8 kernels ({@code QLinearConv}, ...).
 */
final class OnnxOps {

    private OnnxOps() {}

    static List<String> optimized(Path model, Path folder) throws Exception {
        Path out = folder.resolve("optimized-" + model.getFileName());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setOptimizedModelFilePath(out.toString());
            try (OrtSession ignored =
                    OrtEnvironment.getEnvironment().createSession(model.toString(), options)) {
                // Creating the session writes the optimized graph.
            }
        }
        return opTypes(Files.readAllBytes(out));
    }

    static List<String> opTypes(byte[] model) throws IOException {
        List<String> ops = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(model);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag >>> 3 == 7) {
                CodedInputStream graph = CodedInputStream.newInstance(in.readByteArray());
                for (int g = graph.readTag(); g != 0; g = graph.readTag()) {
                    if (g >>> 3 == 1) {
                        CodedInputStream node = CodedInputStream.newInstance(graph.readByteArray());
                        for (int n = node.readTag(); n != 0; n = node.readTag()) {
                            if (n >>> 3 == 4) {
                                ops.add(node.readString());
                            } else {
                                node.skipField(n);
                            }
                        }
                    } else {
                        graph.skipField(g);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return ops;
    }
}
