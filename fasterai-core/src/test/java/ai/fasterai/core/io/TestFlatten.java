/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.BlockList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import com.google.gson.JsonObject;

/** A test-only flatten block, registered by the tests with {@link BlockSpecs#register}. */
final class TestFlatten extends AbstractBlock {

    TestFlatten() {
        super((byte) 1);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(x.reshape(x.getShape().get(0), -1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long batch = inputs[0].get(0);
        return new Shape[] {new Shape(batch, inputs[0].size() / batch)};
    }

    /** Its handler: no settings. */
    static final class Handler implements BlockSpecHandler<TestFlatten> {
        @Override
        public String typeName() {
            return "test.Flatten";
        }

        @Override
        public Class<TestFlatten> blockClass() {
            return TestFlatten.class;
        }

        @Override
        public JsonObject writeSettings(TestFlatten block) {
            return new JsonObject();
        }

        @Override
        public TestFlatten create(JsonObject settings, BlockList children) {
            return new TestFlatten();
        }
    }
}
