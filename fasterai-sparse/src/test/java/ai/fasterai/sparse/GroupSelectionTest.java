/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

class GroupSelectionTest {

    @Test
    void quickselectAgreesWithSortingOnRandomTiedAndSortedInputs() {
        Random random = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(200);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] =
                        switch (trial % 3) {
                            case 0 -> random.nextFloat();
                            case 1 -> random.nextInt(4); // many ties
                            default -> i; // already sorted
                        };
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            int rank = random.nextInt(n);
            assertEquals(sorted[rank], GroupSelection.kthSmallest(values.clone(), rank));
        }
    }

    @Test
    void smallestMarksExactlyKAndNothingLargerThanAnUnmarkedScore() {
        Random random = new Random(4);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(100);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(5);
            }
            int k = random.nextInt(n + 1);
            boolean[] zeroed = GroupSelection.smallest(scores, k);
            int marked = 0;
            float maxMarked = Float.NEGATIVE_INFINITY;
            float minKept = Float.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (zeroed[i]) {
                    marked++;
                    maxMarked = Math.max(maxMarked, scores[i]);
                } else {
                    minKept = Math.min(minKept, scores[i]);
                }
            }
            assertEquals(k, marked);
            assertTrue(maxMarked <= minKept, "a kept group scores below a zeroed one");
        }
    }

    @Test
    void countsRoundToTheNearestWholeGroupAndRoundToRoundsTheKeptUp() {
        assertEquals(3, GroupSelection.count(50, 6));
        assertEquals(2, GroupSelection.count(30, 8)); // 2.4
        assertEquals(3, GroupSelection.count(37.5, 8)); // 3.0
        assertEquals(6, GroupSelection.roundKept(4, 3, 8));
        assertEquals(3, GroupSelection.roundKept(0, 3, 8));
        assertEquals(8, GroupSelection.roundKept(7, 3, 8));
    }
}
