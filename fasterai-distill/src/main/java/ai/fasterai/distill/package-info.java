/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Knowledge distillation: {@code KnowledgeDistillationCallback} and its output and feature losses
 * (SoftTarget, Logits, Mutual, DecoupledKD; Attention, FitNet, Similarity, ActivationBoundaries),
 * and {@code FeatureLayers.matchFeatureLayers} to pair layers by resolution.
 */
package ai.fasterai.distill;
