/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.PairList;
import ai.fasterai.core.util.Checks;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a child of a container block in place, keeping its name (so paths and saved parameter
 * order stay the same). DJL's {@code SequentialBlock} has no replace-at-index and {@code
 * AbstractBlock} keeps its children in a protected list, so this is the one place that edits that
 * list; pruning, folding and quantization all go through it.
 *
 * <p>Containers that also keep a child in a field of their own (as {@link Residual} does) have that
 * field updated too, so the replacement is what {@code forward} runs.
 */
public final class BlockSurgery {

    private static final Field CHILDREN = childrenField();

    private BlockSurgery() {}

    /**
     * Replaces the child at {@code index} of {@code parent} with {@code replacement}.
     *
     * @param parent the container, an {@link AbstractBlock}
     * @param index the child's position in {@code parent.getChildren()}
     * @param replacement the new child, usually initialized already
     * @return an action that puts the old child back
     * @throws IllegalArgumentException if an argument is null, the parent is not an {@link
     *     AbstractBlock} or the index is out of range
     * @throws IllegalStateException if the JVM refuses access to DJL's child list
     */
    public static Runnable replaceChild(Block parent, int index, Block replacement) {
        Checks.notNull("parent", parent);
        Checks.notNull("replacement", replacement);
        if (!(parent instanceof AbstractBlock)) {
            throw new IllegalArgumentException(
                    "parent must be an AbstractBlock to have its children replaced, got "
                            + parent.getClass().getName());
        }
        List<Block> values = children((AbstractBlock) parent).values();
        if (index < 0 || index >= values.size()) {
            throw new IllegalArgumentException(
                    "index must be in [0, " + values.size() + ") for this parent, got " + index);
        }
        Block old = values.get(index);
        List<Field> fields = fieldsHolding(parent, old);
        values.set(index, replacement);
        setAll(fields, parent, replacement);
        return () -> {
            values.set(index, old);
            setAll(fields, parent, old);
        };
    }

    /**
     * Removes the child at {@code index} of a {@link SequentialBlock}, keeping the other children's
     * names (so their paths stay the same). Only a sequential container is accepted: it simply
     * feeds each child's output to the next, so removing a child that maps its input to an output
     * of the same shape (a folded BatchNorm) leaves the wiring valid.
     *
     * @param parent the sequential container
     * @param index the child's position in {@code parent.getChildren()}
     * @return an action that puts the child back
     * @throws IllegalArgumentException if the parent is null or not a {@link SequentialBlock}, or
     *     the index is out of range
     */
    public static Runnable removeChild(Block parent, int index) {
        Checks.notNull("parent", parent);
        if (!(parent instanceof SequentialBlock)) {
            throw new IllegalArgumentException(
                    "parent must be a SequentialBlock to have a child removed, got "
                            + parent.getClass().getName());
        }
        PairList<String, Block> list = children((AbstractBlock) parent);
        if (index < 0 || index >= list.size()) {
            throw new IllegalArgumentException(
                    "index must be in [0, " + list.size() + ") for this parent, got " + index);
        }
        String name = list.get(index).getKey();
        Block old = list.remove(index);
        return () -> list.add(index, name, old);
    }

    /**
     * Inserts a child into a {@link SequentialBlock} at {@code index}, under a name of its own, so
     * that the other children keep their names and paths. Quantization uses it to place activation
     * quantizers between layers.
     *
     * @param parent the sequential container
     * @param index the position of the new child, in {@code [0, size]}
     * @param name the new child's name, not used by a sibling
     * @param child the new child
     * @return an action that removes the child again
     * @throws IllegalArgumentException if an argument is null, the parent is not a {@link
     *     SequentialBlock}, the index is out of range or the name is taken
     */
    public static Runnable insertChild(Block parent, int index, String name, Block child) {
        Checks.notNull("parent", parent);
        Checks.notNull("name", name);
        Checks.notNull("child", child);
        if (!(parent instanceof SequentialBlock)) {
            throw new IllegalArgumentException(
                    "parent must be a SequentialBlock to have a child inserted, got "
                            + parent.getClass().getName());
        }
        PairList<String, Block> list = children((AbstractBlock) parent);
        if (index < 0 || index > list.size()) {
            throw new IllegalArgumentException(
                    "index must be in [0, " + list.size() + "] for this parent, got " + index);
        }
        if (list.keys().contains(name)) {
            throw new IllegalArgumentException(
                    "name '" + name + "' is already used by a child of this parent");
        }
        list.add(index, name, child);
        return () -> list.remove(list.keys().indexOf(name));
    }

    @SuppressWarnings("unchecked")
    private static PairList<String, Block> children(AbstractBlock parent) {
        try {
            return (PairList<String, Block>) CHILDREN.get(parent);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    "cannot reach the children of " + parent.getClass().getName(), e);
        }
    }

    /** The parent's own instance fields (not DJL's) that point at the child. */
    private static List<Field> fieldsHolding(Block parent, Block child) {
        List<Field> found = new ArrayList<>();
        for (Class<?> c = parent.getClass();
                c != null && c != AbstractBlock.class;
                c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        || !Block.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(parent) == child) {
                        found.add(field);
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException(
                            "cannot read field " + field.getName() + " of " + c.getName(), e);
                }
            }
        }
        return found;
    }

    private static void setAll(List<Field> fields, Block parent, Block value) {
        for (Field field : fields) {
            try {
                field.set(parent, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set field " + field.getName(), e);
            }
        }
    }

    private static Field childrenField() {
        try {
            Field field = AbstractBlock.class.getDeclaredField("children");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
