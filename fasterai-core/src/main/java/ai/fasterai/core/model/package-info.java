/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Model builders: VGG, CIFAR ResNets and MobileNetV2 as {@link ai.djl.nn.SequentialBlock}s whose
 * every layer is visible to the compression modules.
 *
 * <p>The networks are built only from DJL's {@code Conv2d}, {@code Linear}, {@code BatchNorm},
 * {@code Dropout} and {@code SequentialBlock} and the blocks of {@link ai.fasterai.core.nn}
 * (pooling, activations, flatten, residual units), never from DJL's opaque {@code LambdaBlock}s or
 * {@code ParallelBlock}s, so that pruning, BN folding, export and quantization can read every
 * kernel size, stride and join. Layouts and parameter counts follow torchvision where it has the
 * model:
 *
 * <ul>
 *   <li>{@link ai.fasterai.core.model.Vgg}: {@code vgg11} .. {@code vgg19_bn}, with width and
 *       classifier options for small images;
 *   <li>{@link ai.fasterai.core.model.ResNetCifar}: He et al.'s {@code 6n + 2} CIFAR ResNets with
 *       projection shortcuts;
 *   <li>{@link ai.fasterai.core.model.MobileNetV2}: {@code mobilenet_v2}, with a small-input
 *       variant for 32x32 images.
 * </ul>
 *
 * <p>A builder returns an uninitialized block; DJL infers input channels and feature sizes when it
 * is initialized:
 *
 * <pre>{@code
 * SequentialBlock net = ResNetCifar.resnet20(10, 3);
 * net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
 * }</pre>
 */
package ai.fasterai.core.model;
