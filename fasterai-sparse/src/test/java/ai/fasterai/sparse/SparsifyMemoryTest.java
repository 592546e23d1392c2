/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.schedule.Schedules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Native memory: masks recomputed at every step (a cosine schedule) leave nothing behind, neither
 * on the model's manager across fits nor in the sparsifier across epochs.
 */
class SparsifyMemoryTest {

    static Stream<Criteria> criteria() {
        return Stream.of(
                Criteria.largeFinal(),
                Criteria.updatingMovement(),
                Criteria.taylor(),
                Criteria.largeFinal().withNormalizer(Normalizer.GAUSSIAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("criteria")
    void recomputingMasksEveryStepDoesNotGrowMemory(Criteria criteria) {
        try (NDManager manager = NDManager.newBaseManager();
                Model model =
                        SparsifyCallbackTest.model(
                                SparsifyCallbackTest.convNet(
                                        manager, SparsifyCallbackTest.SAMPLE, 3))) {
            DataLoaders data =
                    SparsifyCallbackTest.data(manager, SparsifyCallbackTest.SAMPLE, 64, 8);
            List<Integer> held = new ArrayList<>();
            try (Learner learn =
                    SparsifyCallbackTest.learner(model, data, SparsifyCallbackTest.adam())) {
                learn.fit(1, 1e-3, callback(criteria, held));
                int afterOne = model.getNDManager().getManagedArrays().size();
                held.clear();
                learn.fit(4, 1e-3, callback(criteria, held));
                int afterFive = model.getNDManager().getManagedArrays().size();
                assertEquals(afterOne, afterFive, "arrays left on the model's manager");
            }
            assertEquals(4, held.size());
            assertEquals(held.get(1), held.get(3), "sparsifier arrays by epoch: " + held);
        }
    }

    private static Callback[] callback(Criteria criteria, List<Integer> held) {
        SparsifyCallback sparsify =
                SparsifyCallbackTest.builder()
                        .optGranularity("weight")
                        .optCriteria(criteria)
                        .optSchedule(Schedules.cos())
                        .build();
        Callback probe =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return 1;
                    }

                    @Override
                    public void afterEpoch(Learner learn) {
                        held.add(sparsify.getSparsifier().heldArrays());
                    }
                };
        return new Callback[] {sparsify, probe};
    }
}
