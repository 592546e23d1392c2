/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.metric.Metrics;
import ai.fasterai.core.nn.ActivationBlock;

import org.junit.jupiter.api.Test;

/** A stage row measured from a learner takes its accuracy from the test data. */
class StageStatsLearnerTest {

    @Test
    void rowFromALearnerUsesTheTestSetAccuracy() {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("mlp")) {
            ArrayDataset all =
                    SyntheticData.builder()
                            .setNumSamples(160)
                            .setNumClasses(4)
                            .setShape(new Shape(8))
                            .optSeed(3)
                            .optNoise(1.5f)
                            .build()
                            .generate(manager);
            DataLoaders data =
                    DataLoaders.builder()
                            .setTrain(all.subDataset(0, 96))
                            .setValid(all.subDataset(96, 128))
                            .optTest(all.subDataset(128, 160))
                            .optBatchSize(16)
                            .build();
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(ActivationBlock.relu())
                            .add(Linear.builder().setUnits(4).build()));
            try (Learner learn =
                    Learner.builder()
                            .setData(data)
                            .setModel(model)
                            .setLoss(Loss.softmaxCrossEntropyLoss())
                            .optMetrics(Metrics.accuracy())
                            .optShowProgress(false)
                            .build()) {
                learn.fit(2, 1e-2);
                StageStats row = StageStats.measure("baseline", learn, new Shape(1, 8));
                double onTest = learn.validate(data.getTest().orElseThrow()).get("accuracy");
                assertEquals(onTest, row.accuracy(), 0.0);
                // 16 + 16*8 + 4 + 4*16 trainable parameters, and MACs 8*16 + 16*4.
                assertEquals(16 + 128 + 4 + 64, row.parameters());
                assertEquals(8 * 16 + 16 * 4, row.macs());
                assertTrue(row.sizeBytes() > 4L * row.parameters(), "weights plus structure");
                assertTrue(row.latencyMedianMs() > 0);
            }
            try (Learner noAccuracy =
                    Learner.builder()
                            .setData(data)
                            .setModel(model)
                            .setLoss(Loss.softmaxCrossEntropyLoss())
                            .optShowProgress(false)
                            .build()) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> StageStats.measure("x", noAccuracy, new Shape(1, 8)));
                assertTrue(e.getMessage().contains("no metric named accuracy"), e.getMessage());
            }
        }
    }
}
