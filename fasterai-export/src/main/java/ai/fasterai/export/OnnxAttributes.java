/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of one ONNX node, in the order added (so the encoding is deterministic).
 *
 * <pre>{@code
 * OnnxAttributes.of().ints("kernel_shape", 3, 3).ints("strides", 1, 1).integer("group", 1)
 * }</pre>
 */
public final class OnnxAttributes {

    // ONNX AttributeProto.AttributeType values.
    private static final int FLOAT = 1;
    private static final int INT = 2;
    private static final int STRING = 3;
    private static final int INTS = 7;

    private final List<byte[]> encoded = new ArrayList<>();

    private OnnxAttributes() {}

    /**
     * Starts an empty attribute list.
     *
     * @return the list
     */
    public static OnnxAttributes of() {
        return new OnnxAttributes();
    }

    /**
     * Adds an int64 attribute.
     *
     * @param name the attribute name
     * @param value the value
     * @return this list
     */
    public OnnxAttributes integer(String name, long value) {
        encoded.add(
                OnnxGraph.message(
                        out -> {
                            out.writeString(1, name);
                            out.writeInt64(3, value);
                            out.writeInt32(20, INT);
                        }));
        return this;
    }

    /**
     * Adds an int64-list attribute.
     *
     * @param name the attribute name
     * @param values the values
     * @return this list
     */
    public OnnxAttributes ints(String name, long... values) {
        encoded.add(
                OnnxGraph.message(
                        out -> {
                            out.writeString(1, name);
                            for (long v : values) {
                                out.writeInt64(8, v);
                            }
                            out.writeInt32(20, INTS);
                        }));
        return this;
    }

    /**
     * Adds a float attribute.
     *
     * @param name the attribute name
     * @param value the value
     * @return this list
     */
    public OnnxAttributes real(String name, float value) {
        encoded.add(
                OnnxGraph.message(
                        out -> {
                            out.writeString(1, name);
                            out.writeFloat(2, value);
                            out.writeInt32(20, FLOAT);
                        }));
        return this;
    }

    /**
     * Adds a string attribute.
     *
     * @param name the attribute name
     * @param value the value
     * @return this list
     */
    public OnnxAttributes string(String name, String value) {
        encoded.add(
                OnnxGraph.message(
                        out -> {
                            out.writeString(1, name);
                            out.writeString(4, value);
                            out.writeInt32(20, STRING);
                        }));
        return this;
    }

    List<byte[]> encoded() {
        return encoded;
    }
}
