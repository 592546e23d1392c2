/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.Locale;

/**
 * The architecture part of a model file: the block tree, the input shapes the model was initialized
 * with and the data type to initialize it with.
 *
 * <p>In JSON: {@code {"dataType": "FLOAT32", "inputShapes": [{"dims": [1, 1, 28, 28], "layout":
 * "NCHW"}], "block": {...}}}, where {@code layout} is left out when unknown and {@code block} is a
 * {@link BlockSpec}.
 */
record ModelSpec(DataType dataType, Shape[] inputShapes, BlockSpec root) {

    private static final Gson GSON = new Gson();

    String toJsonText() {
        JsonObject json = new JsonObject();
        json.addProperty("dataType", dataType.name());
        JsonArray shapes = new JsonArray();
        for (Shape shape : inputShapes) {
            JsonObject entry = new JsonObject();
            entry.add("dims", JsonValues.dims(shape));
            if (shape.isLayoutKnown()) {
                entry.addProperty("layout", shape.toLayoutString());
            }
            shapes.add(entry);
        }
        json.add("inputShapes", shapes);
        json.add("block", root.toJson());
        return GSON.toJson(json);
    }

    /**
     * Reads a spec written by {@link #toJsonText}.
     *
     * @throws IllegalArgumentException saying what is missing or malformed
     */
    static ModelSpec fromJsonText(String text) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    "the architecture spec is not valid JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException(
                    "the architecture spec must be a JSON object, got " + abbreviate(parsed));
        }
        JsonObject json = parsed.getAsJsonObject();
        String typeName = JsonValues.string(json, "dataType");
        DataType dataType;
        try {
            dataType = DataType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'dataType' must be a DJL DataType such as FLOAT32, got '" + typeName + "'", e);
        }
        JsonArray shapes = JsonValues.array(json, "inputShapes");
        Shape[] inputShapes = new Shape[shapes.size()];
        for (int i = 0; i < inputShapes.length; i++) {
            inputShapes[i] = inputShape(shapes.get(i), i);
        }
        BlockSpec root = BlockSpec.fromJson(JsonValues.object(json, "block"), "");
        return new ModelSpec(dataType, inputShapes, root);
    }

    private static Shape inputShape(JsonElement element, int index) {
        String what = "inputShapes[" + index + "]";
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(what + " must be an object, got " + element);
        }
        JsonObject entry = element.getAsJsonObject();
        Shape dims = JsonValues.shape(entry, "dims");
        if (!entry.has("layout")) {
            return dims;
        }
        String layout = JsonValues.string(entry, "layout");
        try {
            return new Shape(dims.getShape(), layout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    what + " has layout '" + layout + "' that does not fit " + dims, e);
        }
    }

    private static String abbreviate(JsonElement element) {
        String text = element.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
