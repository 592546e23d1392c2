/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Runnable walkthroughs. {@link ai.fasterai.examples.FashionMnistVgg16} (a small VGG16-BN on
 * Fashion-MNIST, with its size, parameters, MACs, latency and accuracy) is the README's main
 * command for now; the full compression walkthrough will take its place.
 */
package ai.fasterai.examples;
