/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.BlockList;
import ai.djl.nn.norm.BatchNorm;
import ai.fasterai.core.nn.BatchNormSettings;

import com.google.gson.JsonObject;

/**
 * DJL's {@link BatchNorm}; the channel count comes back with {@code gamma} and the running
 * statistics.
 *
 * <p>BatchNorm has no getters: its settings come from {@link BatchNormSettings}. Floats go into
 * JSON as floats, so they read back bit for bit.
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
        BatchNormSettings read = BatchNormSettings.of(block);
        JsonObject settings = new JsonObject();
        settings.addProperty("axis", read.axis());
        settings.addProperty("epsilon", read.epsilon());
        settings.addProperty("momentum", read.momentum());
        settings.addProperty("center", read.center());
        settings.addProperty("scale", read.scale());
        return settings;
    }

    @Override
    public BatchNorm create(JsonObject settings, BlockList children) {
        return new BatchNormSettings(
                        JsonValues.integer(settings, "axis"),
                        JsonValues.floatValue(settings, "epsilon"),
                        JsonValues.floatValue(settings, "momentum"),
                        JsonValues.bool(settings, "center"),
                        JsonValues.bool(settings, "scale"))
                .newBatchNorm();
    }
}
