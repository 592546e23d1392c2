/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.Residual;
import ai.fasterai.core.util.Checks;

/**
 * MobileNetV2 (Sandler et al. 2018) laid out as torchvision's {@code mobilenet_v2}, built from
 * visible layers only.
 *
 * <p>The block is a {@link SequentialBlock} of three children, in torchvision's order:
 *
 * <ol>
 *   <li>{@code features}: a 3x3 convolution (stride 2) to 32 channels, BN, ReLU6; the inverted
 *       residual blocks of the table below; a 1x1 convolution to 1280 channels, BN, ReLU6;
 *   <li>{@link AdaptiveAvgPool2d}{@code (1, 1)};
 *   <li>{@code classifier}: {@link Flatten}, {@code Dropout(0.2)}, {@code Linear(numClasses)}.
 * </ol>
 *
 * <p>An inverted residual with expansion {@code t} is: 1x1 convolution to {@code t * in} channels,
 * BN, ReLU6 (left out when {@code t == 1}); 3x3 depthwise convolution (groups = channels) with the
 * block's stride, BN, ReLU6; 1x1 projection convolution, BN (no activation). When the stride is 1
 * and the channel count does not change it is a {@link Residual} with an identity shortcut and
 * nothing after the add; otherwise it is the plain {@link SequentialBlock}. Convolutions have no
 * bias; batch norm uses epsilon 1e-5.
 *
 * <pre>
 *   t    c    n  s        (expansion, channels, repeats, stride of the first repeat)
 *   1   16    1  1
 *   6   24    2  2        (stride 1 with optSmallInput)
 *   6   32    3  2
 *   6   64    4  2
 *   6   96    3  1
 *   6  160    3  2
 *   6  320    1  1
 * </pre>
 *
 * <p>Channel counts are torchvision's {@code _make_divisible(c * widthMultiplier, 8)}; the last
 * convolution has {@code _make_divisible(1280 * max(1, widthMultiplier), 8)} channels. With the
 * defaults the network has torchvision's 3,504,872 trainable parameters for 1000 classes.
 *
 * <pre>{@code
 * SequentialBlock imagenet = MobileNetV2.mobilenetV2(1000);
 * // For 32x32 inputs, as CIFAR ports do: total stride 8 instead of 32.
 * SequentialBlock cifar = MobileNetV2.builder().optNumClasses(10).optSmallInput(true).build();
 * }</pre>
 */
public final class MobileNetV2 {

