/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Sparsification: {@code Sparsifier}, {@code SparsifyCallback}, granularities, contexts, criteria,
 * lottery tickets, group-lasso regularization and sensitivity analysis (not built yet: see the
 * project's issues).
 */
package ai.fasterai.sparse;
