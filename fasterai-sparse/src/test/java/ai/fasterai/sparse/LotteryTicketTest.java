/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.fasterai.core.Callback;
import ai.fasterai.core.CallbackException;
import ai.fasterai.core.Learner;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.schedule.Schedules;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lottery ticket through {@link SparsifyCallback}: weights saved at the rewind epoch, rewound
 * after every pruning step (everywhere the mask keeps them), rewound once more at the end with
 * {@code resetEnd}, and tickets saved as {@link ModelFile}s.
 */
class LotteryTicketTest {

    /** 96 samples in batches of 16: 6 batches an epoch, 30 in 5 epochs. */
    private static final int SAMPLES = 96;

    private static final int EPOCHS = 5;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void everyPruningStepRewindsToTheEpochZeroWeightsTimesTheMask() {
        SequentialBlock net =
                SparsifyCallbackTest.convNet(manager, SparsifyCallbackTest.SAMPLE, 31);
        SparsifyCallback sparsify = lotteryTicket().build();
        Probe probe = new Probe(sparsify, net);
        fit(net, sparsify, probe);

        // iterative(3) from 20 % of training: three prunings, 16.67 %, 33.33 %, 50 %.
        assertEquals(3, probe.pruningSteps, "pruning steps checked");
        assertTrue(probe.trainedAwayFromSaved > 0, "between prunings the weights train");
        assertEquals(50, sparsify.getCurrentSparsity(), 0.0);
    }

    @Test
    void resetEndRestoresTheSavedWeightsTimesTheFinalMask() {
        SequentialBlock net =
                SparsifyCallbackTest.convNet(manager, SparsifyCallbackTest.SAMPLE, 32);
        SparsifyCallback sparsify = lotteryTicket().optResetEnd(true).build();
        Probe probe = new Probe(sparsify, net);
        fit(net, sparsify, probe);

        assertEquals(3, probe.pruningSteps);
        assertRewound(probe.saved, probe.finalMasks, SparsifyCallbackTest.snapshot(net), "end");
        for (String path : SparsifyCallbackTest.CONV_PATHS) {
            NDArray weight = SparsifyCallbackTest.weightOf(net, path);
            assertEquals(
                    Math.round(0.5 * weight.size()), SparsifyCallbackTest.zeroCount(weight), path);
        }
    }

