/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

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
     * Returns the attributes of an ONNX {@code Conv} node that computes a DJL {@link Conv2d}:
     * kernel shape, strides, symmetric pads, dilations and group (for writers of blocks that wrap a
     * convolution, such as quantized layers).
     *
     * @param conv the convolution
     * @return new attributes
     */
    public static OnnxAttributes conv(Conv2d conv) {
        Shape kernel = conv.getKernelShape();
        Shape stride = conv.getStride();
        Shape padding = conv.getPadding();
        Shape dilation = conv.getDilation();
        return of().ints("kernel_shape", kernel.get(0), kernel.get(1))
                .ints("strides", stride.get(0), stride.get(1))
                .ints("pads", padding.get(0), padding.get(1), padding.get(0), padding.get(1))
                .ints("dilations", dilation.get(0), dilation.get(1))
                .integer("group", conv.getGroups());
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
