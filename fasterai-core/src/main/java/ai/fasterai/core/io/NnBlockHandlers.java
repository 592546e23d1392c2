/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.AvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.nn.Pool2d;
import ai.fasterai.core.nn.Residual;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Handlers for the visible layer blocks of {@code ai.fasterai.core.nn}. */
final class NnBlockHandlers {

    private NnBlockHandlers() {}

    static List<BlockSpecHandler<?>> all() {
        return List.of(
                pool("fasterai.MaxPool2d", MaxPool2d.class, MaxPool2d::builder),
                pool("fasterai.AvgPool2d", AvgPool2d.class, AvgPool2d::builder),
                new Simple<>(
                        "fasterai.AdaptiveAvgPool2d",
                        AdaptiveAvgPool2d.class,
                        b -> {
                            JsonObject s = new JsonObject();
                            s.addProperty("outHeight", b.getOutHeight());
                            s.addProperty("outWidth", b.getOutWidth());
                            return s;
                        },
                        s ->
                                AdaptiveAvgPool2d.of(
                                        JsonValues.integer(s, "outHeight"),
                                        JsonValues.integer(s, "outWidth"))),
                new Simple<>(
                        "fasterai.Flatten",
                        Flatten.class,
                        b -> new JsonObject(),
                        s -> new Flatten()),
                new Simple<>(
                        "fasterai.Activation",
                        ActivationBlock.class,
                        b -> {
                            JsonObject s = new JsonObject();
                            s.addProperty("kind", b.getKind().name());
                            return s;
                        },
                        s -> ActivationBlock.of(kind(JsonValues.string(s, "kind")))),
                new ResidualHandler());
    }

    private static <P extends Pool2d> BlockSpecHandler<P> pool(
            String typeName, Class<P> type, Supplier<Pool2d.Builder<P>> builder) {
        return new Simple<>(
                typeName,
                type,
                b -> {
                    JsonObject settings = new JsonObject();
                    settings.addProperty("kernel", b.getKernel());
                    settings.addProperty("stride", b.getStride());
                    settings.addProperty("padding", b.getPadding());
                    return settings;
                },
                s ->
                        builder.get()
                                .setKernel(JsonValues.integer(s, "kernel"))
                                .optStride(JsonValues.integer(s, "stride"))
                                .optPadding(JsonValues.integer(s, "padding"))
                                .build());
    }

    private static ActivationBlock.Kind kind(String name) {
        try {
            return ActivationBlock.Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown activation kind "
                            + name
                            + "; known: "
                            + List.of(ActivationBlock.Kind.values()),
                    e);
        }
    }

    /** A leaf block described by a few settings. */
    private static final class Simple<B extends Block> implements BlockSpecHandler<B> {

        private final String typeName;
        private final Class<B> blockClass;
        private final Function<B, JsonObject> writer;
        private final Function<JsonObject, B> factory;

        Simple(
                String typeName,
                Class<B> blockClass,
                Function<B, JsonObject> writer,
                Function<JsonObject, B> factory) {
            this.typeName = typeName;
            this.blockClass = blockClass;
            this.writer = writer;
            this.factory = factory;
        }

        @Override
        public String typeName() {
            return typeName;
        }

        @Override
        public Class<B> blockClass() {
            return blockClass;
        }

        @Override
        public JsonObject writeSettings(B block) {
            return writer.apply(block);
        }

        @Override
        public B create(JsonObject settings, BlockList children) {
            return factory.apply(settings);
        }
    }

    /** A residual unit: its branches are its children, named by role. */
    private static final class ResidualHandler implements BlockSpecHandler<Residual> {

        @Override
        public String typeName() {
            return "fasterai.Residual";
        }

        @Override
        public Class<Residual> blockClass() {
            return Residual.class;
        }

        @Override
        public JsonObject writeSettings(Residual block) {
            return new JsonObject(); // everything is in the children
        }

        @Override
        public Residual create(JsonObject settings, BlockList children) {
            Residual.Builder builder = Residual.builder();
            for (Pair<String, Block> child : children) {
                String name = child.getKey();
                if (name.endsWith("main")) {
                    builder.setMain(child.getValue());
                } else if (name.endsWith("shortcut")) {
                    builder.optShortcut(child.getValue());
                } else if (name.endsWith("activation")) {
                    builder.optActivation(child.getValue());
                } else {
                    throw new IllegalArgumentException(
                            "a Residual child must be main, shortcut or activation, got " + name);
                }
            }
            return builder.build();
        }
    }
}
