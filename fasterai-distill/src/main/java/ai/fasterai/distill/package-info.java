/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Knowledge distillation: {@code KnowledgeDistillationCallback} and its output and feature losses
 * (not built yet: see the project's issues).
 */
package ai.fasterai.distill;
