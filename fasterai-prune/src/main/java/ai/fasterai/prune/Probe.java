/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Finds out what an opaque block does to channels by running it on random inputs: DJL's lambdas and
 * parallel joins hide their functions, so the only honest way to know whether removing a channel
 * commutes with them is to try it.
 *
 * <p>The test that matters is the one pruning relies on: running the block on a subset of channels
 * gives the same subset of its output. A block that passes it acts per channel; one that fails it
 * mixes channels and pins them.
 */
final class Probe {

    /** What a parameterless block does to channels. */
    enum Kind {
        /** Output channel c depends on input channel c only. */
        PER_CHANNEL,
        /** Output is the input reshaped to (N, C*H*W...): channel c owns a run of features. */
        FLATTEN,
        /** Anything else: its channels must all stay. */
        OPAQUE
    }

    /** How a parallel block joins its branches. */
    enum Join {
        /** An element-wise merge (sum, maybe followed by a per-channel function). */
        ELEMENTWISE,
        /** Concatenation along axis 1. */
        CONCAT,
        /** Neither. */
        UNKNOWN
    }

    /** A probe's findings. */
    static final class Finding<K> {
        final K kind;
        final Shape output;
        final boolean zeroSafe;

        Finding(K kind, Shape output, boolean zeroSafe) {
            this.kind = kind;
            this.output = output;
            this.zeroSafe = zeroSafe;
        }
    }

    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-5;

    private final NDManager manager;
    private final Random random = new Random(20260601L);

    Probe(NDManager manager) {
        this.manager = manager;
    }

    /** Classifies a parameterless leaf for an input of the given shape. */
    Finding<Kind> leaf(Block block, Shape input) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = randomArray(scope, input);
            NDArray y = run(block, x);
            Shape out = y.getShape();
            if (input.dimension() < 2 || out.dimension() < 2) {
                return new Finding<>(Kind.OPAQUE, out, false);
            }
            boolean zeroSafe = isZero(run(block, scope.zeros(input)));
            int channels = (int) input.get(1);
            int[] keep = halfOf(channels);
            if (out.get(1) == channels && slicesCommute(block, x, y, keep)) {
                return new Finding<>(Kind.PER_CHANNEL, out, zeroSafe);
            }
            long perChannel = input.size() / input.get(0) / channels;
            if (out.dimension() == 2
                    && out.get(1) == channels * perChannel
                    && close(y, x.reshape(input.get(0), -1))
                    && flattenCommutes(block, x, keep)) {
                return new Finding<>(Kind.FLATTEN, out, zeroSafe);
            }
            return new Finding<>(Kind.OPAQUE, out, zeroSafe);
        }
    }

    /** Classifies a parallel block's join for branch outputs of the given shapes. */
    Finding<Join> join(Function<List<NDList>, NDList> function, List<Shape> branches) {
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> outs = new ArrayList<>();
            for (Shape shape : branches) {
                outs.add(randomArray(scope, shape));
            }
            NDArray y = applyJoin(function, outs);
            Shape out = y.getShape();
            Shape first = branches.get(0);
            boolean sameShapes = branches.stream().allMatch(first::equals);
            if (sameShapes && first.dimension() >= 2 && out.equals(first)) {
                int[] keep = halfOf((int) first.get(1));
                List<NDArray> sliced = new ArrayList<>();
                for (NDArray o : outs) {
                    sliced.add(channels(o, keep));
                }
                NDArray ys = tryJoin(function, sliced);
                if (ys != null && close(ys, channels(y, keep))) {
                    List<NDArray> zeros = new ArrayList<>();
                    for (Shape shape : branches) {
                        zeros.add(scope.zeros(shape));
                    }
                    boolean zeroSafe = isZero(applyJoin(function, zeros));
                    return new Finding<>(Join.ELEMENTWISE, out, zeroSafe);
                }
            }
            if (branches.stream().allMatch(s -> s.dimension() >= 2)) {
                NDArray cat = tryConcat(outs);
                if (cat != null && close(y, cat)) {
                    return new Finding<>(Join.CONCAT, out, true);
                }
            }
            return new Finding<>(Join.UNKNOWN, out, false);
        }
    }

    private boolean slicesCommute(Block block, NDArray x, NDArray y, int[] keep) {
        NDArray sliced = tryRun(block, channels(x, keep));
        return sliced != null && close(sliced, channels(y, keep));
    }

    private boolean flattenCommutes(Block block, NDArray x, int[] keep) {
        NDArray xs = channels(x, keep);
        NDArray sliced = tryRun(block, xs);
        return sliced != null && close(sliced, xs.reshape(x.getShape().get(0), -1));
    }

    private NDArray run(Block block, NDArray x) {
        ParameterStore store = new ParameterStore(x.getManager(), false);
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    /** Runs the block; null when it refuses the input (e.g. a reshape to a fixed size). */
    private NDArray tryRun(Block block, NDArray x) {
        try {
            return run(block, x);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static NDArray applyJoin(
            Function<List<NDList>, NDList> function, List<NDArray> branchOutputs) {
        List<NDList> lists = new ArrayList<>();
        for (NDArray o : branchOutputs) {
            lists.add(new NDList(o));
        }
        return function.apply(lists).singletonOrThrow();
    }

    /** The branches concatenated on axis 1; null when their other axes differ. */
    private static NDArray tryConcat(List<NDArray> outs) {
        try {
            return NDArrays.concat(new NDList(outs), 1);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static NDArray tryJoin(Function<List<NDList>, NDList> function, List<NDArray> outs) {
        try {
            return applyJoin(function, outs);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private NDArray randomArray(NDManager scope, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return scope.create(values, shape);
    }

    /** A random half of the channels (at least one, never all when there are two or more). */
    private int[] halfOf(int channels) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        int[] keep =
                order.subList(0, Math.max(1, channels / 2)).stream()
                        .mapToInt(Integer::intValue)
                        .toArray();
        Arrays.sort(keep);
        return keep;
    }

    private static NDArray channels(NDArray x, int[] keep) {
        NDArray index = x.getManager().create(Arrays.stream(keep).asLongStream().toArray());
        return x.get(new NDIndex(":, {}", index));
    }

    private static boolean close(NDArray a, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            return false;
        }
        double scale = b.abs().max().getFloat();
        double diff = a.sub(b).abs().max().getFloat();
        return diff <= ATOL + RTOL * scale;
    }

    private static boolean isZero(NDArray y) {
        return y.size() == 0 || y.abs().max().getFloat() <= 1e-7;
    }
}
