/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

/**
 * How many singular values a low-rank factorization keeps: exactly one of fasterai's {@code
 * percent_removed} (the share of singular values dropped), a fixed rank, or an energy threshold
 * (the smallest rank keeping that share of {@code sum sigma^2}).
 */
final class RankRule {

    private final String name;
    private final double value;

    private RankRule(String name, double value) {
        this.name = name;
        this.value = value;
    }

    /**
     * Drops a share of the singular values: keeps {@code max(1, floor((1 - p) * min(rows, cols)))}.
     *
     * @param percentRemoved the share dropped, in (0, 1)
     * @return the rule
     */
    static RankRule percentRemoved(double percentRemoved) {
        if (!(percentRemoved > 0 && percentRemoved < 1)) {
            throw new IllegalArgumentException(
                    "percentRemoved must be in (0, 1), got " + percentRemoved);
        }
        return new RankRule("percentRemoved", percentRemoved);
    }

    /**
     * Keeps a fixed rank.
     *
     * @param rank the rank, at least 1 (and below each layer's full rank, checked per layer)
     * @return the rule
     */
    static RankRule rank(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
        return new RankRule("rank", rank);
    }

    /**
     * Keeps the smallest rank whose singular values hold a share of the energy.
     *
     * @param threshold the share kept, in (0, 1]
     * @return the rule
     */
    static RankRule energy(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "energyThreshold must be in (0, 1], got " + threshold);
        }
        return new RankRule("energyThreshold", threshold);
    }

    /** Whether the rank depends on the singular values (so they must be computed first). */
    boolean needsSpectrum() {
        return name.equals("energyThreshold");
    }

    /**
     * Returns the rank to keep for one matrix.
     *
     * @param path the layer's path, for the message
     * @param fullRank min(rows, cols) of the matrix
     * @param svd the matrix's decomposition; only read for an energy threshold, may be null
     *     otherwise
     * @return the rank, in [1, fullRank]
     * @throws IllegalArgumentException if a fixed rank is not below the layer's full rank
     */
    int rankFor(String path, int fullRank, Svd svd) {
        switch (name) {
            case "percentRemoved":
                return Math.max(1, (int) Math.floor((1 - value) * fullRank));
            case "rank":
                if (value >= fullRank) {
                    throw new IllegalArgumentException(
                            "rank must be < min(out, in) = "
                                    + fullRank
                                    + " of layer '"
                                    + path
                                    + "', got "
                                    + (int) value);
                }
                return (int) value;
            default:
                return svd.rankForEnergy(value);
        }
    }

    @Override
    public String toString() {
        return name + "=" + (name.equals("rank") ? String.valueOf((int) value) : value);
    }
}
