/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/** The summary lists every leaf layer once, with its figures, then the totals. */
class SummaryTest {

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
    void listsEveryLeafAndTheTotals() {
        SequentialBlock block = StatsNets.initializedSmall(manager);
        StatsNets.fillOnes(block);
        String summary = ModelStats.summary(block, StatsNets.INPUT);
        List<String> lines = Arrays.asList(summary.split("\n"));

        List<String> leaves =
                List.of(
                        "01Conv2d",
                        "02BatchNorm",
                        "03SequentialBlock/01Conv2d",
                        "03SequentialBlock/02Conv2d",
                        "04LambdaBlock",
                        "05LambdaBlock",
                        "06Linear");
        for (String leaf : leaves) {
            long rows = lines.stream().filter(l -> l.startsWith(leaf + " ")).count();
            assertEquals(1, rows, leaf + " in:\n" + summary);
        }
        // Containers are not rows.
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("03SequentialBlock ")), summary);

        String strided =
                lines.stream()
                        .filter(l -> l.startsWith("03SequentialBlock/02Conv2d"))
                        .findFirst()
                        .get();
        // 4 x 8 x 3 x 3 + 4 parameters, 64 x 8 x 3 x 3 MACs; columns are 2+ spaces apart.
        assertEquals(
                List.of("03SequentialBlock/02Conv2d", "Conv2d", "1 x 4 x 4 x 4", "292", "4608"),
                Arrays.asList(strided.trim().split("\\s{2,}")));

        assertTrue(summary.startsWith("SequentialBlock (input: 1 x 3 x 8 x 8)"), summary);
        assertTrue(lines.contains("Total params: 1478"), summary);
        assertTrue(lines.contains("Trainable params: 1478"), summary);
        assertTrue(lines.contains("Non-zero params: 1478"), summary);
        assertTrue(lines.contains("Total MACs: 38016"), summary);
    }
}
