/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Runnable walkthroughs. {@link ai.fasterai.examples.FashionMnistQuickStart} is the README's main
 * command for now; the VGG16 compression walkthrough will take its place.
 */
package ai.fasterai.examples;
