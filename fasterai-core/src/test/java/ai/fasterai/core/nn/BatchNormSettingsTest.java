/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.nn.norm.BatchNorm;

import org.junit.jupiter.api.Test;

/** {@link BatchNormSettings} reads what a BatchNorm was built with and builds it again. */
class BatchNormSettingsTest {

    @Test
    void readsTheBuiltSettingsAndRebuildsThem() {
        BatchNorm bn =
                BatchNorm.builder()
                        .optAxis(3)
                        .optEpsilon(2e-5f)
                        .optMomentum(0.7f)
                        .optCenter(false)
                        .optScale(true)
                        .build();
        BatchNormSettings settings = BatchNormSettings.of(bn);
        assertEquals(new BatchNormSettings(3, 2e-5f, 0.7f, false, true), settings);
        assertEquals(settings, BatchNormSettings.of(settings.newBatchNorm()));
        assertEquals(
                new BatchNormSettings(1, 1e-5f, 0.9f, true, true),
                BatchNormSettings.of(BatchNorm.builder().build()));
        assertThrows(IllegalArgumentException.class, () -> BatchNormSettings.of(null));
    }
}
