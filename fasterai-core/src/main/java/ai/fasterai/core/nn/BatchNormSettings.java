/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.nn.norm.BatchNorm;
import ai.fasterai.core.util.Checks;

import java.lang.reflect.Field;

/**
 * The settings of a DJL {@link BatchNorm}, which has no getters: read from its private fields by
 * reflection, in this one place. They cannot be assumed (DJL's ResNetV1 alone uses epsilons of both
 * 1e-5 and 2e-5); pruning, folding and saving all read them here.
 *
 * @param axis the normalized axis
 * @param epsilon the epsilon added to the variance
 * @param momentum the running statistics' momentum
 * @param center whether it learns a shift ({@code beta})
 * @param scale whether it learns a scale ({@code gamma})
 */
public record BatchNormSettings(
        int axis, float epsilon, float momentum, boolean center, boolean scale) {

    /**
     * Reads the settings of a BatchNorm.
     *
     * @param batchNorm the layer
     * @return its settings
     * @throws IllegalArgumentException if {@code batchNorm} is null
     * @throws IllegalStateException if DJL's fields cannot be read (a DJL upgrade renamed them)
     */
    public static BatchNormSettings of(BatchNorm batchNorm) {
        Checks.notNull("batchNorm", batchNorm);
        return new BatchNormSettings(
                (Integer) read(batchNorm, "axis"),
                (Float) read(batchNorm, "epsilon"),
                (Float) read(batchNorm, "momentum"),
                (Boolean) read(batchNorm, "center"),
                (Boolean) read(batchNorm, "scale"));
    }

    /**
     * Builds a new, uninitialized BatchNorm with these settings.
     *
     * @return the layer
     */
    public BatchNorm newBatchNorm() {
        return BatchNorm.builder()
                .optAxis(axis)
                .optEpsilon(epsilon)
                .optMomentum(momentum)
                .optCenter(center)
                .optScale(scale)
                .build();
    }

    private static Object read(BatchNorm batchNorm, String name) {
        try {
            Field field = BatchNorm.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(batchNorm);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read BatchNorm."
                            + name
                            + " by reflection; was DJL upgraded past 0.36? "
                            + e.getMessage(),
                    e);
        }
    }
}
