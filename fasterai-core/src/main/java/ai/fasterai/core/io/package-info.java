/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/** Files: atomic writes, so a failed save never replaces a good file with a broken one. */
package ai.fasterai.core.io;
