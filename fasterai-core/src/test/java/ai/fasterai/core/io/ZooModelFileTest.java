/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.model.MobileNetV2;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.model.Vgg;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

/** The shipped architectures save and load without their builders, output for output. */
class ZooModelFileTest {

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(
                        "vgg16_bn small",
                        Vgg.builder()
                                .setDepth(16)
                                .optNumClasses(10)
                                .optWidthMultiplier(0.25)
                                .optClassifierWidth(64)
                                .optPooledSize(1)
                                .build(),
                        new Shape(2, 1, 32, 32)),
                Arguments.of("resnet20", ResNetCifar.resnet20(10, 3), new Shape(2, 3, 32, 32)),
                Arguments.of(
                        "mobilenet_v2",
                        MobileNetV2.builder()
                                .optNumClasses(10)
                                .optWidthMultiplier(0.5)
                                .optSmallInput(true)
                                .build(),
                        new Shape(2, 3, 32, 32)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void roundTripGivesTheSameOutputs(String name, Block block, Shape input, @TempDir Path dir)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, input);
            // Non-trivial BatchNorm statistics: a few training-mode passes update them.
            ParameterStore train = new ParameterStore(manager, false);
            for (int i = 0; i < 3; i++) {
                block.forward(train, new NDList(manager.randomNormal(input)), true);
            }
            NDArray x = manager.randomNormal(input);
            float[] before = infer(block, x, manager);
            Path file = dir.resolve(name.replace(' ', '_') + ".fai");
            ModelFile.save(block, file);
            Block loaded = ModelFile.load(file, manager);
            assertEquals(block.getClass(), loaded.getClass());
            assertArrayEquals(before, infer(loaded, x, manager), 1e-6f);
        }
    }

    private static float[] infer(Block block, NDArray x, NDManager manager) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false)
                .head()
                .toFloatArray();
    }
}
