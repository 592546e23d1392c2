/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.fasterai.core.util.Checks;

/**
 * How important each weight is, as fasterai's {@code Criteria}: the least important groups are
 * zeroed first. A criteria is a per-weight score function plus a {@link Reducer} (how a group's
 * scores become one) and a {@link Normalizer}. Immutable.
 *
 * <p>As in fasterai, scores are shifted to be positive (plus a tiny epsilon) and multiplied by the
 * current mask before they are reduced, so groups already zeroed stay the least important.
 *
 * <p>Presets carry fasterai's names: {@link #random()}, {@link #largeFinal()}, {@link
 * #squaredFinal()}, {@link #smallFinal()}, {@link #largeInit()}, {@link #smallInit()}, {@link
 * #largeInitLargeFinal()}, {@link #smallInitSmallFinal()}, {@link #magnitudeIncrease()}, {@link
 * #movement()}, {@link #updatingMagnitudeIncrease()}, {@link #updatingMovement()}, {@link
 * #updatingMovmag()}, {@link #taylor()} and {@link #wanda()}. {@link #of} makes a user-defined one.
 */
public final class Criteria {

    /** Which reference weights a criteria compares with. */
    public enum Reference {
        /** None: the score depends on the current weights (and gradients, activations) only. */
        NONE,
        /** The weights saved at the start (or at the last {@link Sparsifier#saveWeights()}). */
        INITIAL,
        /** The weights at the previous mask computation (fasterai's {@code updating_*}). */
        PREVIOUS
    }

    /** A per-weight score: larger means more important. */
    @FunctionalInterface
    public interface ScoreFunction {

        /**
         * Scores every weight of a layer.
         *
         * @param layer the layer's weights (and reference, gradient if asked for)
         * @return a new array of the weight's shape
         */
        NDArray score(LayerWeights layer);
    }

    private final String name;
    private final ScoreFunction function;
    private final Reference reference;
    private final boolean needsGradient;
    private final boolean needsData;
    private final Reducer reducer;
    private final Normalizer normalizer;

    private Criteria(
            String name,
            ScoreFunction function,
            Reference reference,
            boolean needsGradient,
            boolean needsData,
            Reducer reducer,
            Normalizer normalizer) {
        this.name = name;
        this.function = function;
        this.reference = reference;
        this.needsGradient = needsGradient;
        this.needsData = needsData;
        this.reducer = reducer;
        this.normalizer = normalizer;
    }

    /**
     * Makes a user-defined criteria, reduced by {@link Reducer#MEAN} without normalization.
     *
     * @param name the name shown in messages and reports
     * @param reference the reference weights the function reads, not null
     * @param function the per-weight score, not null
     * @return the criteria
     * @throws IllegalArgumentException if an argument is null
     */
    public static Criteria of(String name, Reference reference, ScoreFunction function) {
        return new Criteria(
                Checks.notNull("name", name),
                Checks.notNull("function", function),
                Checks.notNull("reference", reference),
                false,
                false,
                Reducer.MEAN,
                Normalizer.NONE);
    }

    /**
     * Random scores (uniform, from the engine's random generator).
     *
     * @return the {@code random} criteria
     */
    public static Criteria random() {
        return of(
                "random",
                Reference.NONE,
                w -> w.getWeight().getManager().randomUniform(0f, 1f, w.getWeight().getShape()));
    }

    /**
     * {@code |w|}: keep large weights.
     *
     * @return the {@code large_final} criteria
     */
    public static Criteria largeFinal() {
        return of("large_final", Reference.NONE, w -> w.getWeight().abs());
    }

    /**
     * {@code w^2}.
     *
     * @return the {@code squared_final} criteria
     */
    public static Criteria squaredFinal() {
        return of("squared_final", Reference.NONE, w -> w.getWeight().square());
    }

    /**
     * {@code -|w|}: keep small weights.
     *
     * @return the {@code small_final} criteria
     */
    public static Criteria smallFinal() {
        return of("small_final", Reference.NONE, w -> w.getWeight().abs().neg());
    }

    /**
     * {@code |w0|}: keep weights that were large at the start.
     *
     * @return the {@code large_init} criteria
     */
    public static Criteria largeInit() {
        return of("large_init", Reference.INITIAL, w -> w.getReference().abs());
    }

