/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.nn.BlockList;
import ai.fasterai.core.io.BlockSpecHandler;

import com.google.gson.JsonObject;

/**
 * Describes a {@link ClusteredLayer} in a model file: its cluster count; the wrapped layer is its
 * child, described by core's own handler, and the compact weights are in the parameter section.
 */
final class ClusteredLayerHandler implements BlockSpecHandler<ClusteredLayer> {

    @Override
    public String typeName() {
        return "fasterai.misc.ClusteredLayer";
    }

    @Override
    public Class<ClusteredLayer> blockClass() {
        return ClusteredLayer.class;
    }

    @Override
    public JsonObject writeSettings(ClusteredLayer block) {
        JsonObject settings = new JsonObject();
        settings.addProperty("clusters", block.getClusters());
        return settings;
    }

    @Override
    public ClusteredLayer create(JsonObject settings, BlockList children) {
        if (children.size() != 1) {
            throw new IllegalArgumentException(
                    "a ClusteredLayer has exactly one child, the file lists " + children.keys());
        }
        if (!settings.has("clusters") || !settings.get("clusters").isJsonPrimitive()) {
            throw new IllegalArgumentException("setting 'clusters' is missing");
        }
        return new ClusteredLayer(
                children.get(0).getValue(),
                settings.get("clusters").getAsInt(),
                children.get(0).getKey());
    }
}
