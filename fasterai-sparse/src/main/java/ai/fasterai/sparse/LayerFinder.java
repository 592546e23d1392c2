/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the layers a sparsifier works on: blocks of the selected types that have a {@code weight},
 * in the order of the block tree, each with the BatchNorm that directly follows it in its parent
 * (the sibling after it), if any.
 */
final class LayerFinder {

    /** A selected layer before its granularity is resolved. */
    record Found(
            String path,
            Block block,
            Parameter weight,
            Parameter bias,
            BatchNorm next,
            Block parent,
            int index) {}

    private LayerFinder() {}

    static List<Found> find(Block root, List<Class<? extends Block>> types) {
        List<Found> found = new ArrayList<>();
        visit("", root, null, null, -1, types, found);
        return found;
    }

    private static void visit(
            String path,
            Block block,
            BatchNorm next,
            Block parent,
            int index,
            List<Class<? extends Block>> types,
            List<Found> found) {
        if (types.stream().anyMatch(t -> t.isInstance(block))) {
            Parameter weight = null;
            Parameter bias = null;
            for (Pair<String, Parameter> pair : block.getDirectParameters()) {
                if (pair.getValue().getType() == Parameter.Type.WEIGHT) {
                    weight = pair.getValue();
                } else if (pair.getValue().getType() == Parameter.Type.BIAS) {
                    bias = pair.getValue();
                }
            }
            if (weight != null) {
                found.add(new Found(path, block, weight, bias, next, parent, index));
                return;
            }
        }
        List<Pair<String, Block>> children = block.getChildren().stream().toList();
        for (int i = 0; i < children.size(); i++) {
            Block following = i + 1 < children.size() ? children.get(i + 1).getValue() : null;
            String childPath =
                    path.isEmpty()
                            ? children.get(i).getKey()
                            : path + "/" + children.get(i).getKey();
            visit(
                    childPath,
                    children.get(i).getValue(),
                    following instanceof BatchNorm ? (BatchNorm) following : null,
                    block,
                    i,
                    types,
                    found);
        }
    }
}
