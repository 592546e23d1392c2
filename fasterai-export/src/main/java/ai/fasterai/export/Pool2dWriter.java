/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.fasterai.core.nn.AvgPool2d;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.nn.Pool2d;

import java.util.Locale;

/**
 * Core's {@link MaxPool2d} as ONNX {@code MaxPool} and {@link AvgPool2d} as {@code AveragePool}:
 * square kernel, stride and symmetric padding, floor mode ({@code ceil_mode=0}), as the blocks
 * compute them. Padded cells never win ONNX's max either (they are {@code -inf}, as in PyTorch);
 * core's average pooling counts padded zeros in the divisor (PyTorch's default, the only behaviour
 * of DJL's PyTorch engine), so {@code AveragePool} gets {@code count_include_pad=1} (ONNX's default
 * is 0).
 *
 * @param <P> the pooling class
 */
final class Pool2dWriter<P extends Pool2d> implements OnnxBlockWriter<P> {

    private final Class<P> type;
    private final String opType;

    Pool2dWriter(Class<P> type, String opType) {
        this.type = type;
        this.opType = opType;
    }

    @Override
    public Class<P> blockClass() {
        return type;
    }

    @Override
    public String write(P pool, OnnxExportContext context, String input, Shape shape) {
        BuiltInWriters.requireRank(context, pool, shape, 4);
        long k = pool.getKernel();
        long s = pool.getStride();
        long p = pool.getPadding();
        OnnxAttributes attributes =
                OnnxAttributes.of()
                        .ints("kernel_shape", k, k)
                        .ints("strides", s, s)
                        .ints("pads", p, p, p, p)
                        .integer("ceil_mode", 0);
        if (pool instanceof AvgPool2d) {
            attributes.integer("count_include_pad", 1);
        }
        return context.getGraph()
                .addNode(opType, context.name(opType.toLowerCase(Locale.ROOT)), attributes, input);
    }
}
