/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.stats.BlockNode;
import ai.fasterai.core.stats.BlockWalker;
import ai.fasterai.core.util.Checks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs a student's and a teacher's layers for feature losses by spatial resolution: for every
 * {@code h x w} that both networks produce, the last block (in execution order) whose output has
 * that resolution, which is the end of a stage, just before it downsamples. Pairs come in the
 * student's order, from the finest resolution to the coarsest.
 *
 * <pre>{@code
 * FeatureLayers pairs = FeatureLayers.matchFeatureLayers(student, teacher, new Shape(1, 1, 28, 28));
 * new KnowledgeDistillationCallback(teacher, new Attention(), pairs.getStudentLayers(),
 *         pairs.getTeacherLayers(), 0.5, null);
 * }</pre>
 */
public final class FeatureLayers {

    private final List<String> studentLayers;
    private final List<String> teacherLayers;
    private final List<Shape> resolutions;

    private FeatureLayers(
            List<String> studentLayers, List<String> teacherLayers, List<Shape> resolutions) {
        this.studentLayers = List.copyOf(studentLayers);
        this.teacherLayers = List.copyOf(teacherLayers);
        this.resolutions = List.copyOf(resolutions);
    }

    /**
     * Pairs layers of equal resolution.
     *
     * @param student the student's block, initialized
     * @param teacher the teacher's block, initialized
     * @param sample a sample input (only its shapes are used)
     * @return the pairs, possibly none
     * @throws IllegalArgumentException if an argument is null or a model cannot be walked
     */
    public static FeatureLayers matchFeatureLayers(Block student, Block teacher, NDList sample) {
        Checks.notNull("sample", sample);
        return matchFeatureLayers(student, teacher, sample.getShapes());
    }

    /**
     * Pairs layers of equal resolution for inputs of the given shapes.
     *
     * @param student the student's block, initialized
     * @param teacher the teacher's block, initialized
     * @param inputShapes the input shapes, batch included
     * @return the pairs, possibly none
     * @throws IllegalArgumentException if an argument is null or a model cannot be walked
     */
    public static FeatureLayers matchFeatureLayers(
            Block student, Block teacher, Shape... inputShapes) {
        Checks.notNull("student", student);
        Checks.notNull("teacher", teacher);
        Map<Shape, String> s = lastPerResolution(BlockWalker.walk(student, inputShapes));
        Map<Shape, String> t = lastPerResolution(BlockWalker.walk(teacher, inputShapes));
        List<String> studentLayers = new ArrayList<>();
        List<String> teacherLayers = new ArrayList<>();
        List<Shape> resolutions = new ArrayList<>();
        for (Map.Entry<Shape, String> entry : s.entrySet()) {
            String match = t.get(entry.getKey());
            if (match != null) {
                studentLayers.add(entry.getValue());
                teacherLayers.add(match);
                resolutions.add(entry.getKey());
            }
        }
        return new FeatureLayers(studentLayers, teacherLayers, resolutions);
    }

    /**
     * For each resolution of a rank-4 output, the last block producing it, in the order the
     * resolutions first appear. Blocks are visited in the order they finish (children before their
     * parent), so a container that ends a stage wins over its last child.
     */
    private static Map<Shape, String> lastPerResolution(List<BlockNode> preOrder) {
        Map<Shape, String> last = new LinkedHashMap<>();
        for (BlockNode node : finishOrder(preOrder)) {
            if (node.getDepth() == 0 || node.getOutputShapes().isEmpty()) {
                continue;
            }
            Shape out = node.getOutputShapes().get(0);
            if (out.dimension() == 4) {
                last.put(out.slice(2), node.getPath());
            }
        }
        return last;
    }

    /** Turns a parents-first listing into the order blocks finish (post-order). */
    private static List<BlockNode> finishOrder(List<BlockNode> preOrder) {
        List<BlockNode> finished = new ArrayList<>(preOrder.size());
        Deque<BlockNode> open = new ArrayDeque<>();
        for (BlockNode node : preOrder) {
            while (!open.isEmpty() && open.peek().getDepth() >= node.getDepth()) {
                finished.add(open.pop());
            }
            open.push(node);
        }
        while (!open.isEmpty()) {
            finished.add(open.pop());
        }
        return finished;
    }

    /**
     * Returns the student's layer paths.
     *
     * @return the paths, paired by position with {@link #getTeacherLayers()}
     */
    public List<String> getStudentLayers() {
        return studentLayers;
    }

    /**
     * Returns the teacher's layer paths.
     *
     * @return the paths
     */
    public List<String> getTeacherLayers() {
        return teacherLayers;
    }

    /**
     * Returns each pair's spatial size {@code (h, w)}.
     *
     * @return the resolutions
     */
    public List<Shape> getResolutions() {
        return resolutions;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < studentLayers.size(); i++) {
            text.append(resolutions.get(i))
                    .append(": ")
                    .append(studentLayers.get(i))
                    .append(" <-> ")
                    .append(teacherLayers.get(i))
                    .append('\n');
        }
        return text.toString();
    }
}
