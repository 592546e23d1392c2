/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

import org.junit.jupiter.api.Test;

/** Normalization, padding and resizing against hand computations. */
class ImageTransformsTest {

    @Test
    void normalizeUsesEachChannelsStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // (1, 2, 1, 2): channel 0 = [1, 3], channel 1 = [10, 20]
            NDArray x = manager.create(new float[] {1, 3, 10, 20}, new Shape(1, 2, 1, 2));
            NDArray y = ImageTransforms.normalize(new float[] {1, 10}, new float[] {2, 5}).apply(x);
            assertArrayEquals(new float[] {0, 1, 0, 2}, y.toFloatArray(), 1e-6f);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    ImageTransforms.normalize(
                                                    new float[] {0, 0, 0}, new float[] {1, 1, 1})
                                            .apply(x));
            assertTrue(e.getMessage().contains("3 channel statistics"), e.getMessage());
        }
    }

    @Test
    void padToCentresTheImageInZeros() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(2, 1, 28, 28));
            NDArray y = ImageTransforms.padTo(32, 32).apply(x);
            assertEquals(new Shape(2, 1, 32, 32), y.getShape());
            float[] v = y.toFloatArray();
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) {
                    boolean inside = r >= 2 && r < 30 && c >= 2 && c < 30;
                    assertEquals(inside ? 1f : 0f, v[r * 32 + c], "pixel " + r + "," + c);
                }
            }
            // An odd difference puts the extra row and column at the bottom and right.
            float[] odd =
                    ImageTransforms.padTo(4, 3)
                            .apply(manager.ones(new Shape(1, 1, 1, 2)))
                            .toFloatArray();
            assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0}, odd);
            assertThrows(
                    IllegalArgumentException.class, () -> ImageTransforms.padTo(20, 20).apply(x));
        }
    }

    @Test
    void resizeChangesTheSizeAndKeepsAConstantImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.full(new Shape(2, 3, 28, 28), 0.5f);
            NDArray y = ImageTransforms.resize(32, 40).apply(x);
            assertEquals(new Shape(2, 3, 32, 40), y.getShape());
            for (float value : y.toFloatArray()) {
                assertEquals(0.5f, value, 1e-6f);
            }
        }
    }

    @Test
    void badSizesAndShapesAreNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImageTransforms.padTo(0, 32));
        assertTrue(e.getMessage().contains("0 x 32"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ImageTransforms.normalize(new float[] {0}, new float[] {0}));
        assertTrue(e.getMessage().contains("std"), e.getMessage());
        try (NDManager manager = NDManager.newBaseManager()) {
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> ImageTransforms.padTo(4, 4).apply(manager.ones(new Shape(2, 2))));
            assertTrue(e.getMessage().contains("(2, 2)"), e.getMessage());
        }
    }

    @Test
    void fashionMnistStatisticsMatchTheTrainingSet() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train = FashionMnist.builder().build().load(manager);
            NDArray images = train.getByRange(manager, 0, 60_000).getData().head();
            float mean = images.mean().getFloat();
            float std = (float) Math.sqrt(images.sub(mean).square().mean().getFloat());
            assertEquals(ImageTransforms.FASHION_MNIST_MEAN, mean, 1e-4);
            assertEquals(ImageTransforms.FASHION_MNIST_STD, std, 1e-4);
        }
    }

    @Test
    void dataLoadersApplyTransformsInOrderToTheFirstInput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds =
                    new ArrayDataset.Builder()
                            .setData(manager.ones(new Shape(4, 1, 2, 2)))
                            .optLabels(manager.zeros(new Shape(4)))
                            .setSampling(1, false)
                            .build();
            DataLoaders dls =
                    DataLoaders.builder()
                            .setTrain(ds)
                            .setValid(ds)
                            .addTransform(ImageTransforms.padTo(4, 4))
                            .addTransform(x -> x.mul(3))
                            .build();
            NDList out =
                    dls.transform(
                            new NDList(
                                    manager.ones(new Shape(1, 1, 2, 2)),
                                    manager.ones(new Shape(1))));
            assertEquals(new Shape(1, 1, 4, 4), out.get(0).getShape());
            assertEquals(12f, out.get(0).sum().getFloat(), 1e-6); // 4 ones, padded, times 3
            assertEquals(new Shape(1), out.get(1).getShape());
        }
    }
}
