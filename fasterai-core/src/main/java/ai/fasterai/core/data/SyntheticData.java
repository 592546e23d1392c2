/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.fasterai.core.util.Checks;

import java.util.Random;

/**
 * Deterministic, separable classification data for fast tests.
 *
 * <pre>{@code
 * ArrayDataset ds = SyntheticData.builder()
 *         .setNumSamples(512).setNumClasses(4).setShape(new Shape(1, 8, 8))
 *         .optSeed(42).optNoise(0.1f)
 *         .build()
 *         .generate(manager);
 * }</pre>
 *
 * <p>Each class c has a prototype {@code p_c} of the sample shape whose values are standard
 * Gaussians; sample i has label {@code y_i = i mod C} (classes are balanced: each holds floor(N/C)
 * or ceil(N/C) samples, and any contiguous batch of C samples holds every class) and values {@code
 * x_i = p_{y_i} + noise * g} with g standard Gaussian. Prototypes are drawn again (a bounded number
 * of times) while one lies closer than {@code sqrt(D)} to an earlier one, D being the number of
 * values per sample; so at noise 0.1 a nearest-prototype classifier is essentially perfect.
 *
 * <p>All values come from one {@link Random} seeded with the seed, in Java, so the same options
 * give bit-identical arrays on every engine and platform.
 */
public final class SyntheticData {

    // Two Gaussian prototypes are sqrt(2D) apart on average; asking for sqrt(D) rejects only
    // unlucky draws, which matter in few dimensions.
    private static final double MIN_DISTANCE_PER_SQRT_DIM = 1.0;
    private static final int MAX_PROTOTYPE_DRAWS = 100;

    private final int numSamples;
    private final int numClasses;
    private final Shape shape;
    private final long seed;
    private final float noise;

    private SyntheticData(Builder builder) {
        numSamples = builder.numSamples;
        numClasses = builder.numClasses;
        shape = builder.shape;
        seed = builder.seed;
        noise = builder.noise;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates the data on {@code manager}, which then owns the arrays.
     *
     * @param manager the manager that will own the data and label arrays
     * @return the dataset: data float32 (N, ...shape), labels float32 (N) in 0..C-1, with {@code
     *     setSampling(1, false)}
     */
    public ArrayDataset generate(NDManager manager) {
        Checks.notNull("manager", manager);
        int dim = Math.toIntExact(shape.size());
        Random random = new Random(seed);
        float[][] prototypes = prototypes(random, dim);

        float[] values = new float[numSamples * dim];
        float[] labelValues = new float[numSamples];
        for (int i = 0; i < numSamples; i++) {
            int label = i % numClasses;
            labelValues[i] = label;
            float[] prototype = prototypes[label];
            int offset = i * dim;
            for (int j = 0; j < dim; j++) {
                values[offset + j] = prototype[j] + noise * (float) random.nextGaussian();
            }
        }

        NDArray data = manager.create(values, new Shape(numSamples).addAll(shape));
        NDArray labels;
        try {
            labels = manager.create(labelValues, new Shape(numSamples));
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        return new ArrayDataset.Builder()
                .setData(data)
                .optLabels(labels)
                .setSampling(1, false)
                .build();
    }

    private float[][] prototypes(Random random, int dim) {
        double minDistance = MIN_DISTANCE_PER_SQRT_DIM * Math.sqrt(dim);
        float[][] prototypes = new float[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            float[] best = null;
            double bestDistance = -1;
            for (int draw = 0; draw < MAX_PROTOTYPE_DRAWS && bestDistance < minDistance; draw++) {
                float[] candidate = new float[dim];
                for (int j = 0; j < dim; j++) {
                    candidate[j] = (float) random.nextGaussian();
                }
                double distance = nearestDistance(candidate, prototypes, c);
                if (distance > bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            prototypes[c] = best;
        }
        return prototypes;
    }

    /** Distance from {@code point} to the nearest of the first {@code count} prototypes. */
    private static double nearestDistance(float[] point, float[][] prototypes, int count) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            double sum = 0;
            for (int j = 0; j < point.length; j++) {
                double d = point[j] - prototypes[c][j];
                sum += d * d;
            }
            nearest = Math.min(nearest, Math.sqrt(sum));
        }
        return nearest;
    }

    /** Builds {@link SyntheticData}: samples, classes and shape are required. */
    public static final class Builder {

        private int numSamples;
        private int numClasses;
        private Shape shape;
        private long seed;
        private float noise = 0.1f;

        Builder() {}

        /**
         * Sets the number of samples N.
         *
         * @param numSamples the number of samples, at least 1
         * @return this builder
         */
        public Builder setNumSamples(int numSamples) {
            this.numSamples = numSamples;
            return this;
        }

        /**
         * Sets the number of classes C.
         *
         * @param numClasses the number of classes, at least 2
         * @return this builder
         */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the shape of one sample, such as {@code (1, 8, 8)} for a CNN or {@code (16)} for an
         * MLP.
         *
         * @param shape the sample shape; every dimension at least 1
         * @return this builder
         */
        public Builder setShape(Shape shape) {
            this.shape = shape;
            return this;
        }

        /**
         * Sets the seed of the random generator; the default is 0.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the standard deviation of the Gaussian noise added to the prototypes; the default is
         * 0.1 (prototype values have standard deviation 1).
         *
         * @param noise the noise level, finite and at least 0
         * @return this builder
         */
        public Builder optNoise(float noise) {
            this.noise = noise;
            return this;
        }

        /**
         * Validates the options.
         *
         * @return the configured generator
         * @throws IllegalArgumentException if an option is missing or out of range
         */
        public SyntheticData build() {
            if (numSamples < 1) {
                throw new IllegalArgumentException(
                        "numSamples must be >= 1 (set it with setNumSamples), got " + numSamples);
            }
            if (numClasses < 2) {
                throw new IllegalArgumentException(
                        "numClasses must be >= 2 (set it with setNumClasses), got " + numClasses);
            }
            if (shape == null) {
                throw new IllegalArgumentException("shape must be set with setShape, got null");
            }
            if (shape.dimension() == 0) {
                throw new IllegalArgumentException(
                        "shape must have at least one dimension, got " + shape);
            }
            for (long dim : shape.getShape()) {
                if (dim < 1) {
                    throw new IllegalArgumentException(
                            "shape dimensions must all be >= 1, got " + shape);
                }
            }
            if (!Float.isFinite(noise) || noise < 0) {
                throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
            }
            // One float[] holds all samples; a double product cannot overflow silently.
            double total = numSamples;
            for (long dim : shape.getShape()) {
                total *= dim;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "numSamples * shape size must be < 2^31, got "
                                + numSamples
                                + " * "
                                + shape);
            }
            return new SyntheticData(this);
        }
    }
}
