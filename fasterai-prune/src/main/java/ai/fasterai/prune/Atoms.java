/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Channel atoms joined by a union-find: one atom per channel a layer creates; channels that must be
 * removed together (summed by a residual add, carried through a depthwise conv) end up in one
 * class. A class is pinned when some block needs all its channels (the network's input and output,
 * a channel-mixing block); pinned classes are never removed.
 */
final class Atoms {

    private int[] parent = new int[64];
    private boolean[] pinned = new boolean[64];
    private boolean[] zeroUnsafe = new boolean[64];
    private final Map<Integer, String> pinReasons = new LinkedHashMap<>();
    private int size;

    /** Makes {@code n} new atoms and returns them. */
    int[] fresh(int n) {
        int[] atoms = new int[n];
        for (int i = 0; i < n; i++) {
            if (size == parent.length) {
                parent = Arrays.copyOf(parent, size * 2);
                pinned = Arrays.copyOf(pinned, size * 2);
                zeroUnsafe = Arrays.copyOf(zeroUnsafe, size * 2);
            }
            parent[size] = size;
            atoms[i] = size++;
        }
        return atoms;
    }

    int find(int atom) {
        int root = atom;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[atom] != root) {
            int next = parent[atom];
            parent[atom] = root;
            atom = next;
        }
        return root;
    }

    /** Joins the classes of two atoms; the joined class keeps both classes' flags. */
    void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent[rb] = ra;
            pinned[ra] |= pinned[rb];
            zeroUnsafe[ra] |= zeroUnsafe[rb];
        }
    }

    /** Pins the classes of all atoms, remembering why (the first reason per class is kept). */
    void pin(int[] atoms, String reason) {
        for (int atom : atoms) {
            pinned[find(atom)] = true;
            pinReasons.putIfAbsent(atom, reason);
        }
    }

    /** Marks classes whose channels pass a block that does not map zero to zero. */
    void markZeroUnsafe(int[] atoms) {
        for (int atom : atoms) {
            zeroUnsafe[find(atom)] = true;
        }
    }

    boolean isPinned(int atom) {
        return pinned[find(atom)];
    }

    boolean isZeroUnsafe(int atom) {
        return zeroUnsafe[find(atom)];
    }

    /** Why atoms were pinned, one entry per distinct reason. */
    java.util.List<String> pinReasons() {
        return pinReasons.values().stream()
                .distinct()
                .collect(java.util.stream.Collectors.toList());
    }
}
