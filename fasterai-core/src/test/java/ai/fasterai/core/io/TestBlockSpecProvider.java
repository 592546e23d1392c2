/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import java.util.List;

/** Lists {@link TestScale}'s handler; named in test resources' {@code META-INF/services}. */
public final class TestBlockSpecProvider implements BlockSpecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public TestBlockSpecProvider() {}

    @Override
    public List<BlockSpecHandler<?>> handlers() {
        return List.of(new TestScale.Handler());
    }
}
