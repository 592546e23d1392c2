/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;

/**
 * Reads typed values out of the spec's JSON, with messages that name the missing or wrong key (Gson
 * itself answers a missing key with null and a wrong type with a bare exception).
 */
final class JsonValues {

    private JsonValues() {}

    /** Returns the dimensions of a shape as a JSON array of integers. */
    static JsonArray dims(Shape shape) {
        JsonArray array = new JsonArray();
        for (long dim : shape.getShape()) {
            array.add(dim);
        }
        return array;
    }

    /** Reads a shape written by {@link #dims}. */
    static Shape shape(JsonObject json, String key) {
        return shape(array(json, key), key);
    }

    /** Reads a shape from a JSON array of integers; {@code what} names it in messages. */
    static Shape shape(JsonElement element, String what) {
        if (!element.isJsonArray()) {
            throw new IllegalArgumentException(
                    what + " must be an array of integers, got " + element);
        }
        JsonArray array = element.getAsJsonArray();
        long[] dims = new long[array.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = exactLong(array.get(i), what);
            if (dims[i] < 0) {
                throw new IllegalArgumentException(what + " must hold sizes >= 0, got " + array);
            }
        }
        return new Shape(dims);
    }

    static JsonArray array(JsonObject json, String key) {
        JsonElement element = require(json, key);
        if (!element.isJsonArray()) {
            throw new IllegalArgumentException("'" + key + "' must be an array, got " + element);
        }
        return element.getAsJsonArray();
    }

    static JsonObject object(JsonObject json, String key) {
        JsonElement element = require(json, key);
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("'" + key + "' must be an object, got " + element);
        }
        return element.getAsJsonObject();
    }

    static String string(JsonObject json, String key) {
        JsonElement element = require(json, key);
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("'" + key + "' must be a string, got " + element);
        }
        return element.getAsString();
    }

    static boolean bool(JsonObject json, String key) {
        JsonElement element = require(json, key);
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(
                    "'" + key + "' must be true or false, got " + element);
        }
        return element.getAsBoolean();
    }

    static int integer(JsonObject json, String key) {
        long value = longValue(json, key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + key + "' must fit an int, got " + value);
        }
        return (int) value;
    }

    static long longValue(JsonObject json, String key) {
        return exactLong(require(json, key), "'" + key + "'");
    }

    // Parsed from the written text, not through a double, so a float such as 2e-5f comes back
    // bit for bit.
    static float floatValue(JsonObject json, String key) {
        number(require(json, key), "'" + key + "'");
        return Float.parseFloat(json.get(key).getAsString());
    }

    private static JsonElement require(JsonObject json, String key) {
        JsonElement element = json.get(key);
        if (element == null || element.isJsonNull()) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return element;
    }

    private static long exactLong(JsonElement element, String what) {
        try {
            return number(element, what).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " must be an integer, got " + element, e);
        }
    }

    private static BigDecimal number(JsonElement element, String what) {
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(what + " must be a number, got " + element);
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        try {
            return primitive.getAsBigDecimal();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got " + element, e);
        }
    }
}
