/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import java.util.List;

/**
 * Lists the {@link BlockSpecHandler}s a module brings, found with {@link java.util.ServiceLoader}
 * the first time a {@link ModelFile} is saved or loaded.
 *
 * <p>To register, implement this interface in a public class with a public no-argument constructor
 * and name that class in {@code META-INF/services/ai.fasterai.core.io.BlockSpecProvider} (or in
 * {@code provides} of a {@code module-info}). A provider that cannot be loaded is skipped with a
 * warning, so one broken module does not stop every other model from saving.
 */
public interface BlockSpecProvider {

    /**
     * Returns the handlers to register.
     *
     * @return the handlers; their type names and block classes must not clash with others
     */
    List<BlockSpecHandler<?>> handlers();
}
