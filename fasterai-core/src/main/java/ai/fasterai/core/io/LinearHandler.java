/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.BlockList;
import ai.djl.nn.core.Linear;

import com.google.gson.JsonObject;

/**
 * DJL's {@link Linear}. It has no getters: the units are the weight's first dimension (the weight
 * is {@code (units, in)}) and the bias is on when a {@code bias} parameter exists.
 */
final class LinearHandler implements BlockSpecHandler<Linear> {

    @Override
    public String typeName() {
        return "djl.Linear";
    }

    @Override
    public Class<Linear> blockClass() {
        return Linear.class;
    }

    @Override
    public JsonObject writeSettings(Linear block) {
        JsonObject settings = new JsonObject();
        long units = block.getDirectParameters().get("weight").getArray().getShape().get(0);
        settings.addProperty("units", units);
        settings.addProperty("includeBias", block.getDirectParameters().contains("bias"));
        return settings;
    }

    @Override
    public Linear create(JsonObject settings, BlockList children) {
        return Linear.builder()
                .setUnits(JsonValues.longValue(settings, "units"))
                .optBias(JsonValues.bool(settings, "includeBias"))
                .build();
    }
}
