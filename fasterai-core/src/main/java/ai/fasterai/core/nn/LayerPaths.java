/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds layers by path: DJL's child names joined by {@code "/"} (e.g. {@code
 * 01SequentialBlock/03Conv2d}), the names {@code block.getChildren()} gives. A path that does not
 * exist is refused with the nearest valid paths in the message, so a typo is fixed at once.
 */
public final class LayerPaths {

    private static final int SUGGESTIONS = 3;

    private LayerPaths() {}

    /**
     * A layer found by path: the block, its parent and its position among the parent's children.
     */
    public static final class Located {

        private final String path;
        private final Block block;
        private final Block parent;
        private final int index;

        Located(String path, Block block, Block parent, int index) {
            this.path = path;
            this.block = block;
            this.parent = parent;
            this.index = index;
        }

        /**
         * Returns the path.
         *
         * @return the path
         */
        public String getPath() {
            return path;
        }

        /**
         * Returns the block at the path.
         *
         * @return the block
         */
        public Block getBlock() {
            return block;
        }

        /**
         * Returns the container holding the block.
         *
         * @return the parent
         */
        public Block getParent() {
            return parent;
        }

        /**
         * Returns the block's position in {@code getParent().getChildren()}.
         *
         * @return the index
         */
        public int getIndex() {
            return index;
        }
    }

    /**
     * Lists every path below the root, parents before children; the root itself is not listed.
     *
     * @param root the model's block
     * @return the paths in tree order
     * @throws IllegalArgumentException if {@code root} is null
     */
    public static List<String> all(Block root) {
        Checks.notNull("root", root);
        return new ArrayList<>(index(root).keySet());
    }

    /**
     * Finds the layer at a path.
     *
     * @param root the model's block
     * @param path the layer's path
     * @param what what the path names, for the message (e.g. {@code "student layer"})
     * @return the layer with its parent
     * @throws IllegalArgumentException if the path is null, empty (the root has no parent) or names
     *     no layer; the message lists the nearest valid paths
     */
    public static Located find(Block root, String path, String what) {
        Checks.notNull("root", root);
        return lookup(index(root), root, path, what);
    }

    /** {@link #find} in an index made once by {@link #index}, for many paths. */
    static Located lookup(Map<String, Located> index, Block root, String path, String what) {
        Checks.notNull(what, path);
        Located found = index.get(path);
        if (found == null) {
            throw new IllegalArgumentException(
                    what
                            + " '"
                            + path
                            + "' does not exist in the model ("
                            + root.getClass().getSimpleName()
                            + "); nearest valid paths: "
                            + nearest(index.keySet(), path));
        }
        return found;
    }

    /**
     * The valid paths closest to a wrong one by edit distance, for messages.
     *
     * @param valid the valid paths
     * @param wrong the path that was not found
     * @return up to three paths, closest first
     */
    static List<String> nearest(Iterable<String> valid, String wrong) {
        List<String> candidates = new ArrayList<>();
        valid.forEach(candidates::add);
        Map<String, Integer> distance = new LinkedHashMap<>();
        for (String candidate : candidates) {
            distance.put(candidate, editDistance(candidate, wrong));
        }
        // A stable sort keeps tree order among equally distant paths.
        candidates.sort(Comparator.comparingInt(distance::get));
        return candidates.subList(0, Math.min(SUGGESTIONS, candidates.size()));
    }

    /** Levenshtein distance with unit costs. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Every layer below the root by path, in tree order. */
    static Map<String, Located> index(Block root) {
        Map<String, Located> index = new LinkedHashMap<>();
        visit("", root, index);
        return index;
    }

    private static void visit(String path, Block block, Map<String, Located> index) {
        List<Pair<String, Block>> children = block.getChildren().stream().toList();
        for (int i = 0; i < children.size(); i++) {
            String name = children.get(i).getKey();
            String childPath = path.isEmpty() ? name : path + "/" + name;
            Block child = children.get(i).getValue();
            index.put(childPath, new Located(childPath, child, block, i));
            visit(childPath, child, index);
        }
    }
}
