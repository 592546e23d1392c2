/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A {@link QuantScheme} as model-file settings, for the block handlers. */
final class SchemeJson {

    private SchemeJson() {}

    static JsonObject write(QuantScheme scheme) {
        JsonObject json = new JsonObject();
        json.addProperty("bits", scheme.bits());
        json.addProperty("signed", scheme.isSigned());
        json.addProperty("symmetric", scheme.isSymmetric());
        json.addProperty("axis", scheme.axis());
        return json;
    }

    static QuantScheme read(JsonObject settings, String key) {
        JsonObject json = object(settings, key);
        QuantScheme.Builder builder =
                QuantScheme.builder()
                        .setBits(primitive(json, "bits").getAsInt())
                        .optSigned(primitive(json, "signed").getAsBoolean())
                        .optSymmetric(primitive(json, "symmetric").getAsBoolean());
        int axis = primitive(json, "axis").getAsInt();
        return (axis < 0 ? builder.optPerTensor() : builder.optPerChannel(axis)).build();
    }

    static JsonObject object(JsonObject settings, String key) {
        JsonElement e = settings.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("setting '" + key + "' is missing");
        }
        return e.getAsJsonObject();
    }

    static JsonElement primitive(JsonObject settings, String key) {
        JsonElement e = settings.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("setting '" + key + "' is missing");
        }
        return e;
    }
}
