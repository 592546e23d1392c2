/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The built-in callbacks of the {@link ai.fasterai.core.Learner}, fastai's: {@link
 * ai.fasterai.core.callback.Recorder}, {@link ai.fasterai.core.callback.ProgressCallback}, {@link
 * ai.fasterai.core.callback.ParamScheduler} with {@link ai.fasterai.core.callback.OneCycle}, {@link
 * ai.fasterai.core.callback.SaveModelCallback}, {@link
 * ai.fasterai.core.callback.EarlyStoppingCallback} and {@link
 * ai.fasterai.core.callback.TerminateOnNaNCallback}.
 */
package ai.fasterai.core.callback;
