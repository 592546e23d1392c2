/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.fasterai.export.OnnxAttributes;
import ai.fasterai.export.OnnxExportContext;
import ai.fasterai.export.OnnxGraph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The QuantizeLinear / DequantizeLinear pieces the quantize module's ONNX writers share. */
final class QdqNodes {

    private QdqNodes() {}

    /**
     * Adds {@code QuantizeLinear -> DequantizeLinear} on a float tensor with per-tensor parameters.
     * Integer ranges narrower than the 8-bit type (fewer bits) get a {@code Clip} first, because
     * {@code QuantizeLinear} saturates only to the type's range.
     */
    static String quantizeDequantize(
            OnnxExportContext context, String input, QuantParams params, String hint) {
        OnnxGraph graph = context.getGraph();
        boolean unsigned = params.qmin() >= 0;
        String scale = graph.addInitializer(context.name(hint + "_scale"), params.scale());
        String zero = zeroPoints(context, hint + "_zero_point", params, unsigned, true);
        String x = input;
        int typeMin = unsigned ? 0 : -128;
        int typeMax = unsigned ? 255 : 127;
        if (params.qmin() > typeMin || params.qmax() < typeMax) {
            float s = params.scale(0);
            int z = params.zeroPoint(0);
            String lo =
                    graph.addInitializer(
                            context.name(hint + "_min"),
                            new float[] {FakeQuantize.dequantize(params.qmin(), s, z)});
            String hi =
                    graph.addInitializer(
                            context.name(hint + "_max"),
                            new float[] {FakeQuantize.dequantize(params.qmax(), s, z)});
            x = graph.addNode("Clip", context.name(hint + "_clip"), OnnxAttributes.of(), x, lo, hi);
        }
        String q =
                graph.addNode(
                        "QuantizeLinear",
                        context.name(hint + "_quantize"),
                        OnnxAttributes.of(),
                        x,
                        scale,
                        zero);
        return graph.addNode(
                "DequantizeLinear",
                context.name(hint + "_dequantize"),
                OnnxAttributes.of(),
                q,
                scale,
                zero);
    }

    /**
     * Adds a {@code DequantizeLinear} of an integer initializer (8-bit weights or an int32 bias),
     * per tensor or per channel along {@code axis}.
     */
    static String dequantizedInitializer(
            OnnxExportContext context,
            String hint,
            int dataType,
            byte[] littleEndian,
            long[] dims,
            QuantParams params,
            int axis) {
        OnnxGraph graph = context.getGraph();
        String values = graph.addRawInitializer(context.name(hint), dataType, littleEndian, dims);
        boolean perChannel = params.isPerChannel();
        String scale =
                perChannel
                        ? graph.addInitializer(
                                context.name(hint + "_scale"), params.scale(), params.size())
                        : graph.addInitializer(context.name(hint + "_scale"), params.scale());
        String zero;
        if (dataType == OnnxGraph.INT32) {
            ByteBuffer raw =
                    ByteBuffer.allocate(params.size() * Integer.BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < params.size(); c++) {
                raw.putInt(params.zeroPoint(c));
            }
            zero =
                    perChannel
                            ? graph.addRawInitializer(
                                    context.name(hint + "_zero_point"),
                                    OnnxGraph.INT32,
                                    raw.array(),
                                    params.size())
                            : graph.addRawInitializer(
                                    context.name(hint + "_zero_point"),
                                    OnnxGraph.INT32,
                                    raw.array());
        } else {
            zero =
                    zeroPoints(
                            context,
                            hint + "_zero_point",
                            params,
                            dataType == OnnxGraph.UINT8,
                            !perChannel);
        }
        OnnxAttributes attributes =
                perChannel ? OnnxAttributes.of().integer("axis", axis) : OnnxAttributes.of();
        return graph.addNode(
                "DequantizeLinear",
                context.name(hint + "_dequantize"),
                attributes,
                values,
                scale,
                zero);
    }

    private static String zeroPoints(
            OnnxExportContext context,
            String hint,
            QuantParams params,
            boolean unsigned,
            boolean scalar) {
        byte[] raw = new byte[params.size()];
        for (int c = 0; c < raw.length; c++) {
            raw[c] = (byte) params.zeroPoint(c);
        }
        int type = unsigned ? OnnxGraph.UINT8 : OnnxGraph.INT8;
        return scalar
                ? context.getGraph().addRawInitializer(context.name(hint), type, raw)
                : context.getGraph().addRawInitializer(context.name(hint), type, raw, raw.length);
    }

    /** Integers as 8-bit little-endian bytes. */
    static byte[] bytes(int[] values) {
        byte[] raw = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            raw[i] = (byte) values[i];
        }
        return raw;
    }

    /** Integers as int32 little-endian bytes. */
    static byte[] int32(int[] values) {
        ByteBuffer raw =
                ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            raw.putInt(v);
        }
        return raw.array();
    }
}
