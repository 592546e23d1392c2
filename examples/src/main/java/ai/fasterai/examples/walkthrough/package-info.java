/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The main job: the seed story (a VGG16-BN that must fit a phone) end to end on Fashion-MNIST, with
 * a row of measured figures after every stage and the reports ({@link
 * ai.fasterai.examples.walkthrough.Vgg16Walkthrough}).
 */
package ai.fasterai.examples.walkthrough;
