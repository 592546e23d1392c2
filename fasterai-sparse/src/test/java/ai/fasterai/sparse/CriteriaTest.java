/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

class CriteriaTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static Stream<Criteria> presets() {
        return Stream.of(
                Criteria.random(),
                Criteria.largeFinal(),
                Criteria.squaredFinal(),
                Criteria.smallFinal(),
                Criteria.largeInit(),
                Criteria.smallInit(),
                Criteria.largeInitLargeFinal(),
                Criteria.smallInitSmallFinal(),
                Criteria.magnitudeIncrease(),
                Criteria.movement(),
                Criteria.updatingMagnitudeIncrease(),
                Criteria.updatingMovement(),
                Criteria.updatingMovmag(),
                Criteria.taylor(),
                Criteria.wanda(),
                Criteria.largeFinal().withReducer(Reducer.SUM),
                Criteria.largeFinal().withNormalizer(Normalizer.GAUSSIAN),
                Criteria.largeFinal().withNormalizer(Normalizer.STANDARDIZATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyCriteriaGivesTheExactSparsityAfterWeightsMoved(Criteria criteria) {
        SequentialBlock net = SparseNets.convNet(manager, 21);
        try (Sparsifier sparsifier =
                Sparsifier.of(
                        net,
                        "kernel",
                        Context.GLOBAL,
                        criteria,
                        ai.djl.nn.convolutional.Conv2d.class)) {
            // Training moves the weights away from the saved ones.
            for (int conv : new int[] {0, 3}) {
                NDArray w = SparseNets.weight(net, conv);
                w.addi(manager.randomNormal(0f, 0.05f, w.getShape(), DataType.FLOAT32));
                if (criteria.needsGradient()) {
                    w.setRequiresGradient(true);
                }
            }
            if (criteria.needsGradient()) {
                try (ai.djl.training.GradientCollector gc =
                        ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    NDArray loss =
                            SparseNets.weight(net, 0)
                                    .square()
                                    .sum()
                                    .add(SparseNets.weight(net, 3).abs().sum());
                    gc.backward(loss);
                }
                sparsifier.captureGradients();
            }
            if (criteria.needsData()) {
                sparsifier.calibrate(List.of(new NDList(manager.randomNormal(SparseNets.INPUT))));
            }
            sparsifier.sparsifyModel(30);
            long zero =
                    SparseNets.zeroGroups(SparseNets.weight(net, 0), new int[] {2, 3})
                            + SparseNets.zeroGroups(SparseNets.weight(net, 3), new int[] {2, 3});
            assertEquals(Math.round(0.3 * (8 * 4 + 8 * 8)), zero);
            // A second, higher step keeps what was zeroed (scores are multiplied by the mask).
            float[] firstMask = sparsifier.getMask("01Conv2d").toFloatArray();
            sparsifier.sparsifyModel(60);
            float[] secondMask = sparsifier.getMask("01Conv2d").toFloatArray();
            for (int i = 0; i < firstMask.length; i++) {
                if (firstMask[i] == 0f) {
                    assertEquals(0f, secondMask[i], "weight " + i + " came back");
                }
            }
        }
    }

    @Test
    void userDefinedCriteriaAndCustomGranularitiesPlugIn() {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(2).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        NDArray w = SparseNets.weight(net, 0);
        w.set(new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        // Keep the weights closest to 4.5: |w - 4.5| small is important.
        Criteria nearMiddle =
                Criteria.of(
                        "near_middle",
                        Criteria.Reference.NONE,
                        l -> l.getWeight().sub(4.5f).abs().neg());
        try (Sparsifier sparsifier =
                Sparsifier.builder()
                        .setModel(net)
                        .optLayerTypes(Linear.class)
                        .optCriteria(nearMiddle)
                        .build()) {
            sparsifier.sparsifyModel(50);
            assertArrayEquals(new float[] {0, 0, 3, 4, 5, 6, 0, 0}, w.toFloatArray());
        }
        // Pairs of columns: a granularity the library does not define.
        Granularities.register(PairedLinear.class, "all_outputs", 0);
        SequentialBlock paired = new SequentialBlock().add(new PairedLinear());
        paired.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        NDArray pw = SparseNets.weight(paired, 0);
        pw.set(new float[] {1, -1, 5, 0.1f, 1, 1, -5, 0.1f});
        try (Sparsifier sparsifier =
                Sparsifier.builder()
                        .setModel(paired)
                        .optGranularity("all_outputs")
                        .optLayerTypes(PairedLinear.class)
                        .build()) {
            sparsifier.sparsifyModel(50);
            assertArrayEquals(new float[] {0, -1, 5, 0, 0, 1, -5, 0}, pw.toFloatArray(), 0f);
            assertEquals(
                    List.of("weight", "column", "row", "layer", "all_outputs"),
                    Granularities.allowed(new PairedLinear()));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> Granularities.register(PairedLinear.class, "bad", 0, 0));
    }

    @Test
    void aNormalizerLetsGlobalContextCompareLayersOfDifferentScales() {
        SequentialBlock net = SparseNets.convNet(manager, 22);
        SparseNets.weight(net, 3).muli(0.01f);
        try (Sparsifier sparsifier =
                Sparsifier.of(
                        net,
                        "filter",
                        Context.GLOBAL,
                        Criteria.largeFinal().withNormalizer(Normalizer.MAX))) {
            sparsifier.sparsifyModel(50);
            long first = SparseNets.zeroGroups(SparseNets.weight(net, 0), new int[] {1, 2, 3});
            long second = SparseNets.zeroGroups(SparseNets.weight(net, 3), new int[] {1, 2, 3});
            assertEquals(8, first + second);
            // Without a normalizer the scaled layer would give all 8 (see SparsifierTest).
            assertTrue(first >= 2 && second <= 6, first + " / " + second);
        }
    }

    /** A Linear subclass, to show registration for a user's own layer type. */
    static final class PairedLinear extends Linear {
        PairedLinear() {
            super(Linear.builder().setUnits(2));
        }
    }
}
