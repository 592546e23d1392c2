/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

/** Where a sparsity target applies, as fasterai's {@code context}. */
public enum Context {
    /** Each selected layer reaches the target on its own. */
    LOCAL,
    /**
     * One threshold over the groups of all selected layers: layers with less important groups give
     * more.
     */
    GLOBAL
}
