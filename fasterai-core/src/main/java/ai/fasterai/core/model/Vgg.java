/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.util.Checks;

/**
 * VGG networks (Simonyan and Zisserman, 2015) laid out as torchvision's {@code vgg11} .. {@code
 * vgg19_bn}, built from visible layers only.
 *
 * <p>The block is a {@link SequentialBlock} of three children, in torchvision's order:
 *
 * <ol>
 *   <li>{@code features}: a {@link SequentialBlock} following torchvision's configuration: each
 *       number is a 3x3 convolution with padding 1 and a bias, followed by a {@code BatchNorm}
 *       (epsilon 1e-5) when batch norm is on, then a ReLU; each {@code M} is a 2x2 {@link
 *       MaxPool2d}. VGG-16: {@code 64 64 M 128 128 M 256 256 256 M 512 512 512 M 512 512 512 M};
 *   <li>{@link AdaptiveAvgPool2d}{@code (pooledSize, pooledSize)};
 *   <li>{@code classifier}: a {@link SequentialBlock} of {@link Flatten} (torchvision flattens
 *       inside {@code forward}; here the flatten is the classifier's first layer so that the three
 *       children match torchvision's), {@code Linear(classifierWidth)}, ReLU, {@code Dropout},
 *       {@code Linear(classifierWidth)}, ReLU, {@code Dropout}, {@code Linear(numClasses)}.
 * </ol>
 *
 * <p>Convolution widths are {@code max(1, round(cfg * widthMultiplier))}. With the defaults the
 * trainable parameters are torchvision's ({@code vgg16_bn}: 138,365,992 for 1000 classes).
 *
 * <pre>{@code
 * SequentialBlock imagenet = Vgg.vgg16Bn(1000);
 * // A small VGG-16 for 1x32x32 images: widths 16..128, a 512-wide classifier, 1x1 pooling.
 * SequentialBlock small = Vgg.builder().setDepth(16).optInChannels(1).optNumClasses(10)
 *         .optWidthMultiplier(0.25).optClassifierWidth(512).optPooledSize(1).build();
 * }</pre>
 */
public final class Vgg {

    /** The 2x2 max pooling entry of a configuration. */
    private static final int M = 0;

