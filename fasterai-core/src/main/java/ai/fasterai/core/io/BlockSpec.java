/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What the file records about one block: its type name, its settings, the names and shapes of its
 * own parameters (in DJL's save order) and its children (in order, with their DJL names).
 *
 * <p>In JSON: {@code {"type": ..., "settings": {...}, "parameters": [{"name": ..., "shape":
 * [...]}], "children": [{"name": ..., "type": ..., ...}]}}.
 */
record BlockSpec(
        String type,
        JsonObject settings,
        List<ParameterSpec> parameters,
        List<ChildSpec> children) {

    /** A parameter's name and shape. */
    record ParameterSpec(String name, Shape shape) {}

    /** A child block and its DJL name, such as {@code 01Conv2d}. */
    record ChildSpec(String name, BlockSpec spec) {}

    BlockSpec {
        parameters = List.copyOf(parameters);
        children = List.copyOf(children);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("type", type);
        json.add("settings", settings.deepCopy());
        JsonArray params = new JsonArray();
        for (ParameterSpec parameter : parameters) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", parameter.name());
            entry.add("shape", JsonValues.dims(parameter.shape()));
            params.add(entry);
        }
        json.add("parameters", params);
        JsonArray kids = new JsonArray();
        for (ChildSpec child : children) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", child.name());
            child.spec().toJson().entrySet().forEach(e -> entry.add(e.getKey(), e.getValue()));
            kids.add(entry);
        }
        json.add("children", kids);
        return json;
    }

    /**
     * Reads a spec written by {@link #toJson}.
     *
     * @throws IllegalArgumentException naming the path and the key if something is missing
     */
    static BlockSpec fromJson(JsonObject json, String path) {
        String type;
        JsonObject settings;
        List<ParameterSpec> parameters = new ArrayList<>();
        JsonArray kids;
        try {
            type = JsonValues.string(json, "type");
            settings = JsonValues.object(json, "settings");
            for (JsonElement element : JsonValues.array(json, "parameters")) {
                JsonObject entry = asObject(element, "parameters");
                String name = JsonValues.string(entry, "name");
                parameters.add(new ParameterSpec(name, JsonValues.shape(entry, "shape")));
            }
            kids = JsonValues.array(json, "children");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "block " + BlockPaths.where(path) + ": " + e.getMessage(), e);
        }
        List<ChildSpec> children = new ArrayList<>();
        for (JsonElement element : kids) {
            JsonObject entry;
            String name;
            try {
                entry = asObject(element, "children");
                name = JsonValues.string(entry, "name");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "a child of the block " + BlockPaths.where(path) + ": " + e.getMessage(),
                        e);
            }
            BlockSpec spec = fromJson(entry, BlockPaths.child(path, name));
            children.add(new ChildSpec(name, spec));
        }
        return new BlockSpec(type, settings, parameters, children);
    }

    private static JsonObject asObject(JsonElement element, String what) {
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(
                    "entries of '" + what + "' must be objects, got " + element);
        }
        return element.getAsJsonObject();
    }
}
