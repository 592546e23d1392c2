/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

import com.google.gson.JsonObject;

/** DJL's {@link SequentialBlock}: its children, under their saved names. */
final class SequentialBlockHandler implements BlockSpecHandler<SequentialBlock> {

    @Override
    public String typeName() {
        return "djl.SequentialBlock";
    }

    @Override
    public Class<SequentialBlock> blockClass() {
        return SequentialBlock.class;
    }

    @Override
    public JsonObject writeSettings(SequentialBlock block) {
        JsonObject settings = new JsonObject();
        settings.addProperty("returnIntermediate", block.isReturnIntermediate());
        return settings;
    }

    @Override
    public SequentialBlock create(JsonObject settings, BlockList children) {
        SequentialBlock block = new SequentialBlock();
        block.setReturnIntermediate(JsonValues.bool(settings, "returnIntermediate"));
        for (Pair<String, Block> child : children) {
            PrivateFields.addChild(block, child.getKey(), child.getValue());
        }
        return block;
    }
}