    /**
     * {@code -|w0|}.
     *
     * @return the {@code small_init} criteria
     */
    public static Criteria smallInit() {
        return of("small_init", Reference.INITIAL, w -> w.getReference().abs().neg());
    }

    /**
     * {@code min(|w|, |w0|)}: large at the start and now.
     *
     * @return the {@code large_init_large_final} criteria
     */
    public static Criteria largeInitLargeFinal() {
        return of(
                "large_init_large_final",
                Reference.INITIAL,
                w -> NDArrays.minimum(w.getWeight().abs(), w.getReference().abs()));
    }

    /**
     * {@code -max(|w|, |w0|)}: small at the start and now.
     *
     * @return the {@code small_init_small_final} criteria
     */
    public static Criteria smallInitSmallFinal() {
        return of(
                "small_init_small_final",
                Reference.INITIAL,
                w -> NDArrays.maximum(w.getWeight().abs(), w.getReference().abs()).neg());
    }

    /**
     * {@code |w| - |w0|}: weights that grew.
     *
     * @return the {@code magnitude_increase} criteria
     */
    public static Criteria magnitudeIncrease() {
        return of(
                "magnitude_increase",
                Reference.INITIAL,
                w -> w.getWeight().abs().sub(w.getReference().abs()));
    }

    /**
     * {@code |w - w0|}: weights that moved.
     *
     * @return the {@code movement} criteria
     */
    public static Criteria movement() {
        return of("movement", Reference.INITIAL, w -> w.getWeight().sub(w.getReference()).abs());
    }

    /**
     * {@code |w| - |w_prev|}, against the weights at the previous mask computation.
     *
     * @return the {@code updating_magnitude_increase} criteria
     */
    public static Criteria updatingMagnitudeIncrease() {
        return of(
                "updating_magnitude_increase",
                Reference.PREVIOUS,
                w -> w.getWeight().abs().sub(w.getReference().abs()));
    }

    /**
     * {@code |w - w_prev|}.
     *
     * @return the {@code updating_movement} criteria
     */
    public static Criteria updatingMovement() {
        return of(
                "updating_movement",
                Reference.PREVIOUS,
                w -> w.getWeight().sub(w.getReference()).abs());
    }

    /**
     * {@code |w * (w - w_prev)|}: movement times magnitude.
     *
     * @return the {@code updating_movmag} criteria
     */
    public static Criteria updatingMovmag() {
        return of(
                "updating_movmag",
                Reference.PREVIOUS,
                w -> w.getWeight().mul(w.getWeight().sub(w.getReference())).abs());
    }

    /**
     * First-order Taylor importance {@code |w * dL/dw|} (Molchanov et al.), from the gradients
     * captured between backward and step ({@link SparsifyCallback} captures them; with a bare
     * {@link Sparsifier}, call {@link Sparsifier#captureGradients()}).
     *
     * @return the {@code taylor} criteria
     */
    public static Criteria taylor() {
        return new Criteria(
                "taylor",
                w -> w.getWeight().mul(w.getGradient()).abs(),
                Reference.NONE,
                true,
                false,
                Reducer.MEAN,
                Normalizer.NONE);
    }

    /**
     * Wanda (Sun et al., 2023): {@code |w|} times the L2 norm of the weight's input channel over
     * calibration batches ({@link Sparsifier#calibrate}; {@link SparsifyCallback} calibrates on the
     * training data before fitting).
     *
     * @return the {@code wanda} criteria
     */
    public static Criteria wanda() {
        return new Criteria(
                "wanda",
                w -> w.getWeight().abs(),
                Reference.NONE,
                false,
                true,
                Reducer.MEAN,
                Normalizer.NONE);
    }

    /**
     * Returns a copy with another reducer.
     *
     * @param reducer how a group's scores are reduced, not null
     * @return the new criteria
     * @throws IllegalArgumentException if {@code reducer} is null
     */
    public Criteria withReducer(Reducer reducer) {
        return new Criteria(
                name,
                function,
                reference,
                needsGradient,
                needsData,
                Checks.notNull("reducer", reducer),
                normalizer);
    }

    /**
     * Returns a copy with another normalizer.
     *
     * @param normalizer how a layer's group scores are rescaled, not null
     * @return the new criteria
     * @throws IllegalArgumentException if {@code normalizer} is null
     */
    public Criteria withNormalizer(Normalizer normalizer) {
        return new Criteria(
                name,
                function,
                reference,
                needsGradient,
                needsData,
                reducer,
                Checks.notNull("normalizer", normalizer));
    }

