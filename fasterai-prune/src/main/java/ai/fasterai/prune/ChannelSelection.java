/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts and picks the channels to remove. Counts are relative to each group's size when the pruner
 * was built, so pruning to 30% and then to 50% ends where pruning to 50% at once would. Within a
 * group the lowest-scored channels go first, ties by position.
 */
final class ChannelSelection {

    private ChannelSelection() {}

    /**
     * How many channels a group keeps for a ratio: its original size less round(ratio * size), no
     * fewer than the max-ratio floor, rounded up to a multiple of roundTo, never above its current
     * size.
     */
    static int kept(int original, int current, double ratioPct, double maxRatioPct, int roundTo) {
        int removed = (int) Math.round(ratioPct / 100 * original);
        removed = Math.min(removed, maxRemovable(original, maxRatioPct));
        return Math.min(current, roundUp(original - removed, roundTo));
    }

    /** The most channels a group may lose: maxRatio of it, and never all. */
    static int maxRemovable(int original, double maxRatioPct) {
        return Math.min(original - 1, (int) Math.floor(maxRatioPct / 100 * original + 1e-9));
    }

    static int roundUp(int kept, int roundTo) {
        return roundTo <= 1 ? kept : (kept + roundTo - 1) / roundTo * roundTo;
    }

    /** The {@code count} lowest-scored positions of {@code scores}, ascending by position. */
    static List<Integer> lowest(double[] scores, int count) {
        List<Integer> order = byScore(scores);
        List<Integer> picked = new ArrayList<>(order.subList(0, Math.max(0, count)));
        picked.sort(Comparator.naturalOrder());
        return picked;
    }

    /** Positions sorted by ascending score, ties by position. */
    static List<Integer> byScore(double[] scores) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).thenComparing(i -> i));
        return order;
    }
}
