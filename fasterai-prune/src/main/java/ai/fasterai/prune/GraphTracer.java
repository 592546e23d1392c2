/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.prune;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.BatchNormSettings;
import ai.fasterai.core.nn.ParallelJoins;
import ai.fasterai.core.nn.Residual;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Walks a block tree the way data flows through it, giving every channel an atom and joining the
 * atoms of channels that must go together. Containers it knows the wiring of: {@link
 * SequentialBlock}, {@link ParallelBlock} (its join probed) and {@link Residual}. Layers it can
 * slice: {@link Conv2d} (dense or depthwise), {@link Linear}, {@link BatchNorm}. Any other leaf is
 * probed if it has no parameters, and pins its channels if it has.
 */
final class GraphTracer implements AutoCloseable {

    final Atoms atoms = new Atoms();
    final List<LayerUse> layers = new ArrayList<>();
    private final NDManager manager = NDManager.newBaseManager();
    private final Probe probe = new Probe(manager);

    /** Traces the whole network; its input and output channels are pinned. */
    void traceRoot(Block root, Shape input) {
        Flow in =
                new Flow(
                        input,
                        input.dimension() < 2 ? new int[0] : atoms.fresh((int) input.get(1)));
        atoms.pin(in.atoms, "the network's input channels");
        Flow out = trace("", root, null, -1, in);
        atoms.pin(out.atoms, "the network's output channels");
        pinSharedLayers();
    }

    private Flow trace(String path, Block block, Block parent, int index, Flow in) {
        Class<?> type = block.getClass();
        if (type == SequentialBlock.class) {
            Flow flow = in;
            BlockList children = block.getChildren();
            for (int i = 0; i < children.size(); i++) {
                Pair<String, Block> child = children.get(i);
                flow = trace(child(path, child.getKey()), child.getValue(), block, i, flow);
            }
            return flow;
        }
        if (type == ParallelBlock.class) {
            return parallel(path, block, in);
        }
        if (type == Residual.class) {
            return residual(path, (Residual) block, in);
        }
        if (!block.getChildren().isEmpty()) {
            throw cannotAnalyze(
                    path,
                    block,
                    "it is a container whose wiring is unknown (known: SequentialBlock,"
                            + " ParallelBlock, Residual)");
        }
        if (type == Conv2d.class) {
            return conv(path, (Conv2d) block, parent, index, in);
        }
        if (type == Linear.class) {
            return linear(path, block, parent, index, in);
        }
        if (type == BatchNorm.class) {
            return batchNorm(path, block, parent, index, in);
        }
        if (!block.getParameters().isEmpty()) {
            return pinned(path, block, in, "has parameters fasterai4j cannot slice");
        }
        return probed(path, block, in);
    }

