/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.BlockList;
import ai.djl.nn.norm.BatchNorm;

import com.google.gson.JsonObject;

/**
 * DJL's {@link BatchNorm}; the channel count comes back with {@code gamma} and the running
 * statistics.
 *
 * <p>BatchNorm has no getters, so its settings are read from its private fields by reflection. They
 * cannot be assumed: DJL's ResNetV1 alone uses epsilons of both 1e-5 and 2e-5. Floats go into JSON
 * as floats, so they read back bit for bit.
 */
final class BatchNormHandler implements BlockSpecHandler<BatchNorm> {

    @Override
    public String typeName() {
        return "djl.BatchNorm";
    }

    @Override
    public Class<BatchNorm> blockClass() {
        return BatchNorm.class;
    }

    @Override
    public JsonObject writeSettings(BatchNorm block) {
        JsonObject settings = new JsonObject();
        settings.addProperty("axis", (Integer) field(block, "axis"));
        settings.addProperty("epsilon", (Float) field(block, "epsilon"));
        settings.addProperty("momentum", (Float) field(block, "momentum"));
        settings.addProperty("center", (Boolean) field(block, "center"));
        settings.addProperty("scale", (Boolean) field(block, "scale"));
        return settings;
    }

    @Override
    public BatchNorm create(JsonObject settings, BlockList children) {
        return BatchNorm.builder()
                .optAxis(JsonValues.integer(settings, "axis"))
                .optEpsilon(JsonValues.floatValue(settings, "epsilon"))
                .optMomentum(JsonValues.floatValue(settings, "momentum"))
                .optCenter(JsonValues.bool(settings, "center"))
                .optScale(JsonValues.bool(settings, "scale"))
                .build();
    }

    private static Object field(BatchNorm block, String name) {
        return PrivateFields.read(block, BatchNorm.class, name);
    }
}
