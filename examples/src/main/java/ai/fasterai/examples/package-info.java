/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Runnable examples. The README's main command is the walkthrough, {@link
 * ai.fasterai.examples.walkthrough.Vgg16Walkthrough}; {@link
 * ai.fasterai.examples.FashionMnistVgg16} trains its baseline alone (a small VGG16-BN on
 * Fashion-MNIST, with its size, parameters, MACs, latency and accuracy), and {@link
 * ai.fasterai.examples.ExampleData} loads the data of them all. Three short examples show one
 * technique each: {@link ai.fasterai.examples.ResNet20Pruning} (structured pruning across residual
 * connections), {@link ai.fasterai.examples.DistillationExample} (a student distilled from a wider
 * teacher) and {@link ai.fasterai.examples.QuantizationExample} (static int8 and QAT, run in ONNX
 * Runtime); docs/examples.md describes them.
 */
package ai.fasterai.examples;
