/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.fasterai.core.nn.BatchNormSettings;

import java.util.Arrays;

/**
 * DJL's {@link BatchNorm} in inference form, ONNX {@code BatchNormalization}: {@code gamma * (x -
 * runningMean) / sqrt(runningVar + epsilon) + beta} over axis 1, with the layer's own epsilon (DJL
 * has no getter; {@link BatchNormSettings} reads it), never an assumed one.
 *
 * <p>DJL's forward pass applies the {@code gamma} and {@code beta} arrays whatever {@code
 * scale}/{@code center} say (those flags only freeze them at their initial 1 and 0), so the arrays
 * are written as they are; 1 and 0 stand in only for an array that is missing.
 */
final class BatchNormWriter implements OnnxBlockWriter<BatchNorm> {

    @Override
    public Class<BatchNorm> blockClass() {
        return BatchNorm.class;
    }

    @Override
    public String write(BatchNorm bn, OnnxExportContext context, String input, Shape shape) {
        BatchNormSettings settings = BatchNormSettings.of(bn);
        if (settings.axis() != 1) {
            throw context.cannotExport(
                    bn,
                    "it normalizes axis "
                            + settings.axis()
                            + "; ONNX BatchNormalization normalizes the channel axis 1 only");
        }
        if (shape.dimension() < 2) {
            throw context.cannotExport(
                    bn, "expects an input of rank 2 or more (batch first), got shape " + shape);
        }
        NDArray mean = BuiltInWriters.parameter(bn, "runningMean").getArray();
        NDArray var = BuiltInWriters.parameter(bn, "runningVar").getArray();
        long channels = mean.getShape().size();
        BuiltInWriters.requireSize(context, bn, shape, 1, channels, "channels");
        String gamma = constantOr(context, bn, "gamma", channels, 1f);
        String beta = constantOr(context, bn, "beta", channels, 0f);
        String m = context.addWeight("runningMean", mean);
        String v = context.addWeight("runningVar", var);
        return context.getGraph()
                .addNode(
                        "BatchNormalization",
                        context.name("batchnorm"),
                        OnnxAttributes.of().real("epsilon", settings.epsilon()),
                        input,
                        gamma,
                        beta,
                        m,
                        v);
    }

    private static String constantOr(
            OnnxExportContext context, BatchNorm bn, String name, long channels, float value) {
        Parameter parameter = BuiltInWriters.parameter(bn, name);
        if (parameter != null && parameter.isInitialized()) {
            return context.addWeight(name, parameter.getArray());
        }
        float[] values = new float[(int) channels];
        Arrays.fill(values, value);
        return context.getGraph().addInitializer(context.name(name), values, channels);
    }
}
