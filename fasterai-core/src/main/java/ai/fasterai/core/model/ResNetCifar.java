/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.Residual;
import ai.fasterai.core.util.Checks;

/**
 * The CIFAR ResNets of He et al. 2016 (section 4.2), with projection shortcuts ("option B"), built
 * from visible layers only.
 *
 * <p>For depth {@code 6n + 2} the block is a {@link SequentialBlock} of: a 3x3 convolution with 16
 * filters, {@code BatchNorm}, ReLU; three stages (each a {@link SequentialBlock}) of {@code n}
 * basic blocks with 16, 32 and 64 filters, the first block of stages 2 and 3 having stride 2;
 * {@link AdaptiveAvgPool2d}{@code (1, 1)}; {@link Flatten}; {@code Linear(numClasses)}.
 *
 * <p>A basic block is a {@link Residual} whose main branch is conv3x3, BN, ReLU, conv3x3, BN, whose
 * shortcut is the identity, or a 1x1 convolution with the block's stride and a BN where the shape
 * changes (option B), and with a ReLU after the add. Convolutions have no bias (batch norm follows
 * each); batch norm uses PyTorch's epsilon 1e-5. ResNet-20 for 10 classes has 272,474 trainable
 * parameters.
 *
 * <pre>{@code
 * SequentialBlock net = ResNetCifar.resnet20(10, 3);
 * SequentialBlock wide = ResNetCifar.builder().setDepth(56).optWidthMultiplier(2).build();
 * }</pre>
 */
public final class ResNetCifar {

    private static final int[] STAGE_WIDTHS = {16, 32, 64};

    private ResNetCifar() {}

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * ResNet-20 ({@code n = 3}).
     *
     * @param numClasses the number of classes, &gt;= 1
     * @param inChannels the input channels, &gt;= 1
     * @return the network
     * @throws IllegalArgumentException if a value is below 1
     */
    public static SequentialBlock resnet20(int numClasses, int inChannels) {
        return builder().setDepth(20).optNumClasses(numClasses).optInChannels(inChannels).build();
    }

    /**
     * ResNet-56 ({@code n = 9}).
     *
     * @param numClasses the number of classes, &gt;= 1
     * @param inChannels the input channels, &gt;= 1
     * @return the network
     * @throws IllegalArgumentException if a value is below 1
     */
    public static SequentialBlock resnet56(int numClasses, int inChannels) {
        return builder().setDepth(56).optNumClasses(numClasses).optInChannels(inChannels).build();
    }

    /**
     * One basic block.
     *
     * @param in the input channels
     * @param out the output channels
     * @param stride the stride of the first convolution (and of the projection)
     * @return the residual unit
     */
    private static Block basicBlock(int in, int out, int stride) {
        SequentialBlock main =
                new SequentialBlock()
                        .add(Layers.conv(out, 3, stride, 1, false))
                        .add(Layers.batchNorm())
                        .add(ActivationBlock.relu())
                        .add(Layers.conv(out, 3, 1, 1, false))
                        .add(Layers.batchNorm());
        SequentialBlock shortcut = null;
        if (stride != 1 || in != out) {
            shortcut =
                    new SequentialBlock()
                            .add(Layers.conv(out, 1, stride, 1, false))
                            .add(Layers.batchNorm());
        }
        return Residual.builder()
                .setMain(main)
                .optShortcut(shortcut)
                .optActivation(ActivationBlock.relu())
                .build();
    }

    /** Builds a CIFAR ResNet; validation happens in {@link #build()}. */
    public static final class Builder {

        private int depth;
        private int numClasses = 10;
        private int inChannels = 3;
        private double widthMultiplier = 1.0;

        private Builder() {}

        /**
         * Sets the depth (required): {@code 6n + 2} layers with weights, e.g. 20, 32, 44, 56, 110.
         *
         * @param depth {@code 6n + 2} with {@code n >= 1}
         * @return this builder
         */
        public Builder setDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /**
         * Sets the number of classes; defaults to 10.
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
         * Sets the factor applied to the widths 16, 32, 64: {@code max(1, round(w * factor))};
         * defaults to 1.
         *
         * @param widthMultiplier a finite value &gt; 0
         * @return this builder
         */
        public Builder optWidthMultiplier(double widthMultiplier) {
            this.widthMultiplier = widthMultiplier;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if the depth is not set or a value is out of range
         */
        public SequentialBlock build() {
            if (depth == 0) {
                throw new IllegalArgumentException("depth must be set with setDepth(int)");
            }
            if (depth < 8 || (depth - 2) % 6 != 0) {
                throw new IllegalArgumentException(
                        "depth must be 6n + 2 with n >= 1 (8, 14, 20, 32, 44, 56, 110, ...), got "
                                + depth);
            }
            Checks.atLeast("numClasses", numClasses, 1);
            Checks.atLeast("inChannels", inChannels, 1);
            Checks.positive("widthMultiplier", widthMultiplier);
            int n = (depth - 2) / 6;

            int width = Layers.scale(STAGE_WIDTHS[0], widthMultiplier);
            SequentialBlock net =
                    new SequentialBlock()
                            .add(Layers.conv(width, 3, 1, 1, false))
                            .add(Layers.batchNorm())
                            .add(ActivationBlock.relu());
            for (int s = 0; s < STAGE_WIDTHS.length; s++) {
                int out = Layers.scale(STAGE_WIDTHS[s], widthMultiplier);
                SequentialBlock stage = new SequentialBlock();
                for (int i = 0; i < n; i++) {
                    int stride = (s > 0 && i == 0) ? 2 : 1;
                    stage.add(basicBlock(width, out, stride));
                    width = out;
                }
                net.add(stage);
            }
            return net.add(AdaptiveAvgPool2d.of(1))
                    .add(new Flatten())
                    .add(Linear.builder().setUnits(numClasses).build());
        }
    }
}