    /**
     * Returns a copy that reads gradients ({@link LayerWeights#getGradient()}), for user-defined
     * gradient criteria.
     *
     * @return the new criteria
     */
    public Criteria withGradients() {
        return new Criteria(name, function, reference, true, needsData, reducer, normalizer);
    }

    /**
     * Returns the per-weight score function, before the shift, mask, reduction and normalization a
     * sparsifier applies.
     *
     * @return the score function
     */
    public ScoreFunction getScoreFunction() {
        return function;
    }

    /**
     * Returns the name.
     *
     * @return e.g. {@code large_final}
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the reference weights this criteria reads.
     *
     * @return the reference kind
     */
    public Reference getReference() {
        return reference;
    }

    /**
     * Tells whether scores need captured gradients.
     *
     * @return true for Taylor-like criteria
     */
    public boolean needsGradient() {
        return needsGradient;
    }

    /**
     * Tells whether scores need activation statistics from calibration batches.
     *
     * @return true for {@link #wanda()}
     */
    public boolean needsData() {
        return needsData;
    }

    /**
     * Returns the reducer.
     *
     * @return how a group's scores are reduced
     */
    public Reducer getReducer() {
        return reducer;
    }

    /**
     * Returns the normalizer.
     *
     * @return how a layer's group scores are rescaled
     */
    public Normalizer getNormalizer() {
        return normalizer;
    }

    /**
     * Scores a layer's groups: per-weight score (times the input-channel scale if given), shifted
     * positive, times the mask, reduced over the group's axes, normalized.
     *
     * @param layer the layer's weights
     * @param inputScale a scale per input channel (axis 1), or null
     * @param mask the current mask of the weight's shape, or null
     * @param axes the axes one group spans
     * @return group scores with size-1 dimensions on {@code axes}; in the weight's manager
     */
    NDArray groupScores(LayerWeights layer, NDArray inputScale, NDArray mask, int[] axes) {
        NDArray scores = checkedScores(layer);
        if (inputScale != null) {
            long[] scaleShape = new long[scores.getShape().dimension()];
            java.util.Arrays.fill(scaleShape, 1);
            scaleShape[1] = inputScale.size();
            scores = scores.mul(inputScale.reshape(scaleShape));
        }
        scores = positive(scores);
        if (mask != null) {
            scores = scores.mul(mask);
        }
        return normalizer.apply(reducer.reduce(scores, axes));
    }

    /**
     * Scores whole slices of a weight as the sparsifier does, without normalizing: per-weight
     * score, shifted positive (plus epsilon), reduced over {@code axes} with this criteria's
     * reducer. Structured pruning uses it to score output channels ({@code axes} 1..n-1) and
     * normalizes over its own channel groups with {@link #getNormalizer()}.
     *
     * @param layer the layer's weights
     * @param axes the axes one slice spans
     * @return the reduced scores, size-1 dimensions on {@code axes}; in the weight's manager
     * @throws IllegalStateException if the score function returns a wrong shape
     */
    public NDArray sliceScores(LayerWeights layer, int... axes) {
        NDArray scores = checkedScores(layer);
        return reducer.reduce(positive(scores), axes);
    }

    private NDArray checkedScores(LayerWeights layer) {
        NDArray scores = function.score(layer);
        if (!scores.getShape().equals(layer.getWeight().getShape())) {
            throw new IllegalStateException(
                    "criteria "
                            + name
                            + " returned scores of shape "
                            + scores.getShape()
                            + " for layer "
                            + layer.getPath()
                            + " whose weight has shape "
                            + layer.getWeight().getShape());
        }
        return scores;
    }

    /** fasterai's shift: negative scores are moved up so the smallest is zero, then + eps. */
    private static NDArray positive(NDArray scores) {
        NDArray min = scores.min();
        if (min.getFloat() < 0) {
            scores = scores.sub(min);
        }
        return scores.add(Normalizer.EPS);
    }

    /**
     * Names the criteria and its options.
     *
     * @return e.g. {@code large_final(mean)}
     */
    @Override
    public String toString() {
        return name
                + "("
                + reducer.name().toLowerCase(java.util.Locale.ROOT)
                + (normalizer == Normalizer.NONE
                        ? ""
                        : ", " + normalizer.name().toLowerCase(java.util.Locale.ROOT))
                + ")";
    }
}
