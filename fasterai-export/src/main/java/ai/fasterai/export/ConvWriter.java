/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;

/**
 * DJL's {@link Conv2d} as ONNX {@code Conv}. The weight layout is the same in both, {@code (out, in
 * / groups, kh, kw)}; DJL pads symmetrically with one value per spatial axis, which ONNX spells
 * {@code [top, left, bottom, right]}.
 */
final class ConvWriter implements OnnxBlockWriter<Conv2d> {

    @Override
    public Class<Conv2d> blockClass() {
        return Conv2d.class;
    }

    @Override
    public String write(Conv2d conv, OnnxExportContext context, String input, Shape shape) {
        BuiltInWriters.requireRank(context, conv, shape, 4);
        NDArray weight = BuiltInWriters.parameter(conv, "weight").getArray();
        int groups = conv.getGroups();
        BuiltInWriters.requireSize(
                context, conv, shape, 1, weight.getShape().get(1) * groups, "channels");
        OnnxAttributes attributes = OnnxAttributes.conv(conv);
        String w = context.addWeight("weight", weight);
        Parameter bias = conv.isIncludeBias() ? BuiltInWriters.parameter(conv, "bias") : null;
        if (bias == null) {
            return context.getGraph().addNode("Conv", context.name("conv"), attributes, input, w);
        }
        String b = context.addWeight("bias", bias.getArray());
        return context.getGraph().addNode("Conv", context.name("conv"), attributes, input, w, b);
    }
}
