/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.BlockList;
import ai.djl.nn.norm.Dropout;

import com.google.gson.JsonObject;

/** DJL's {@link Dropout}. It has no getter for its rate, which is read by reflection. */
final class DropoutHandler implements BlockSpecHandler<Dropout> {

    @Override
    public String typeName() {
        return "djl.Dropout";
    }

    @Override
    public Class<Dropout> blockClass() {
        return Dropout.class;
    }

    @Override
    public JsonObject writeSettings(Dropout block) {
        JsonObject settings = new JsonObject();
        settings.addProperty("rate", (Float) PrivateFields.read(block, Dropout.class, "rate"));
        return settings;
    }

    @Override
    public Dropout create(JsonObject settings, BlockList children) {
        return Dropout.builder().optRate(JsonValues.floatValue(settings, "rate")).build();
    }
}
