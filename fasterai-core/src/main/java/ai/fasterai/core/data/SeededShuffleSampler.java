/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A shuffled order of a dataset's indices drawn from its own generator (seed and epoch), unlike
 * DJL's {@code RandomSampler}, which draws from a process-wide one.
 */
final class SeededShuffleSampler implements Sampler.SubSampler {

    private final long seed;

    SeededShuffleSampler(long seed, int epoch) {
        // SplittableRandom mixes its seed, so nearby seeds give unrelated orders per epoch.
        this.seed = seed + 0x9E3779B97F4A7C15L * epoch;
    }

    @Override
    public Iterator<Long> sample(RandomAccessDataset dataset) {
        int n = Math.toIntExact(dataset.size());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Long next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return (long) order[next++];
            }
        };
    }
}