    private static final int[] VGG11 = {64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
    private static final int[] VGG13 = {
        64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M
    };
    private static final int[] VGG16 = {
        64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M
    };
    private static final int[] VGG19 = {
        64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M
    };

    private Vgg() {}

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Torchvision's {@code vgg16_bn}: 3 input channels, 4096-wide classifier, 7x7 pooling, dropout
     * 0.5.
     *
     * @param numClasses the number of classes, &gt;= 1
     * @return the network
     * @throws IllegalArgumentException if {@code numClasses < 1}
     */
    public static SequentialBlock vgg16Bn(int numClasses) {
        return builder().setDepth(16).optNumClasses(numClasses).build();
    }

    /**
     * Torchvision's {@code vgg19_bn}: 3 input channels, 4096-wide classifier, 7x7 pooling, dropout
     * 0.5.
     *
     * @param numClasses the number of classes, &gt;= 1
     * @return the network
     * @throws IllegalArgumentException if {@code numClasses < 1}
     */
    public static SequentialBlock vgg19Bn(int numClasses) {
        return builder().setDepth(19).optNumClasses(numClasses).build();
    }

    private static int[] config(int depth) {
        return switch (depth) {
            case 11 -> VGG11;
            case 13 -> VGG13;
            case 16 -> VGG16;
            case 19 -> VGG19;
            default ->
                    throw new IllegalArgumentException(
                            "depth must be one of 11, 13, 16, 19, got " + depth);
        };
    }

    /** Builds a VGG network; validation happens in {@link #build()}. */
    public static final class Builder {

        private int depth;
        private boolean batchNorm = true;
        private int inChannels = 3;
        private int numClasses = 1000;
        private double widthMultiplier = 1.0;
        private int classifierWidth = 4096;
        private int pooledSize = 7;
        private float dropout = 0.5f;

        private Builder() {}

        /**
         * Sets the depth (required): the number of convolution and linear layers.
         *
         * @param depth 11, 13, 16 or 19
         * @return this builder
         */
        public Builder setDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /**
         * Sets whether each convolution is followed by batch norm; defaults to true ({@code
         * vgg*_bn}).
         *
         * @param batchNorm true for {@code vgg*_bn}, false for plain {@code vgg*}
         * @return this builder
         */
        public Builder optBatchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /**
         * Sets the number of input channels; defaults to 3.
         *
         * <p>DJL's first convolution takes its input channels from the shape passed to {@code
         * initialize}; this value states the intended input and is validated, so that a model
         * description holds every setting needed to rebuild and initialize it.
         *
         * @param inChannels the input channels, &gt;= 1
         * @return this builder
         */
        public Builder optInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /**
         * Sets the number of classes; defaults to 1000.
         *
         * @param numClasses the number of classes, &gt;= 1
         * @return this builder
         */
        public Builder optNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the factor applied to every convolution width; defaults to 1.
         *
         * @param widthMultiplier a finite value &gt; 0
         * @return this builder
         */
        public Builder optWidthMultiplier(double widthMultiplier) {
            this.widthMultiplier = widthMultiplier;
            return this;
        }

        /**
         * Sets the width of the two hidden linear layers; defaults to 4096.
         *
         * @param classifierWidth the width, &gt;= 1
         * @return this builder
         */
        public Builder optClassifierWidth(int classifierWidth) {
            this.classifierWidth = classifierWidth;
            return this;
        }

        /**
         * Sets the side of the adaptive average pooling output; defaults to 7 (1 suits inputs of
         * 32x32, which the five poolings reduce to 1x1).
         *
         * @param pooledSize the pooled height and width, &gt;= 1
         * @return this builder
         */
        public Builder optPooledSize(int pooledSize) {
            this.pooledSize = pooledSize;
            return this;
        }

        /**
         * Sets the dropout rate of the classifier; defaults to 0.5.
         *
         * @param dropout the rate, in {@code [0, 1)}
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return a {@link SequentialBlock} of features, pooling and classifier
         * @throws IllegalArgumentException if the depth is not set or a value is out of range
         */
        public SequentialBlock build() {
            if (depth == 0) {
                throw new IllegalArgumentException("depth must be set with setDepth(int)");
            }
            int[] cfg = config(depth);
            Checks.atLeast("inChannels", inChannels, 1);
            Checks.atLeast("numClasses", numClasses, 1);
            Checks.positive("widthMultiplier", widthMultiplier);
            Checks.atLeast("classifierWidth", classifierWidth, 1);
            Checks.atLeast("pooledSize", pooledSize, 1);
            Checks.rate("dropout", dropout);

            SequentialBlock features = new SequentialBlock();
            for (int v : cfg) {
                if (v == M) {
                    features.add(MaxPool2d.of(2));
                    continue;
                }
                // torchvision keeps the conv bias even before batch norm: keep it for equal counts.
                features.add(Layers.conv(Layers.scale(v, widthMultiplier), 3, 1, 1, true));
                if (batchNorm) {
                    features.add(Layers.batchNorm());
                }
                features.add(ActivationBlock.relu());
            }
            SequentialBlock classifier =
                    new SequentialBlock()
                            .add(new Flatten())
                            .add(Linear.builder().setUnits(classifierWidth).build())
                            .add(ActivationBlock.relu())
                            .add(Dropout.builder().optRate(dropout).build())
                            .add(Linear.builder().setUnits(classifierWidth).build())
                            .add(ActivationBlock.relu())
                            .add(Dropout.builder().optRate(dropout).build())
                            .add(Linear.builder().setUnits(numClasses).build());
            return new SequentialBlock()
                    .add(features)
                    .add(AdaptiveAvgPool2d.of(pooledSize))
                    .add(classifier);
        }
    }
}
