/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * FitNets' hint loss (Romero et al. 2015): the mean squared difference between the student's and
 * the teacher's activations, summed over the layer pairs. Where channel counts differ, a learnable
 * 1x1 convolution (a {@code Linear} for rank-2 activations) maps the student's channels to the
 * teacher's, as the paper's regressor; the callback trains it alongside the student and it is not
 * part of the student. Spatial sizes must match. fasterai's {@code FitNet}, plus the adapter.
 */
public final class FitNet implements DistillationLoss {

    private final List<Block> adapters = new ArrayList<>();
    private List<Shape> preparedFor = List.of();

    /** Creates the loss. */
    public FitNet() {}

    @Override
    public void prepare(List<Shape> studentShapes, List<Shape> teacherShapes, NDManager manager) {
        FeatureChecks.pairs("FitNet", studentShapes, teacherShapes);
        // Without the batch size, so a short last batch keeps the adapters.
        List<Shape> key = new ArrayList<>();
        studentShapes.forEach(shape -> key.add(shape.slice(1)));
        teacherShapes.forEach(shape -> key.add(shape.slice(1)));
        if (key.equals(preparedFor)) {
            return; // a later fit with the same layers keeps training the same adapters
        }
        List<Block> built = new ArrayList<>();
        for (int i = 0; i < studentShapes.size(); i++) {
            Shape s = studentShapes.get(i);
            Shape t = teacherShapes.get(i);
            FeatureChecks.batchAndRank("FitNet", i, s, t, 2);
            if (s.dimension() != t.dimension()) {
                throw new IllegalArgumentException(
                        "FitNet pair " + i + " differs in rank: student " + s + ", teacher " + t);
            }
            FeatureChecks.sameSpatial(
                    "FitNet",
                    i,
                    s,
                    t,
                    "its 1x1 adapter only maps channels: pair layers of equal"
                            + " resolution (matchFeatureLayers)");
            built.add(s.get(1) == t.get(1) ? null : adapter(s, t, manager));
        }
        adapters.clear();
        adapters.addAll(built);
        preparedFor = key;
    }

    private static Block adapter(Shape student, Shape teacher, NDManager manager) {
        if (student.dimension() != 2 && student.dimension() != 4) {
            throw new IllegalArgumentException(
                    "FitNet adapts rank-2 or rank-4 activations when channels differ, got "
                            + student);
        }
        Block adapter =
                student.dimension() == 2
                        ? Linear.builder().setUnits(teacher.get(1)).build()
                        : Conv2d.builder()
                                .setKernelShape(new Shape(1, 1))
                                .setFilters((int) teacher.get(1))
                                .build();
        adapter.initialize(manager, DataType.FLOAT32, student);
        return adapter;
    }

    @Override
    public NDArray evaluate(DistillationInput input) {
        int pairs = input.requireFeatures("FitNet");
        if (adapters.size() != pairs) {
            throw new IllegalStateException(
                    "FitNet was prepared for " + adapters.size() + " pairs, got " + pairs);
        }
        return FeatureChecks.sumOverPairs(
                "FitNet", input, (i, s, t) -> adapt(i, s).sub(t).square().mean());
    }

    /** The student's activation through the pair's adapter, if it has one. */
    private NDArray adapt(int pair, NDArray student) {
        Block adapter = adapters.get(pair);
        if (adapter == null) {
            return student;
        }
        ParameterStore store = new ParameterStore(student.getManager(), false);
        return adapter.forward(store, new NDList(student), true).head();
    }

    /**
     * Returns the adapters' parameters (none when every pair has matching channels).
     *
     * @return the trainable parameters
     */
    @Override
    public List<Parameter> getParameters() {
        List<Parameter> all = new ArrayList<>();
        for (Block adapter : adapters) {
            if (adapter != null) {
                for (Pair<String, Parameter> pair : adapter.getParameters()) {
                    all.add(pair.getValue());
                }
            }
        }
        return all;
    }

    /**
     * Returns the adapter of a pair, if its channel counts differ.
     *
     * @param pair the pair's position
     * @return the adapter, or null when the student's activation is used as it is
     * @throws IndexOutOfBoundsException if the loss was not prepared for that pair
     */
    public Block getAdapter(int pair) {
        return adapters.get(pair);
    }

    @Override
    public boolean needsFeatures() {
        return true;
    }

    @Override
    public String toString() {
        return "FitNet";
    }
}
