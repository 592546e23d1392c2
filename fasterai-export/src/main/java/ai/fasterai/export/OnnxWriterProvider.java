/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import java.util.List;

/**
 * Lists the {@link OnnxBlockWriter}s a module brings, found with {@link java.util.ServiceLoader}
 * the first time a model is exported. Implement it in a public class with a public no-argument
 * constructor named in {@code META-INF/services/ai.fasterai.export.OnnxWriterProvider}.
 */
public interface OnnxWriterProvider {

    /**
     * Returns the writers to register.
     *
     * @return the writers; their block classes must not clash with others
     */
    List<OnnxBlockWriter<?>> writers();
}
