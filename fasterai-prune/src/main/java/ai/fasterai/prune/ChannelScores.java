/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.fasterai.sparse.Criteria;
import ai.fasterai.sparse.LayerWeights;
import ai.fasterai.sparse.Normalizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores every coupled channel of a group with a fasterai-sparse criteria: each weight row that
 * belongs to the channel (a filter of every producing layer, a depthwise filter) is scored and
 * reduced as the sparsifier scores a filter, the rows are averaged, and the group's scores are
 * normalized with the criteria's normalizer.
 */
final class ChannelScores {

    private ChannelScores() {}

    /** Scores, one array per group, aligned with each group's channels. */
    static double[][] of(DependencyGraph graph, List<ChannelGroup> groups, Criteria criteria) {
        Atoms atoms = graph.atoms();
        Map<Integer, double[]> sums = new HashMap<>();
        for (LayerUse layer : graph.layers()) {
            if (layer.kind == LayerUse.Kind.BATCH_NORM) {
                continue;
            }
            NDArray weight = layer.block.getParameters().get("weight").getArray();
            float[] rows;
            try (NDScope scope = new NDScope()) {
                int[] axes = new int[weight.getShape().dimension() - 1];
                for (int a = 0; a < axes.length; a++) {
                    axes[a] = a + 1;
                }
                rows = criteria.sliceScores(new Weights(layer.path, weight), axes).toFloatArray();
            }
            for (int j = 0; j < rows.length; j++) {
                double[] sum =
                        sums.computeIfAbsent(atoms.find(layer.outAtoms[j]), r -> new double[2]);
                sum[0] += rows[j];
                sum[1]++;
            }
        }
        double[][] scores = new double[groups.size()][];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int g = 0; g < groups.size(); g++) {
                int[] roots = groups.get(g).roots;
                float[] s = new float[roots.length];
                for (int i = 0; i < roots.length; i++) {
                    double[] sum = sums.get(roots[i]);
                    s[i] = (float) (sum[0] / sum[1]);
                }
                if (criteria.getNormalizer() != Normalizer.NONE) {
                    s = criteria.getNormalizer().apply(manager.create(s)).toFloatArray();
                }
                scores[g] = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    scores[g][i] = s[i];
                }
            }
        }
        return scores;
    }

    /** A layer's current weight; criteria that need more are refused by the Pruner. */
    private static final class Weights implements LayerWeights {
        private final String path;
        private final NDArray weight;

        Weights(String path, NDArray weight) {
            this.path = path;
            this.weight = weight;
        }

        @Override
        public NDArray getWeight() {
            return weight;
        }

        @Override
        public NDArray getReference() {
            throw new IllegalStateException("pruning criteria read the current weights only");
        }

        @Override
        public NDArray getGradient() {
            throw new IllegalStateException("pruning criteria read the current weights only");
        }

        @Override
        public String getPath() {
            return path;
        }
    }
}
