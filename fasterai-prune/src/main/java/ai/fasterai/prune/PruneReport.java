/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one pruning step did: each group's channel count before and after. */
public final class PruneReport {

    private final Map<String, int[]> groups;

    PruneReport(Map<String, int[]> groups) {
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /**
     * Returns the channels removed in this step, over all groups.
     *
     * @return the count
     */
    public int getRemoved() {
        return groups.values().stream().mapToInt(c -> c[0] - c[1]).sum();
    }

    /**
     * Returns each group's channel count after the step, keyed by its producing layers' paths
     * joined by commas (one path for a group of one layer).
     *
     * @return group to channel count, in network order
     */
    public Map<String, Integer> getChannels() {
        Map<String, Integer> after = new LinkedHashMap<>();
        groups.forEach((k, v) -> after.put(k, v[1]));
        return after;
    }

    /**
     * Lists the groups that changed, one line each: {@code 01Conv2d: 64 -> 32} (coupled layers
     * shown as the first one and how many more).
     *
     * @return the report
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Pruned ").append(getRemoved()).append(" channels");
        groups.forEach(
                (k, v) -> {
                    if (v[0] != v[1]) {
                        sb.append(System.lineSeparator())
                                .append("  ")
                                .append(shortName(k))
                                .append(": ")
                                .append(v[0])
                                .append(" -> ")
                                .append(v[1]);
                    }
                });
        return sb.toString();
    }

    private static String shortName(String key) {
        String[] layers = key.split(",");
        return layers.length == 1 ? key : layers[0] + " (+" + (layers.length - 1) + " coupled)";
    }
}
