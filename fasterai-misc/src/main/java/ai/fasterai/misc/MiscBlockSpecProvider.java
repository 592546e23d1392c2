/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.fasterai.core.io.BlockSpecHandler;
import ai.fasterai.core.io.BlockSpecProvider;

import java.util.List;

/**
 * Registers this module's blocks with core's model files ({@link ClusteredLayer}); found by {@link
 * java.util.ServiceLoader} through {@code META-INF/services}, so nothing has to be called.
 */
public final class MiscBlockSpecProvider implements BlockSpecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public MiscBlockSpecProvider() {}

    /**
     * Returns the handler of {@link ClusteredLayer}.
     *
     * @return the handlers
     */
    @Override
    public List<BlockSpecHandler<?>> handlers() {
        return List.of(new ClusteredLayerHandler());
    }
}
