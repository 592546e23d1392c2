/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.nn.BlockList;
import ai.fasterai.core.io.BlockSpecHandler;

import com.google.gson.JsonObject;

/** Saves and rebuilds an {@link ActivationQuantizer}; its mode and parameters are in its data. */
final class ActivationQuantizerHandler implements BlockSpecHandler<ActivationQuantizer> {

    @Override
    public String typeName() {
        return "fasterai.quantize.ActivationQuantizer";
    }

    @Override
    public Class<ActivationQuantizer> blockClass() {
        return ActivationQuantizer.class;
    }

    @Override
    public JsonObject writeSettings(ActivationQuantizer block) {
        JsonObject settings = new JsonObject();
        settings.add("scheme", SchemeJson.write(block.getScheme()));
        settings.addProperty("observer", block.getObserverType().name());
        return settings;
    }

    @Override
    public ActivationQuantizer create(JsonObject settings, BlockList children) {
        if (!children.isEmpty()) {
            throw new IllegalArgumentException(
                    "an ActivationQuantizer has no children, the file lists " + children.keys());
        }
        ObserverType observer =
                ObserverType.valueOf(SchemeJson.primitive(settings, "observer").getAsString());
        return new ActivationQuantizer(
                SchemeJson.read(settings, "scheme"), observer, ActivationQuantizer.Mode.OBSERVE);
    }
}
