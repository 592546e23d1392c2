/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Visible layer blocks: pooling, activation, flatten and residual units as named DJL blocks with
 * getters for every setting.
 *
 * <p>DJL builds pooling, activations and flattening as opaque {@code LambdaBlock}s (the kernel size
 * lives inside a lambda) and residual units as {@code ParallelBlock}s with a private join. The
 * compression modules (pruning, BN folding, ONNX export, quantization, save/load) must see a
 * network's structure, so the models of {@code ai.fasterai.core.model} are built from DJL's {@code
 * Conv2d}, {@code Linear}, {@code BatchNorm}, {@code Dropout} and {@code SequentialBlock} plus the
 * blocks here:
 *
 * <ul>
 *   <li>{@link ai.fasterai.core.nn.MaxPool2d} and {@link ai.fasterai.core.nn.AvgPool2d}: square
 *       windows with PyTorch's defaults;
 *   <li>{@link ai.fasterai.core.nn.AdaptiveAvgPool2d}: PyTorch's adaptive average pooling;
 *   <li>{@link ai.fasterai.core.nn.Flatten}: {@code (N, ...) -> (N, prod(...))};
 *   <li>{@link ai.fasterai.core.nn.ActivationBlock}: ReLU, ReLU6, sigmoid, tanh, GELU, identity,
 *       with a readable {@link ai.fasterai.core.nn.ActivationBlock.Kind};
 *   <li>{@link ai.fasterai.core.nn.Residual}: {@code activation(main(x) + shortcut(x))} with named
 *       branches.
 * </ul>
 *
 * <p>For networks that do use DJL's {@code ParallelBlock}, {@link
 * ai.fasterai.core.nn.ParallelJoins} reads its hidden join and probes on random arrays whether it
 * is exactly a sum or a concatenation along axis 1; the pruner and the ONNX exporter share it.
 *
 * <p>None of these blocks has parameters of its own; a {@code Residual}'s parameters are those of
 * its branches. Bad settings fail at construction with an {@link IllegalArgumentException} naming
 * the parameter, the value and the allowed range; bad input shapes fail the same way in {@code
 * getOutputShapes} and at initialization.
 *
 * <pre>{@code
 * SequentialBlock net = new SequentialBlock()
 *         .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(16).build())
 *         .add(ActivationBlock.relu())
 *         .add(MaxPool2d.of(2))
 *         .add(AdaptiveAvgPool2d.of(1))
 *         .add(new Flatten())
 *         .add(Linear.builder().setUnits(10).build());
 * }</pre>
 */
package ai.fasterai.core.nn;
