/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The handlers for DJL blocks that core always registers. They are registered directly rather than
 * through {@link java.util.ServiceLoader}, so a repackaged jar that drops service files still saves
 * plain DJL models.
 */
final class BuiltInHandlers {

    private BuiltInHandlers() {}

    static List<BlockSpecHandler<?>> all() {
        List<BlockSpecHandler<?>> handlers = new ArrayList<>();
        handlers.add(new SequentialBlockHandler());
        handlers.add(new Conv2dHandler());
        handlers.add(new LinearHandler());
        handlers.add(new BatchNormHandler());
        handlers.add(new DropoutHandler());
        handlers.addAll(NnBlockHandlers.all());
        return List.copyOf(handlers);
    }
}
