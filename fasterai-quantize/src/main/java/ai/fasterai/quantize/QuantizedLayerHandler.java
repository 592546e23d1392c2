/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.nn.BlockList;
import ai.fasterai.core.io.BlockSpecHandler;

import com.google.gson.JsonObject;

/** Saves and rebuilds a {@link QuantizedLayer}; its mode and integers are in its data. */
final class QuantizedLayerHandler implements BlockSpecHandler<QuantizedLayer> {

    @Override
    public String typeName() {
        return "fasterai.quantize.QuantizedLayer";
    }

    @Override
    public Class<QuantizedLayer> blockClass() {
        return QuantizedLayer.class;
    }

    @Override
    public JsonObject writeSettings(QuantizedLayer block) {
        JsonObject settings = new JsonObject();
        settings.add("weightScheme", SchemeJson.write(block.getWeightScheme()));
        settings.addProperty("int32Bias", block.isInt32Bias());
        return settings;
    }

    @Override
    public QuantizedLayer create(JsonObject settings, BlockList children) {
        if (children.size() != 1) {
            throw new IllegalArgumentException(
                    "a QuantizedLayer has exactly one child, the file lists " + children.keys());
        }
        return new QuantizedLayer(
                children.get(0).getValue(),
                SchemeJson.read(settings, "weightScheme"),
                SchemeJson.primitive(settings, "int32Bias").getAsBoolean(),
                QuantizedLayer.Mode.OBSERVE,
                children.get(0).getKey());
    }
}
