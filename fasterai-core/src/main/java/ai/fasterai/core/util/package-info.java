/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/** Small helpers every module shares: argument checks with uniform messages. */
package ai.fasterai.core.util;
