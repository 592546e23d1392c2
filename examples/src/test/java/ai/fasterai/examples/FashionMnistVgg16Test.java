/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline example (the walkthrough's first stage, on all the training images): a small
 * VGG16-BN trained for 2 epochs on all of Fashion-MNIST reaches at least 0.90 test accuracy (the
 * Fashion-MNIST README lists 0.935 for a full VGG16). About four minutes on 2 CPU cores: the one
 * long test of the suite.
 */
class FashionMnistVgg16Test {

    @Test
    void twoEpochsReachNinetyPercentOnTheTestSet(@TempDir Path out) throws Exception {
        double accuracy =
                FashionMnistVgg16.run(
                        FashionMnistVgg16.Options.parse("--epochs", "2", "--out", out.toString()));
        assertTrue(accuracy >= 0.90, "test accuracy " + accuracy);
        assertTrue(Files.size(out.resolve("vgg16_bn-fashion-mnist.fai")) > 1_000_000);
    }
}