    @Test
    void ticketsAreSavedBeforeEachPruningAndAtTheEnd(@TempDir Path folder) throws IOException {
        Path tickets = folder.resolve("tickets"); // created by the callback
        SequentialBlock net =
                SparsifyCallbackTest.convNet(manager, SparsifyCallbackTest.SAMPLE, 33);
        SparsifyCallback sparsify =
                lotteryTicket().optResetEnd(true).optSaveTickets(tickets).build();
        fit(net, sparsify, new Probe(sparsify, net));

        List<String> names;
        try (Stream<Path> files = Files.list(tickets)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(
                List.of(
                        "winning_ticket_0.00.fai",
                        "winning_ticket_16.67.fai",
                        "winning_ticket_33.33.fai",
                        "winning_ticket_50.00.fai"),
                names);

        // The final ticket is the rewound, masked model.
        Block last = ModelFile.load(tickets.resolve("winning_ticket_50.00.fai"), manager);
        SparsifyCallbackTest.assertSameValues(
                SparsifyCallbackTest.snapshot(net), SparsifyCallbackTest.snapshot(last));
        // The one saved before the second pruning holds the first pruning's sparsity.
        Block first = ModelFile.load(tickets.resolve("winning_ticket_16.67.fai"), manager);
        NDArray weight = SparsifyCallbackTest.weightOf(first, "04Conv2d");
        assertEquals(
                Math.round(50.0 / 3 / 100 * weight.size()), SparsifyCallbackTest.zeroCount(weight));
        // The dense one, before any pruning, has no zero.
        Block dense = ModelFile.load(tickets.resolve("winning_ticket_0.00.fai"), manager);
        NDArray denseWeight = SparsifyCallbackTest.weightOf(dense, "04Conv2d");
        assertEquals(0, SparsifyCallbackTest.zeroCount(denseWeight));
    }

    @Test
    void aRewindEpochAfterThePruningStartIsRefusedBeforeTheModelIsTouched() {
        SequentialBlock net =
                SparsifyCallbackTest.convNet(manager, SparsifyCallbackTest.SAMPLE, 34);
        Map<String, float[]> before = SparsifyCallbackTest.snapshot(net);
        // agp starts at 20 % of 2 epochs = epoch 0.4: rewinding to epoch 1 would come after it.
        SparsifyCallback sparsify =
                SparsifyCallbackTest.builder()
                        .optSchedule(Schedules.agp())
                        .optLotteryTicket(1)
                        .build();
        try (Model model = SparsifyCallbackTest.model(net);
                Learner learn =
                        SparsifyCallbackTest.learner(
                                model,
                                SparsifyCallbackTest.data(
                                        manager, SparsifyCallbackTest.SAMPLE, 32, 16),
                                SparsifyCallbackTest.adam())) {
            CallbackException e =
                    assertThrows(CallbackException.class, () -> learn.fit(2, 1e-2, sparsify));
            IllegalArgumentException cause =
                    assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(cause.getMessage().contains("rewindEpoch=1"), cause.getMessage());
            assertTrue(cause.getMessage().contains("0.2"), cause.getMessage());
        }
        SparsifyCallbackTest.assertSameValues(before, SparsifyCallbackTest.snapshot(net));
    }

    // ---- helpers ----

    /** Weight granularity, 50 %, iterative(3) from 20 % of training, rewinding to epoch 0. */
    private static SparsifyCallback.Builder lotteryTicket() {
        return SparsifyCallbackTest.builder()
                .optSchedule(Schedules.iterative())
                .optLotteryTicket(0);
    }

    private void fit(SequentialBlock net, SparsifyCallback sparsify, Callback probe) {
        try (Model model = SparsifyCallbackTest.model(net);
                Learner learn =
                        SparsifyCallbackTest.learner(
                                model,
                                SparsifyCallbackTest.data(
                                        manager, SparsifyCallbackTest.SAMPLE, SAMPLES, 16),
                                SparsifyCallbackTest.adam())) {
            learn.fit(EPOCHS, 1e-2, sparsify, probe);
        }
    }

    /**
     * Checks that every parameter equals its saved value, times the mask for the sparsified
     * weights.
     */
    private static void assertRewound(
            Map<String, float[]> saved,
            Map<String, float[]> masks,
            Map<String, float[]> now,
            String when) {
        assertEquals(saved.keySet(), now.keySet());
        for (String name : saved.keySet()) {
            float[] expected = saved.get(name).clone();
            String path = name.endsWith("_weight") ? name.substring(0, name.length() - 7) : null;
            float[] mask = path == null ? null : masks.get(path);
            if (mask != null) {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] *= mask[i];
                }
            }
            assertArrayEquals(expected, now.get(name), name + " at " + when);
        }
    }

    /**
     * Runs after the callback: saves the weights at the start of epoch 0, and after each step that
     * followed a pruning checks that the model was rewound.
     */
    private static final class Probe implements Callback {
        private final SparsifyCallback sparsify;
        private final Block net;
        Map<String, float[]> saved;
        final Map<String, float[]> finalMasks = new LinkedHashMap<>();
        int pruningSteps;
        int trainedAwayFromSaved;
        private NDArray lastMask;
        private boolean prunedThisBatch;

        Probe(SparsifyCallback sparsify, Block net) {
            this.sparsify = sparsify;
            this.net = net;
        }

        @Override
        public int getOrder() {
            return 1;
        }

        @Override
        public void beforeEpoch(Learner learn) {
            if (learn.getEpoch() == 0) {
                saved = SparsifyCallbackTest.snapshot(net);
            }
        }

        @Override
        public void beforeBatch(Learner learn) {
            if (!learn.isTraining()) {
                return;
            }
            NDArray mask = sparsify.getSparsifier().getMask("01Conv2d");
            prunedThisBatch = mask != lastMask;
            lastMask = mask;
        }

        @Override
        public void afterStep(Learner learn) {
            Map<String, float[]> now = SparsifyCallbackTest.snapshot(net);
            if (prunedThisBatch) {
                assertRewound(saved, masks(), now, "step " + learn.getTrainIteration());
                pruningSteps++;
            } else if (!differs(saved, now).isEmpty()) {
                trainedAwayFromSaved++;
            }
        }

        @Override
        public void afterTrain(Learner learn) {
            if (learn.getEpoch() == learn.getNumEpochs() - 1) {
                finalMasks.putAll(masks());
            }
        }

        private Map<String, float[]> masks() {
            Map<String, float[]> masks = new LinkedHashMap<>();
            for (String path : SparsifyCallbackTest.CONV_PATHS) {
                NDArray mask = sparsify.getSparsifier().getMask(path);
                if (mask != null) {
                    masks.put(path, mask.toFloatArray());
                }
            }
            return masks;
        }

        private static List<String> differs(Map<String, float[]> a, Map<String, float[]> b) {
            List<String> names = new ArrayList<>();
            for (String name : a.keySet()) {
                if (!java.util.Arrays.equals(a.get(name), b.get(name))) {
                    names.add(name);
                }
            }
            return names;
        }
    }
}
