/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.nn.Block;
import ai.fasterai.core.nn.LayerPaths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers of one type a transform works on: every one by default, or those at (or below) the
 * given paths, minus the excluded paths and everything below them.
 */
final class LayerSelection {

    private LayerSelection() {}

    /**
     * Resolves the selection.
     *
     * @param root the network
     * @param type the layer class selected, for example {@code Linear.class}
     * @param layers paths of layers or of containers whose layers are selected; null or empty for
     *     every layer of the type
     * @param exclude paths left out, with everything below them; may be null
     * @return layer path to layer, in tree order
     * @throws IllegalArgumentException if a path names nothing (the message lists the nearest
     *     paths) or a selected path holds no layer of the type
     */
    static Map<String, Block> select(
            Block root, Class<? extends Block> type, List<String> layers, List<String> exclude) {
        List<String> all = LayerPaths.all(root);
        List<String> roots = new ArrayList<>();
        if (layers == null || layers.isEmpty()) {
            roots.add("");
        } else {
            for (String path : layers) {
                LayerPaths.find(root, path, "layers entry");
                roots.add(path);
            }
        }
        List<String> excluded = new ArrayList<>();
        if (exclude != null) {
            for (String path : exclude) {
                LayerPaths.find(root, path, "exclude entry");
                excluded.add(path);
            }
        }
        Map<String, Block> selected = new LinkedHashMap<>();
        for (String from : roots) {
            int before = selected.size();
            boolean found = false;
            for (String path : all) {
                if (!within(path, from)) {
                    continue;
                }
                Block block = LayerPaths.find(root, path, "layer").getBlock();
                if (type.isInstance(block)) {
                    found = true;
                    if (excluded.stream().noneMatch(e -> within(path, e))) {
                        selected.putIfAbsent(path, block);
                    }
                }
            }
            if (!found && selected.size() == before && !from.isEmpty()) {
                throw new IllegalArgumentException(
                        "layers entry '"
                                + from
                                + "' is a "
                                + LayerPaths.find(root, from, "layer")
                                        .getBlock()
                                        .getClass()
                                        .getSimpleName()
                                + " with no "
                                + type.getSimpleName()
                                + " at or below it; only "
                                + type.getSimpleName()
                                + " layers can be selected");
            }
        }
        return selected;
    }

    /** Whether a path is the given one or below it ("" holds everything). */
    private static boolean within(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + "/");
    }
}
