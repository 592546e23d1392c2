/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.BlockList;
import ai.djl.nn.convolutional.Conv2d;

import com.google.gson.JsonObject;

/** DJL's {@link Conv2d}; the input channels come back with the weight. */
final class Conv2dHandler implements BlockSpecHandler<Conv2d> {

    @Override
    public String typeName() {
        return "djl.Conv2d";
    }

    @Override
    public Class<Conv2d> blockClass() {
        return Conv2d.class;
    }

    @Override
    public JsonObject writeSettings(Conv2d block) {
        JsonObject settings = new JsonObject();
        settings.add("kernelShape", JsonValues.dims(block.getKernelShape()));
        settings.add("stride", JsonValues.dims(block.getStride()));
        settings.add("padding", JsonValues.dims(block.getPadding()));
        settings.add("dilation", JsonValues.dims(block.getDilation()));
        settings.addProperty("filters", block.getFilters());
        settings.addProperty("groups", block.getGroups());
        settings.addProperty("includeBias", block.isIncludeBias());
        return settings;
    }

    @Override
    public Conv2d create(JsonObject settings, BlockList children) {
        return Conv2d.builder()
                .setKernelShape(JsonValues.shape(settings, "kernelShape"))
                .optStride(JsonValues.shape(settings, "stride"))
                .optPadding(JsonValues.shape(settings, "padding"))
                .optDilation(JsonValues.shape(settings, "dilation"))
                .setFilters(JsonValues.integer(settings, "filters"))
                .optGroups(JsonValues.integer(settings, "groups"))
                .optBias(JsonValues.bool(settings, "includeBias"))
                .build();
    }
}
