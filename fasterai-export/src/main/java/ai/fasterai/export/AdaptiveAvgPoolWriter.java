/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;

/**
 * Core's {@link AdaptiveAvgPool2d}, along the paths the block itself takes: nothing when the input
 * already has the output size; ONNX {@code GlobalAveragePool} for a 1x1 output; {@code AveragePool}
 * with {@code kernel = stride = (H / oh, W / ow)} when both sizes divide (no padding, so every
 * window is full and the divisor question does not arise). The general case (overlapping windows of
 * different sizes) has no single ONNX operator and is refused.
 */
final class AdaptiveAvgPoolWriter implements OnnxBlockWriter<AdaptiveAvgPool2d> {

    @Override
    public Class<AdaptiveAvgPool2d> blockClass() {
        return AdaptiveAvgPool2d.class;
    }

    @Override
    public String write(
            AdaptiveAvgPool2d pool, OnnxExportContext context, String input, Shape shape) {
        BuiltInWriters.requireRank(context, pool, shape, 4);
        long h = shape.get(2);
        long w = shape.get(3);
        int oh = pool.getOutHeight();
        int ow = pool.getOutWidth();
        if (h == oh && w == ow) {
            return input;
        }
        OnnxGraph graph = context.getGraph();
        if (oh == 1 && ow == 1) {
            return graph.addNode(
                    "GlobalAveragePool", context.name("globalavgpool"), OnnxAttributes.of(), input);
        }
        if (h % oh != 0 || w % ow != 0) {
            throw context.cannotExport(
                    pool,
                    "adaptive pooling from "
                            + h
                            + "x"
                            + w
                            + " to "
                            + oh
                            + "x"
                            + ow
                            + " has windows of different sizes, which no ONNX pooling expresses;"
                            + " use an input size divisible by the output size, or output 1x1");
        }
        long kh = h / oh;
        long kw = w / ow;
        return graph.addNode(
                "AveragePool",
                context.name("averagepool"),
                OnnxAttributes.of()
                        .ints("kernel_shape", kh, kw)
                        .ints("strides", kh, kw)
                        .ints("pads", 0, 0, 0, 0)
                        .integer("ceil_mode", 0)
                        .integer("count_include_pad", 1),
                input);
    }
}