    private Flow parallel(String path, Block block, Flow in) {
        BlockList children = block.getChildren();
        if (children.isEmpty()) {
            throw cannotAnalyze(path, block, "it has no branches");
        }
        List<Flow> branches = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Pair<String, Block> child = children.get(i);
            Flow flow = trace(child(path, child.getKey()), child.getValue(), block, i, in);
            branches.add(flow);
            shapes.add(flow.shape);
        }
        Probe.Finding<Probe.Join> join;
        try {
            join = probe.join(joinOf(path, block), shapes);
        } catch (RuntimeException e) {
            throw cannotAnalyze(path, block, "its join fails on branch outputs " + shapes, e);
        }
        switch (join.kind) {
            case ELEMENTWISE:
                {
                    Flow first = branches.get(0);
                    for (Flow other : branches.subList(1, branches.size())) {
                        unite(first.atoms, other.atoms);
                    }
                    if (!join.zeroSafe) {
                        atoms.markZeroUnsafe(first.atoms);
                    }
                    return new Flow(join.output, first.atoms);
                }
            case CONCAT:
                {
                    int total = branches.stream().mapToInt(Flow::channels).sum();
                    int[] joined = new int[total];
                    int offset = 0;
                    for (Flow flow : branches) {
                        System.arraycopy(flow.atoms, 0, joined, offset, flow.channels());
                        offset += flow.channels();
                    }
                    return new Flow(join.output, joined);
                }
            default:
                throw cannotAnalyze(
                        path,
                        block,
                        "its join is neither an element-wise merge of equally shaped branches nor"
                                + " a concatenation along axis 1 (branch outputs "
                                + shapes
                                + ")");
        }
    }

    private Flow residual(String path, Residual block, Flow in) {
        BlockList children = block.getChildren();
        int i = 0;
        Flow main = trace(child(path, children.get(i).getKey()), block.getMain(), block, i++, in);
        Flow shortcut = in;
        if (block.getShortcut().isPresent()) {
            shortcut =
                    trace(
                            child(path, children.get(i).getKey()),
                            block.getShortcut().get(),
                            block,
                            i++,
                            in);
        }
        unite(main.atoms, shortcut.atoms);
        if (block.getActivation().isPresent()) {
            return trace(
                    child(path, children.get(i).getKey()),
                    block.getActivation().get(),
                    block,
                    i,
                    main);
        }
        return main;
    }

    private Flow conv(String path, Conv2d conv, Block parent, int index, Flow in) {
        Shape out = outputShape(path, conv, in);
        int filters = conv.getFilters();
        int groups = conv.getGroups();
        int channels = in.channels();
        checkInputs(path, conv, conv.getParameters().get("weight").getShape().get(1) * groups, in);
        if (groups == 1) {
            int[] made = atoms.fresh(filters);
            record(path, conv, parent, index, LayerUse.Kind.CONV, in, made);
            return new Flow(out, made);
        }
        if (groups == channels && filters % channels == 0) {
            int multiplier = filters / channels;
            int[] carried = new int[filters];
            for (int j = 0; j < filters; j++) {
                carried[j] = in.atoms[j / multiplier];
            }
            record(path, conv, parent, index, LayerUse.Kind.DEPTHWISE, in, carried);
            return new Flow(out, carried);
        }
        return pinned(path, conv, in, "is a grouped convolution (groups=" + groups + ")");
    }

    private Flow linear(String path, Block linear, Block parent, int index, Flow in) {
        if (in.shape.dimension() != 2) {
            return pinned(
                    path, linear, in, "is a Linear on a rank-" + in.shape.dimension() + " input");
        }
        checkInputs(path, linear, linear.getParameters().get("weight").getShape().get(1), in);
        Shape out = outputShape(path, linear, in);
        int[] made = atoms.fresh((int) out.get(1));
        record(path, linear, parent, index, LayerUse.Kind.LINEAR, in, made);
        return new Flow(out, made);
    }

    private Flow batchNorm(String path, Block norm, Block parent, int index, Flow in) {
        int axis = BatchNormSettings.of((BatchNorm) norm).axis();
        if (axis != 1 || in.shape.dimension() < 2) {
            return pinned(path, norm, in, "normalizes over axis " + axis + ", not channels");
        }
        checkInputs(path, norm, norm.getParameters().get("gamma").getShape().get(0), in);
        Shape out = outputShape(path, norm, in);
        record(path, norm, parent, index, LayerUse.Kind.BATCH_NORM, in, in.atoms);
        return new Flow(out, in.atoms);
    }

    private Flow probed(String path, Block block, Flow in) {
        Probe.Finding<Probe.Kind> found;
        try {
            found = probe.leaf(block, in.shape);
        } catch (RuntimeException e) {
            throw cannotAnalyze(path, block, "it fails on an input of shape " + in.shape, e);
        }
        switch (found.kind) {
            case PER_CHANNEL:
                if (!found.zeroSafe) {
                    atoms.markZeroUnsafe(in.atoms);
                }
                return new Flow(found.output, in.atoms);
            case FLATTEN:
                {
                    int[] features = new int[(int) found.output.get(1)];
                    int run = features.length / in.channels();
                    for (int f = 0; f < features.length; f++) {
                        features[f] = in.atoms[f / run];
                    }
                    if (!found.zeroSafe) {
                        atoms.markZeroUnsafe(in.atoms);
                    }
                    return new Flow(found.output, features);
                }
            default:
                atoms.pin(in.atoms, describe(path, block) + " mixes channels");
                return freshPinned(path, block, found.output, "mixes channels");
        }
    }

    /** A block whose channels all stay: inputs pinned, outputs new pinned atoms. */
    private Flow pinned(String path, Block block, Flow in, String why) {
        atoms.pin(in.atoms, describe(path, block) + " " + why);
        return freshPinned(path, block, outputShape(path, block, in), why);
    }

    private Flow freshPinned(String path, Block block, Shape out, String why) {
        int[] made = out.dimension() < 2 ? new int[0] : atoms.fresh((int) out.get(1));
        atoms.pin(made, describe(path, block) + " " + why);
        return new Flow(out, made);
    }

    /** Records a sliceable layer; batch norms have no input columns of their own. */
    private void record(
            String path,
            Block block,
            Block parent,
            int index,
            LayerUse.Kind kind,
            Flow in,
            int[] outAtoms) {
        int[] inAtoms = kind == LayerUse.Kind.BATCH_NORM ? null : in.atoms;
        layers.add(new LayerUse(path, block, parent, index, kind, in.shape, outAtoms, inAtoms));
    }

    /**
     * DJL's shape inference accepts any channel count, so a wrong input shape would slice the wrong
     * columns; the weights say how many channels the layer was built for.
     */
    private static void checkInputs(String path, Block layer, long expected, Flow in) {
        if (expected != in.channels()) {
            throw new IllegalArgumentException(
                    "inputShape does not fit the model: "
                            + describe(path, layer)
                            + " holds weights for "
                            + expected
                            + " input channels but would receive "
                            + in.channels()
                            + " (traced input "
                            + in.shape
                            + ")");
        }
    }

    /**
     * A layer object used at several places shares its weights; rebuilding one use would untie
     * them, so its channels are pinned and it is never rebuilt.
     */
    private void pinSharedLayers() {
        java.util.Map<Block, List<LayerUse>> uses = new java.util.IdentityHashMap<>();
        for (LayerUse layer : layers) {
            uses.computeIfAbsent(layer.block, b -> new ArrayList<>()).add(layer);
        }
        for (List<LayerUse> same : uses.values()) {
            if (same.size() > 1) {
                String why =
                        describe(same.get(0).path, same.get(0).block)
                                + " is used "
                                + same.size()
                                + " times (shared weights)";
                for (LayerUse layer : same) {
                    atoms.pin(layer.outAtoms, why);
                    if (layer.inAtoms != null) {
                        atoms.pin(layer.inAtoms, why);
                    }
                }
                layers.removeAll(same);
            }
        }
    }

    private void unite(int[] a, int[] b) {
        for (int c = 0; c < a.length; c++) {
            atoms.union(a[c], b[c]);
        }
    }

    private static Shape outputShape(String path, Block block, Flow in) {
        try {
            return block.getOutputShapes(new Shape[] {in.shape})[0];
        } catch (RuntimeException e) {
            throw cannotAnalyze(path, block, "it rejects an input of shape " + in.shape, e);
        }
    }

    /** The join DJL hides in a private field, read by core's {@link ParallelJoins}. */
    private static Function<List<NDList>, NDList> joinOf(String path, Block block) {
        try {
            return ParallelJoins.joinOf((ParallelBlock) block);
        } catch (RuntimeException e) {
            throw cannotAnalyze(path, block, "its join function cannot be read", e);
        }
    }

    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    static String describe(String path, Block block) {
        return (path.isEmpty() ? "<root>" : path) + " (" + block.getClass().getSimpleName() + ")";
    }

    private static IllegalArgumentException cannotAnalyze(String path, Block block, String why) {
        return cannotAnalyze(path, block, why, null);
    }

    private static IllegalArgumentException cannotAnalyze(
            String path, Block block, String why, Exception cause) {
        return new IllegalArgumentException(
                "cannot analyze "
                        + describe(path, block)
                        + " for pruning: "
                        + why
                        + (cause == null ? "" : " (" + cause.getMessage() + ")"),
                cause);
    }

    @Override
    public void close() {
        manager.close();
    }
}
