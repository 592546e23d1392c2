/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParallelBlock;
import ai.fasterai.core.util.Checks;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Reads and probes the join of DJL's {@link ParallelBlock}: DJL keeps the function that merges the
 * branch outputs in a private field, so the modules that must know what a parallel block computes
 * (the pruner, the ONNX exporter) read it by reflection here and find out what it does by running
 * it on random arrays.
 *
 * <pre>{@code
 * try (NDManager manager = NDManager.newBaseManager()) {
 *     ParallelJoins.Join join = ParallelJoins.classify(block, branchOutputShapes, manager);
 * }
 * }</pre>
 */
public final class ParallelJoins {

    /** The largest difference, relative to the largest expected magnitude, that still matches. */
    private static final double RELATIVE_TOLERANCE = 1e-6;

    private static final long SEED = 20260601L;

    /** What a parallel block's join computes, as far as random inputs tell. */
    public enum Join {
        /** Exactly the element-wise sum of the branch outputs, which all have the same shape. */
        SUM,
        /** Exactly the concatenation of the branch outputs along axis 1. */
        CONCAT,
        /** Anything else, including a sum or a concatenation followed by another function. */
        OTHER
    }

    private ParallelJoins() {}

    /**
     * Returns the function a parallel block joins its branch outputs with.
     *
     * @param block the block
     * @return the join, taking one list per branch (in branch order) and returning the output
     * @throws IllegalArgumentException if the block is null
     * @throws IllegalStateException if DJL's private field {@code function} cannot be read (a DJL
     *     version that renamed it, or a runtime that forbids the access) or holds no function
     */
    @SuppressWarnings("unchecked")
    public static Function<List<NDList>, NDList> joinOf(ParallelBlock block) {
        Checks.notNull("block", block);
        Object function;
        try {
            Field field = ParallelBlock.class.getDeclaredField("function");
            field.setAccessible(true);
            function = field.get(block);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read the private field 'function' of DJL's ParallelBlock (does this"
                            + " DJL version still have it, and may it be read by reflection?): "
                            + e,
                    e);
        }
        if (!(function instanceof Function)) {
            throw new IllegalStateException(
                    "DJL's ParallelBlock holds no join function in its field 'function', found "
                            + (function == null ? "null" : function.getClass().getName()));
        }
        return (Function<List<NDList>, NDList>) function;
    }

    /**
     * Finds out whether a parallel block's join is exactly the element-wise sum of its branch
     * outputs or exactly their concatenation along axis 1, by running it once on random Gaussian
     * arrays (both signs) of the branch output shapes and comparing with the sum and the
     * concatenation computed here; values must agree within 1e-6 of the largest expected magnitude.
     * A sum followed by a ReLU, a product, a mean or a concatenation on another axis is {@link
     * Join#OTHER}. With a single branch the join is {@link Join#SUM} if it returns the branch
     * unchanged.
     *
     * <p>The arrays live in a sub-manager of {@code manager}, closed before returning. The random
     * values are seeded, so the answer is the same on every call. A join that only misbehaves for
     * some batch sizes is caught only if the shapes' batch shows it: pass a batch of 2 or more when
     * the result must hold for any batch.
     *
     * @param block the parallel block
     * @param branchOutputs the shape of each branch's output, in branch order, batch included
     * @param manager the manager under which the probe arrays are created
     * @return what the join computes
     * @throws IllegalArgumentException if an argument is null or {@code branchOutputs} is empty
     * @throws IllegalStateException if the join cannot be read (see {@link #joinOf})
     * @throws RuntimeException whatever the join throws on arrays of these shapes
     */
    public static Join classify(ParallelBlock block, List<Shape> branchOutputs, NDManager manager) {
        Checks.notNull("branchOutputs", branchOutputs);
        Checks.notNull("manager", manager);
        if (branchOutputs.isEmpty()) {
            throw new IllegalArgumentException("branchOutputs must name at least one branch");
        }
        Function<List<NDList>, NDList> join = joinOf(block);
        Random random = new Random(SEED);
        try (NDManager scope = manager.newSubManager()) {
            List<NDList> inputs = new ArrayList<>();
            NDList arrays = new NDList();
            for (Shape shape : branchOutputs) {
                Checks.notNull("branch output shape", shape);
                NDArray array = gaussian(scope, shape, random);
                arrays.add(array);
                inputs.add(new NDList(array));
            }
            NDList result = join.apply(inputs);
            if (result == null || result.size() != 1) {
                return Join.OTHER;
            }
            NDArray actual = result.head();
            if (isSum(actual, arrays)) {
                return Join.SUM;
            }
            if (isConcat(actual, arrays)) {
                return Join.CONCAT;
            }
            return Join.OTHER;
        }
    }

    private static boolean isSum(NDArray actual, NDList arrays) {
        Shape first = arrays.head().getShape();
        for (NDArray array : arrays) {
            if (!array.getShape().equals(first)) {
                return false;
            }
        }
        NDArray sum = arrays.head();
        for (int i = 1; i < arrays.size(); i++) {
            sum = sum.add(arrays.get(i));
        }
        return matches(actual, sum);
    }

    private static boolean isConcat(NDArray actual, NDList arrays) {
        for (NDArray array : arrays) {
            if (array.getShape().dimension() < 2) {
                return false;
            }
        }
        NDArray concat;
        try {
            concat = arrays.size() == 1 ? arrays.head() : NDArrays.concat(arrays, 1);
        } catch (RuntimeException e) {
            // The branches differ on an axis other than 1: no concatenation on axis 1 exists.
            return false;
        }
        return matches(actual, concat);
    }

    /**
     * Tells whether a probed function's output is exactly the expected one: same shape, and every
     * value within 1e-6 of the largest expected magnitude (a NaN never matches). The ONNX exporter
     * recognizes DJL lambdas with it too.
     *
     * @param actual the values computed by the probed function
     * @param expected the values it must equal
     * @return whether they match
     */
    public static boolean matches(NDArray actual, NDArray expected) {
        if (!actual.getShape().equals(expected.getShape())) {
            return false;
        }
        if (expected.size() == 0) {
            return true;
        }
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        float[] e = expected.toType(DataType.FLOAT32, false).toFloatArray();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double limit = RELATIVE_TOLERANCE * scale;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs((double) a[i] - e[i]);
            if (!(diff <= limit)) {
                // Also catches a NaN in the actual values.
                return false;
            }
        }
        return true;
    }

    /**
     * Returns an array of seeded standard Gaussian values, so that negative and positive values
     * both occur.
     *
     * @param manager the manager that owns the array
     * @param shape the array's shape
     * @param random the source of the values
     * @return the array, float32
     */
    static NDArray gaussian(NDManager manager, Shape shape, Random random) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }
}
