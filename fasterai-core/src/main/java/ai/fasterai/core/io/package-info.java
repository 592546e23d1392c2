/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Files: atomic writes, so a failed save never replaces a good file with a broken one, and model
 * files that keep a model's structure.
 *
 * <p>{@link ai.fasterai.core.io.ModelFile} saves a block tree as an architecture spec (JSON) plus
 * DJL's parameters, so a model whose layers changed shape loads back without the code that built
 * it, and parameters never load silently into a different architecture. Each block class is
 * described by a {@link ai.fasterai.core.io.BlockSpecHandler} in the {@link
 * ai.fasterai.core.io.BlockSpecs} registry; a module adds handlers for its own blocks with {@link
 * ai.fasterai.core.io.BlockSpecs#register} or a {@link ai.fasterai.core.io.BlockSpecProvider}
 * service.
 */
package ai.fasterai.core.io;
