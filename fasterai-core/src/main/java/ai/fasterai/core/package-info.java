/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The core of fasterai4j: the {@link ai.fasterai.core.Learner} and its {@link
 * ai.fasterai.core.Callback} events, on which every compression technique plugs in.
 */
package ai.fasterai.core;
