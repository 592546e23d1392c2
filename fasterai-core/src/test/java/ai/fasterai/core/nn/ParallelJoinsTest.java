/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.ParallelBlock;
import ai.fasterai.core.nn.ParallelJoins.Join;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

/** The join is read back as given, and only an exact sum or axis-1 concatenation is named so. */
class ParallelJoinsTest {

    private static final Shape SAME = new Shape(2, 3, 4, 4);

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
    void joinIsReadBackAsGiven() {
        Function<List<NDList>, NDList> join = list -> list.get(0);
        assertSame(join, ParallelJoins.joinOf(new ParallelBlock(join)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ParallelJoins.joinOf(null));
        assertTrue(e.getMessage().contains("block"), e.getMessage());
    }

    @Test
    void sumsAreRecognizedWhateverTheirOrder() {
        assertEquals(Join.SUM, classify(list -> new NDList(sum(list)), SAME, SAME));
        assertEquals(Join.SUM, classify(list -> new NDList(sum(list)), SAME, SAME, SAME));
        // Right to left: rounding may differ by an ulp, still a sum.
        assertEquals(
                Join.SUM,
                classify(
                        list ->
                                new NDList(
                                        list.get(2)
                                                .head()
                                                .add(list.get(1).head().add(list.get(0).head()))),
                        SAME,
                        SAME,
                        SAME));
    }

    @Test
    void concatenationOnAxisOneIsRecognized() {
        assertEquals(
                Join.CONCAT,
                classify(
                        list -> new NDList(NDArrays.concat(heads(list), 1)),
                        new Shape(2, 3, 4, 4),
                        new Shape(2, 5, 4, 4)));
        // Equal shapes: a concatenation is not a sum.
        assertEquals(
                Join.CONCAT,
                classify(list -> new NDList(NDArrays.concat(heads(list), 1)), SAME, SAME));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals(
                Join.OTHER,
                classify(list -> new NDList(Activation.relu(sum(list))), SAME, SAME),
                "a sum followed by a ReLU");
        assertEquals(
                Join.OTHER,
                classify(
                        list -> new NDList(list.get(0).head().mul(list.get(1).head())), SAME, SAME),
                "a product");
        assertEquals(
                Join.OTHER,
                classify(list -> new NDList(sum(list).mul(0.5f)), SAME, SAME),
                "a mean");
        assertEquals(
                Join.OTHER,
                classify(list -> new NDList(NDArrays.concat(heads(list), 0)), SAME, SAME),
                "a concatenation on the batch axis");
        assertEquals(
                Join.OTHER,
                classify(list -> new NDList(sum(list), sum(list)), SAME, SAME),
                "two outputs");
    }

    @Test
    void probeArraysAreClosed() {
        ParallelBlock block = new ParallelBlock(list -> new NDList(sum(list)));
        ParallelJoins.classify(block, List.of(SAME, SAME), manager);
        assertTrue(manager.getManagedArrays().isEmpty(), "probe arrays left open");
    }

    private Join classify(Function<List<NDList>, NDList> join, Shape... shapes) {
        return ParallelJoins.classify(new ParallelBlock(join), List.of(shapes), manager);
    }

    private static NDArray sum(List<NDList> list) {
        NDArray total = list.get(0).head();
        for (NDList branch : list.subList(1, list.size())) {
            total = total.add(branch.head());
        }
        return total;
    }

    private static NDList heads(List<NDList> list) {
        NDList heads = new NDList();
        list.forEach(branch -> heads.add(branch.head()));
        return heads;
    }
}
