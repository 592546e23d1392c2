/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/** Batch transforms for (N, C, H, W) images: normalization, zero padding and resizing. */
public final class ImageTransforms {

    /** Fashion-MNIST's training-set pixel mean, on the [0, 1] scale. */
    public static final float FASHION_MNIST_MEAN = 0.2860f;

    /** Fashion-MNIST's training-set pixel standard deviation, on the [0, 1] scale. */
    public static final float FASHION_MNIST_STD = 0.3530f;

    private ImageTransforms() {}

    /**
     * Returns {@code (x - mean[c]) / std[c]} per channel c, fastai's {@code Normalize}.
     *
     * @param mean one mean per channel (or one for all channels)
     * @param std one standard deviation per channel (or one for all), each &gt; 0
     * @return the transform
     * @throws IllegalArgumentException if the arrays are empty, of different lengths, not finite,
     *     or a std is not positive
     */
    public static ImageTransform normalize(float[] mean, float[] std) {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException(
                    "mean and std must be non-empty and of equal length, got "
                            + Arrays.toString(mean)
                            + " and "
                            + Arrays.toString(std));
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c]) || !(std[c] > 0) || Float.isInfinite(std[c])) {
                throw new IllegalArgumentException(
                        "mean must be finite and std finite and > 0, got mean "
                                + Arrays.toString(mean)
                                + ", std "
                                + Arrays.toString(std));
            }
        }
        float[] m = mean.clone();
        float[] s = std.clone();
        return images -> {
            long channels = checkImages(images).get(1);
            if (m.length != 1 && m.length != channels) {
                throw new IllegalArgumentException(
                        "normalize has "
                                + m.length
                                + " channel statistics but the images have "
                                + channels
                                + " channels");
            }
            Shape perChannel = new Shape(1, m.length, 1, 1);
            NDArray meanArray =
                    images.getManager().create(m, perChannel).toDevice(images.getDevice(), false);
            NDArray stdArray =
                    images.getManager().create(s, perChannel).toDevice(images.getDevice(), false);
            return images.sub(meanArray).div(stdArray);
        };
    }

    /**
     * Pads images with zeros to a size, centred (an odd difference puts the extra row or column at
     * the bottom or right), e.g. Fashion-MNIST's 28x28 to 32x32 for a VGG with five poolings.
     *
     * @param height the padded height, at least the images' height
     * @param width the padded width, at least the images' width
     * @return the transform
     */
    public static ImageTransform padTo(int height, int width) {
        checkSize(height, width);
        return images -> {
            Shape shape = checkImages(images);
            long dh = height - shape.get(2);
            long dw = width - shape.get(3);
            if (dh < 0 || dw < 0) {
                throw new IllegalArgumentException(
                        "padTo("
                                + height
                                + ", "
                                + width
                                + ") cannot shrink images of shape "
                                + shape
                                + ": use resize");
            }
            if (dh == 0 && dw == 0) {
                return images;
            }
            // Torch-style padding: last axis (left, right) first, then (top, bottom).
            return images.pad(new Shape(dw / 2, dw - dw / 2, dh / 2, dh - dh / 2), 0);
        };
    }

    /**
     * Resizes images with bilinear interpolation.
     *
     * @param height the new height
     * @param width the new width
     * @return the transform
     */
    public static ImageTransform resize(int height, int width) {
        checkSize(height, width);
        return images -> {
            checkImages(images);
            // DJL resizes channels-last images.
            NDArray channelsLast = images.transpose(0, 2, 3, 1);
            return NDImageUtils.resize(channelsLast, width, height, Image.Interpolation.BILINEAR)
                    .transpose(0, 3, 1, 2);
        };
    }

    private static void checkSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "height and width must be >= 1, got " + height + " x " + width);
        }
    }

    private static Shape checkImages(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    "image transforms take (N, C, H, W) batches, got shape " + shape);
        }
        return shape;
    }
}
