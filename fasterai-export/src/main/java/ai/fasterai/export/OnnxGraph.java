/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph under construction: initializers (weights), nodes, one input and one output, with a
 * dynamic batch dimension. {@link #toBytes} writes it as an ONNX {@code ModelProto}, encoded with
 * protobuf-java's {@link CodedOutputStream} field by field (the field numbers are ONNX's {@code
 * onnx.proto3}; no generated classes). The same graph always gives the same bytes: names are made
 * deterministically and nothing time-dependent is written.
 *
 * <p>Block writers ({@link OnnxBlockWriter}) add to it: {@link #addInitializer} for a weight,
 * {@link #addNode} for an operator; both return the name of the tensor they produce, which the next
 * node takes as input.
 */
public final class OnnxGraph {

    /** ONNX {@code TensorProto.DataType.FLOAT}. */
    public static final int FLOAT = 1;

    /** ONNX {@code TensorProto.DataType.UINT8}. */
    public static final int UINT8 = 2;

    /** ONNX {@code TensorProto.DataType.INT8}. */
    public static final int INT8 = 3;

    /** ONNX {@code TensorProto.DataType.INT32}. */
    public static final int INT32 = 6;

    /** ONNX {@code TensorProto.DataType.INT64}. */
    public static final int INT64 = 7;

    private final Set<String> names = new HashSet<>();
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final Map<String, String> producers = new HashMap<>();
    private byte[] input;
    private byte[] output;
    private int counter;

    /** Creates an empty graph. */
    public OnnxGraph() {}

    /**
     * Returns a tensor or node name not used yet: the hint, or the hint with a number.
     *
     * @param hint the preferred name, e.g. a layer path
     * @return the unique name
     */
    public String uniqueName(String hint) {
        String base = hint == null || hint.isEmpty() ? "t" : hint;
        String name = base;
        while (!names.add(name)) {
            name = base + "_" + (++counter);
        }
        return name;
    }

    /**
     * Adds a float weight.
     *
     * @param hint the preferred name
     * @param values the values, row-major
     * @param dims the shape
     * @return the initializer's name
     */
    public String addInitializer(String hint, float[] values, long... dims) {
        ByteBuffer raw =
                ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return addRawInitializer(hint, FLOAT, raw.array(), dims);
    }

    /**
     * Adds an int64 constant (shapes, axes).
     *
     * @param hint the preferred name
     * @param values the values
     * @param dims the shape
     * @return the initializer's name
     */
    public String addInitializer(String hint, long[] values, long... dims) {
        ByteBuffer raw =
                ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return addRawInitializer(hint, INT64, raw.array(), dims);
    }

    /**
     * Adds a tensor given as little-endian bytes, for any ONNX data type (int8 weights, int32
     * biases).
     *
     * @param hint the preferred name
     * @param dataType the ONNX data type, e.g. {@link #INT8}
     * @param littleEndian the raw values
     * @param dims the shape
     * @return the initializer's name
     */
    public String addRawInitializer(String hint, int dataType, byte[] littleEndian, long... dims) {
        String name = uniqueName(hint);
        initializers.add(
                message(
                        out -> {
                            for (long d : dims) {
                                out.writeInt64(1, d);
                            }
                            out.writeInt32(2, dataType);
                            out.writeString(8, name);
                            out.writeByteArray(9, littleEndian);
                        }));
        return name;
    }

    /**
     * Adds a node with one output.
     *
     * @param opType the ONNX operator, e.g. {@code "Conv"}
     * @param hint the preferred name of the node and its output, e.g. the layer path
     * @param attributes the node's attributes
     * @param inputs the input tensor names, in the operator's order ("" for an omitted optional
     *     one)
     * @return the output tensor's name
     */
    public String addNode(String opType, String hint, OnnxAttributes attributes, String... inputs) {
        return addNode(opType, hint, attributes, 1, inputs)[0];
    }

    /**
     * Adds a node with several outputs (e.g. {@code DynamicQuantizeLinear}: values, scale, zero
     * point), named {@code hint}, {@code hint_1}, ...
     *
     * @param opType the ONNX operator
     * @param hint the preferred name of the node and its first output
     * @param attributes the node's attributes
     * @param outputs the number of outputs, {@code >= 1}
     * @param inputs the input tensor names, in the operator's order
     * @return the output tensors' names, in the operator's order
     * @throws IllegalArgumentException if {@code outputs < 1}
     */
    public String[] addNode(
            String opType, String hint, OnnxAttributes attributes, int outputs, String... inputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        String name = uniqueName(hint);
        String[] names = new String[outputs];
        names[0] = name;
        for (int i = 1; i < outputs; i++) {
            names[i] = uniqueName(name + "_" + i);
        }
        for (String output : names) {
            producers.put(output, opType);
        }
        nodes.add(
                message(
                        out -> {
                            for (String in : inputs) {
                                out.writeString(1, in);
                            }
                            for (String output : names) {
                                out.writeString(2, output);
                            }
                            out.writeString(3, name);
                            out.writeString(4, opType);
                            for (byte[] attribute : attributes.encoded()) {
                                out.writeByteArray(5, attribute);
                            }
                        }));
        return names;
    }

    /**
     * Returns the operator that produced a tensor, so a writer can tell, for example, whether its
     * input already comes out of a {@code DequantizeLinear}.
     *
     * @param tensor a tensor name
     * @return the producing node's operator, or null for the graph input, an initializer or an
     *     unknown name
     */
    public String producerOf(String tensor) {
        return producers.get(tensor);
    }

    /**
     * Declares the graph input: float, its first dimension the dynamic {@code batch}.
     *
     * @param name the input's name
     * @param dimsWithoutBatch the other dimensions
     * @return the name, reserved
     */
    public String setInput(String name, long... dimsWithoutBatch) {
        String unique = uniqueName(name);
        input = valueInfo(unique, dimsWithoutBatch, true);
        return unique;
    }

    /**
     * Declares the graph output: the tensor {@code name} (already produced by a node), float, its
     * first dimension the dynamic {@code batch}.
     *
     * @param name the tensor to expose
     * @param dimsWithoutBatch the other dimensions
     */
    public void setOutput(String name, long... dimsWithoutBatch) {
        output = valueInfo(name, dimsWithoutBatch, true);
    }

    /**
     * Encodes the graph as an ONNX model.
     *
     * @param opset the default-domain opset version
     * @param graphName the graph's name
     * @param producer the producer name written into the model
     * @return the model's bytes
     * @throws IllegalStateException if the input or output was not set
     */
    public byte[] toBytes(int opset, String graphName, String producer) {
        if (input == null || output == null) {
            throw new IllegalStateException("set the graph's input and output before encoding it");
        }
        byte[] graph =
                message(
                        out -> {
                            for (byte[] node : nodes) {
                                out.writeByteArray(1, node);
                            }
                            out.writeString(2, graphName);
                            for (byte[] initializer : initializers) {
                                out.writeByteArray(5, initializer);
                            }
                            out.writeByteArray(11, input);
                            out.writeByteArray(12, output);
                        });
        byte[] opsetImport =
                message(
                        out -> {
                            out.writeString(1, "");
                            out.writeInt64(2, opset);
                        });
        return message(
                out -> {
                    out.writeInt64(1, irVersion(opset));
                    out.writeString(2, producer);
                    out.writeByteArray(7, graph);
                    out.writeByteArray(8, opsetImport);
                });
    }

    /**
     * The IR version of the ONNX release that introduced the opset: 8 up to opset 18 (ONNX 1.13), 9
     * for 19 and 20, 10 for 21 and later. Writing the lowest IR version that allows the opset keeps
     * the file loadable by the oldest runtimes that know the opset.
     */
    static long irVersion(int opset) {
        if (opset <= 18) {
            return 8;
        }
        return opset <= 20 ? 9 : 10;
    }

    /** Number of nodes so far. */
    int nodeCount() {
        return nodes.size();
    }

    private static byte[] valueInfo(String name, long[] dims, boolean dynamicBatch) {
        byte[] shape =
                message(
                        out -> {
                            out.writeByteArray(
                                    1,
                                    message(
                                            d -> {
                                                if (dynamicBatch) {
                                                    d.writeString(2, "batch");
                                                }
                                            }));
                            for (long dim : dims) {
                                out.writeByteArray(1, message(d -> d.writeInt64(1, dim)));
                            }
                        });
        byte[] tensorType =
                message(
                        out -> {
                            out.writeInt32(1, FLOAT);
                            out.writeByteArray(2, shape);
                        });
        byte[] type = message(out -> out.writeByteArray(1, tensorType));
        return message(
                out -> {
                    out.writeString(1, name);
                    out.writeByteArray(2, type);
                });
    }

    /** Writes one protobuf message with a {@link CodedOutputStream}. */
    @FunctionalInterface
    interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            // A byte array stream does not fail.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