    /** Rows {@code {t, c, n, s}} of the paper's table 2. */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1},
        {6, 24, 2, 2},
        {6, 32, 3, 2},
        {6, 64, 4, 2},
        {6, 96, 3, 1},
        {6, 160, 3, 2},
        {6, 320, 1, 1}
    };

    private static final int STEM_CHANNELS = 32;
    private static final int LAST_CHANNELS = 1280;
    private static final int DIVISOR = 8;

    private MobileNetV2() {}

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Torchvision's {@code mobilenet_v2}: width 1, 3 input channels, dropout 0.2.
     *
     * @param numClasses the number of classes, &gt;= 1
     * @return the network
     * @throws IllegalArgumentException if {@code numClasses < 1}
     */
    public static SequentialBlock mobilenetV2(int numClasses) {
        return builder().optNumClasses(numClasses).build();
    }

    /**
     * Torchvision's {@code _make_divisible}: rounds {@code v} to the nearest multiple of {@code
     * divisor} (at least {@code divisor}), going one multiple up when rounding down would lose more
     * than 10 %.
     *
     * @param v the value to round
     * @param divisor the multiple
     * @return the rounded channel count
     */
    static int makeDivisible(double v, int divisor) {
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    /**
     * Appends torchvision's {@code Conv2dNormActivation}: convolution without bias, BN, ReLU6.
     *
     * @param target the sequence to append to
     * @param filters the output channels
     * @param kernel the kernel size (padding {@code kernel / 2})
     * @param stride the stride
     * @param groups the groups, the channel count for a depthwise convolution
     * @return {@code target}
     */
    private static SequentialBlock addConvBnRelu6(
            SequentialBlock target, int filters, int kernel, int stride, int groups) {
        return target.add(Layers.conv(filters, kernel, stride, groups, false))
                .add(Layers.batchNorm())
                .add(ActivationBlock.relu6());
    }

    /**
     * One inverted residual block.
     *
     * @param in the input channels
     * @param out the output channels
     * @param stride the depthwise stride
     * @param expansion the expansion factor {@code t}
     * @return a {@link Residual} when the shape is kept, the plain sequence otherwise
     */
    private static Block invertedResidual(int in, int out, int stride, int expansion) {
        int hidden = in * expansion;
        SequentialBlock main = new SequentialBlock();
        if (expansion != 1) {
            addConvBnRelu6(main, hidden, 1, 1, 1);
        }
        addConvBnRelu6(main, hidden, 3, stride, hidden)
                .add(Layers.conv(out, 1, 1, 1, false))
                .add(Layers.batchNorm());
        if (stride == 1 && in == out) {
            return Residual.builder().setMain(main).build();
        }
        return main;
    }

    /** Builds a MobileNetV2; validation happens in {@link #build()}. */
    public static final class Builder {

        private int numClasses = 1000;
        private int inChannels = 3;
        private double widthMultiplier = 1.0;
        private boolean smallInput;
        private float dropout = 0.2f;

        private Builder() {}

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
         * Sets the width multiplier (the paper's alpha); defaults to 1.
         *
         * @param widthMultiplier a finite value &gt; 0
         * @return this builder
         */
        public Builder optWidthMultiplier(double widthMultiplier) {
            this.widthMultiplier = widthMultiplier;
            return this;
        }

        /**
         * Adapts the network to small inputs such as 32x32: the first convolution and the first
         * stride-2 stage (24 channels) get stride 1, so the total stride is 8 and a 32x32 input
         * ends at 4x4 rather than 1x1. The parameters are unchanged. Defaults to false.
         *
         * @param smallInput true for small inputs
         * @return this builder
         */
        public Builder optSmallInput(boolean smallInput) {
            this.smallInput = smallInput;
            return this;
        }

        /**
         * Sets the dropout rate before the last linear layer; defaults to 0.2.
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
         * @throws IllegalArgumentException if a value is out of range
         */
        public SequentialBlock build() {
            Checks.atLeast("numClasses", numClasses, 1);
            Checks.atLeast("inChannels", inChannels, 1);
            Checks.positive("widthMultiplier", widthMultiplier);
            Checks.rate("dropout", dropout);

            int channels = makeDivisible(STEM_CHANNELS * widthMultiplier, DIVISOR);
            int last = makeDivisible(LAST_CHANNELS * Math.max(1.0, widthMultiplier), DIVISOR);
            SequentialBlock features = new SequentialBlock();
            addConvBnRelu6(features, channels, 3, smallInput ? 1 : 2, 1);
            for (int row = 0; row < SETTINGS.length; row++) {
                int[] setting = SETTINGS[row];
                int out = makeDivisible(setting[1] * widthMultiplier, DIVISOR);
                // CIFAR ports keep the resolution in the first stride-2 stage (row 1).
                int stageStride = smallInput && row == 1 ? 1 : setting[3];
                for (int i = 0; i < setting[2]; i++) {
                    features.add(
                            invertedResidual(channels, out, i == 0 ? stageStride : 1, setting[0]));
                    channels = out;
                }
            }
            addConvBnRelu6(features, last, 1, 1, 1);
            SequentialBlock classifier =
                    new SequentialBlock()
                            .add(new Flatten())
                            .add(Dropout.builder().optRate(dropout).build())
                            .add(Linear.builder().setUnits(numClasses).build());
            return new SequentialBlock().add(features).add(AdaptiveAvgPool2d.of(1)).add(classifier);
        }
    }
}
