/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a function on the inputs and outputs of layers named by path during forward passes, fastai's
 * {@code Hook}/{@code hook_outputs}. DJL has no forward hooks, so while the hooks are attached each
 * named layer is replaced in its parent (through {@link BlockSurgery}) by a stand-in that runs it
 * and then calls the function; {@link #close()} puts every layer back. Attach hooks just around the
 * forward passes that need them: while attached, tree walkers see the stand-ins rather than the
 * layers (the parameter list is unchanged).
 *
 * <pre>{@code
 * try (Hooks hooks = Hooks.hookOutputs(block, List.of("features/05Conv2d"), true)) {
 *     block.forward(store, input, false);
 *     NDArray features = hooks.getStored().get(0);
 * }
 * }</pre>
 *
 * <p>Stored outputs belong to the forward pass's manager (the input's), like any other output.
 */
public final class Hooks implements AutoCloseable {

    /** What a hook does with a layer's inputs and outputs, after the layer ran. */
    @FunctionalInterface
    public interface HookFunction {

        /**
         * Receives one call of a hooked layer.
         *
         * @param path the layer's path
         * @param inputs the layer's inputs
         * @param outputs the layer's outputs
         */
        void accept(String path, NDList inputs, NDList outputs);
    }

    private final List<String> paths;
    private final Map<String, NDArray> stored;
    private final List<Runnable> restore;

    private Hooks(List<String> paths, Map<String, NDArray> stored, List<Runnable> restore) {
        this.paths = paths;
        this.stored = stored;
        this.restore = restore;
    }

    /**
     * Attaches hooks that call a function after each named layer runs.
     *
     * @param root the model's block
     * @param paths the layers' paths (see {@link LayerPaths}); a path may repeat
     * @param function receives each layer's path, inputs and outputs
     * @return the attached hooks; close them to restore the model
     * @throws IllegalArgumentException if an argument is null, a path names no layer (the message
     *     lists the nearest valid paths) or a layer's parent cannot have its children replaced; the
     *     model is then unchanged
     */
    public static Hooks hook(Block root, List<String> paths, HookFunction function) {
        Checks.notNull("function", function);
        return attach(root, paths, function, null);
    }

    /**
     * Attaches hooks that keep the first output of each named layer.
     *
     * @param root the model's block
     * @param paths the layers' paths (see {@link LayerPaths}); a path may repeat
     * @param detach whether stored outputs are cut from the gradient graph ({@code stopGradient})
     * @return the attached hooks; close them to restore the model
     * @throws IllegalArgumentException as {@link #hook}
     */
    public static Hooks hookOutputs(Block root, List<String> paths, boolean detach) {
        Map<String, NDArray> stored = new HashMap<>();
        HookFunction keep =
                (path, inputs, outputs) ->
                        stored.put(path, detach ? outputs.head().stopGradient() : outputs.head());
        return attach(root, paths, keep, stored);
    }

    private static Hooks attach(
            Block root, List<String> paths, HookFunction function, Map<String, NDArray> stored) {
        Checks.notNull("root", root);
        Checks.notNull("paths", paths);
        Map<String, LayerPaths.Located> index = LayerPaths.index(root);
        Map<String, LayerPaths.Located> located = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = Checks.notNull("paths[" + i + "]", paths.get(i));
            located.putIfAbsent(path, LayerPaths.lookup(index, root, path, "layer path"));
        }
        List<Runnable> restore = new ArrayList<>();
        try {
            for (LayerPaths.Located layer : located.values()) {
                LayerHook hook = new LayerHook(layer.getPath(), layer.getBlock(), function);
                restore.add(BlockSurgery.replaceChild(layer.getParent(), layer.getIndex(), hook));
            }
        } catch (RuntimeException e) {
            undo(restore);
            throw e;
        }
        return new Hooks(List.copyOf(paths), stored, restore);
    }

    /**
     * Returns the outputs stored by the last forward pass, in the order of the paths given.
     *
     * @return one array per path
     * @throws IllegalStateException if these hooks keep no outputs (made by {@link #hook}), or a
     *     layer has not run since the hooks were attached or last cleared (its parent does not run
     *     it from DJL's child list, or no forward pass happened)
     */
    public List<NDArray> getStored() {
        if (stored == null) {
            throw new IllegalStateException("these hooks run a function and keep no outputs");
        }
        List<NDArray> outputs = new ArrayList<>(paths.size());
        for (String path : paths) {
            NDArray output = stored.get(path);
            if (output == null) {
                throw new IllegalStateException(
                        "layer "
                                + path
                                + " did not run during the forward pass: its parent does not run"
                                + " it from DJL's child list, or no forward pass happened");
            }
            outputs.add(output);
        }
        return outputs;
    }

    /** Forgets the stored outputs (the arrays themselves belong to their forward pass). */
    public void clear() {
        if (stored != null) {
            stored.clear();
        }
    }

    /** Puts every hooked layer back in its parent; calling it again does nothing. */
    @Override
    public void close() {
        clear();
        undo(restore);
    }

    private static void undo(List<Runnable> restore) {
        for (int i = restore.size() - 1; i >= 0; i--) {
            restore.get(i).run();
        }
        restore.clear();
    }
}
