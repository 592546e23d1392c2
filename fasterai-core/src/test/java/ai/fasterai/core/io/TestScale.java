/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.BlockList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import com.google.gson.JsonObject;

/**
 * A test-only block that multiplies by a constant; its handler is found through {@link
 * TestBlockSpecProvider} and {@code META-INF/services}, never registered by hand.
 */
final class TestScale extends AbstractBlock {

    private final float factor;

    TestScale(float factor) {
        super((byte) 1);
        this.factor = factor;
    }

    float factor() {
        return factor;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().mul(factor));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    /** Its handler: the factor. */
    static class Handler implements BlockSpecHandler<TestScale> {
        @Override
        public String typeName() {
            return "test.Scale";
        }

        @Override
        public Class<TestScale> blockClass() {
            return TestScale.class;
        }

        @Override
        public JsonObject writeSettings(TestScale block) {
            JsonObject settings = new JsonObject();
            settings.addProperty("factor", block.factor());
            return settings;
        }

        @Override
        public TestScale create(JsonObject settings, BlockList children) {
            return new TestScale(JsonValues.floatValue(settings, "factor"));
        }
    }
}
