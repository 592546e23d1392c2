/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.BlockSurgery;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a network (a copy, BatchNorm already folded) for quantization: each selected {@link
 * Conv2d} / {@link Linear} becomes a {@link QuantizedLayer}, and {@link ActivationQuantizer}s are
 * inserted where activations must be on an integer grid.
 *
 * <p>Placement for static quantization and QAT follows what ONNX Runtime fuses into int8 kernels
 * ({@code DequantizeLinear -> Conv -> [Relu] -> QuantizeLinear}): a quantizer in front of a
 * quantized layer unless the tensor is already on a grid, and one after each quantized layer, after
 * its ReLU if one follows (the range then starts at 0 and no level is wasted on negatives), except
 * after the network's last layer: its outputs (the logits) stay float. Max pooling, flattening,
 * dropout and ReLU keep values on their grid (max and reshape of quantized values are quantized
 * values with the same scale), so a layer behind them reuses the upstream quantizer rather than
 * rounding twice. Anything else (average pooling, a residual sum, an unfolded BatchNorm) leaves the
 * float domain, and the next quantized layer quantizes again.
 *
 * <p>Dynamic quantization: a dynamic quantizer in front of each selected Linear, no output
 * quantizers. Weight-only: only the layers are wrapped.
 */
final class QuantPreparer {

    private final QuantMethod method;
    private final QuantConfig config;
    private final Set<String> keepFp32;
    private final List<QuantizedLayer> layers = new ArrayList<>();
    private final Map<String, ActivationQuantizer> quantizers = new LinkedHashMap<>();
    private final Map<String, QuantizedLayer> layerPaths = new LinkedHashMap<>();
    private final Map<String, String> fp32 = new LinkedHashMap<>();

    private QuantPreparer(QuantMethod method, QuantConfig config, Set<String> keepFp32) {
        this.method = method;
        this.config = config;
        this.keepFp32 = keepFp32;
    }

    /**
     * Rewrites {@code root} in place.
     *
     * @param root the network copy, a {@link SequentialBlock}
     * @param method the method
     * @param config the configuration
     * @param keepFp32 validated paths kept in fp32 (containers included)
     * @return what was placed where
     */
    static Prepared prepare(
            Block root, QuantMethod method, QuantConfig config, Set<String> keepFp32) {
        if (!(root instanceof SequentialBlock)) {
            throw new IllegalArgumentException(
                    "quantization rewrites the layers of a SequentialBlock, the model's block is a "
                            + root.getClass().getName());
        }
        QuantPreparer preparer = new QuantPreparer(method, config, keepFp32);
        preparer.sequence((SequentialBlock) root, "", null);
        preparer.keepFloatOutput((SequentialBlock) root);
        return new Prepared(
                root,
                preparer.layers,
                preparer.layerPaths,
                preparer.quantizers,
                preparer.fp32,
                method,
                config.observerFor(method));
    }

    /** Walks a sequence; returns the quantizer whose grid the sequence's output is on, or null. */
    private ActivationQuantizer sequence(
            SequentialBlock seq, String path, ActivationQuantizer current) {
        int i = 0;
        while (i < seq.getChildren().size()) {
            Pair<String, Block> pair = seq.getChildren().get(i);
            String name = pair.getKey();
            Block child = pair.getValue();
            String childPath = join(path, name);
            if (isLayer(child)) {
                String reason = skipReason(child, childPath);
                if (reason != null) {
                    fp32.put(childPath, reason);
                    current = null;
                    i++;
                    continue;
                }
                boolean staticActivations =
                        method == QuantMethod.STATIC || method == QuantMethod.QAT;
                ActivationQuantizer input = current;
                if (method == QuantMethod.DYNAMIC || (staticActivations && input == null)) {
                    input = newQuantizer();
                    insert(seq, i, path, name + ".qin", input);
                    i++;
                }
                QuantizedLayer layer =
                        new QuantizedLayer(
                                child,
                                config.getWeightScheme(),
                                staticActivations,
                                method == QuantMethod.QAT
                                        ? QuantizedLayer.Mode.QAT
                                        : QuantizedLayer.Mode.OBSERVE,
                                "01" + child.getClass().getSimpleName());
                layer.setInput(input);
                BlockSurgery.replaceChild(seq, i, layer);
                layers.add(layer);
                layerPaths.put(childPath, layer);
                i++;
                current = null;
                if (!staticActivations) {
                    continue;
                }
                String after = name;
                if (i < seq.getChildren().size() && isRelu(seq.getChildren().get(i).getValue())) {
                    after = seq.getChildren().get(i).getKey();
                    i++;
                }
                current = newQuantizer();
                insert(seq, i, path, after + ".qout", current);
                i++;
            } else if (child instanceof SequentialBlock) {
                current = sequence((SequentialBlock) child, childPath, current);
                i++;
            } else if (keepsGrid(child)) {
                i++;
            } else {
                other(child, childPath);
                current = null;
                i++;
            }
        }
        return current;
    }

    /**
     * Removes the quantizer on the network's output, if the last layer got one: 8-bit logits tie
     * the top classes far more often than float ones, and the last layer (a classifier of a few
     * outputs) costs next to nothing in float.
     */
    private void keepFloatOutput(SequentialBlock root) {
        SequentialBlock parent = root;
        while (!parent.getChildren().isEmpty()) {
            int last = parent.getChildren().size() - 1;
            Block child = parent.getChildren().get(last).getValue();
            if (child instanceof SequentialBlock) {
                parent = (SequentialBlock) child;
                continue;
            }
            if (child instanceof ActivationQuantizer) {
                BlockSurgery.removeChild(parent, last);
                quantizers.values().remove(child);
            }
            return;
        }
    }

    /** A block that is neither a layer nor a sequence: look inside it, report its parameters. */
    private void other(Block block, String path) {
        if (block.getChildren().isEmpty()) {
            if (!block.getDirectParameters().isEmpty()) {
                fp32.put(
                        path,
                        block.getClass().getSimpleName()
                                + " is not a quantizable type (Conv2d, Linear)");
            }
            return;
        }
        if (!block.getDirectParameters().isEmpty()) {
            fp32.put(
                    path,
                    block.getClass().getSimpleName()
                            + " has parameters of its own and is not quantizable");
        }
        for (Pair<String, Block> pair : block.getChildren()) {
            Block child = pair.getValue();
            String childPath = join(path, pair.getKey());
            if (child instanceof SequentialBlock) {
                sequence((SequentialBlock) child, childPath, null);
            } else if (isLayer(child)) {
                // A layer held directly by a non-sequential container cannot get quantizers around
                // it without changing that container's wiring.
                fp32.put(
                        childPath,
                        "held directly by a "
                                + block.getClass().getSimpleName()
                                + "; wrap it in a SequentialBlock to quantize it");
            } else {
                other(child, childPath);
            }
        }
    }

    private String skipReason(Block layer, String path) {
        for (String kept : keepFp32) {
            if (path.equals(kept) || path.startsWith(kept + "/")) {
                return "kept in fp32 by path" + (path.equals(kept) ? "" : " '" + kept + "'");
            }
        }
        if (method == QuantMethod.DYNAMIC && layer instanceof Conv2d) {
            return "dynamic quantization covers Linear layers (as PyTorch's quantize_dynamic)";
        }
        return null;
    }

    private ActivationQuantizer newQuantizer() {
        ActivationQuantizer.Mode mode;
        switch (method) {
            case QAT:
                mode = ActivationQuantizer.Mode.FAKE_QUANT;
                break;
            case DYNAMIC:
                mode = ActivationQuantizer.Mode.DYNAMIC;
                break;
            default:
                mode = ActivationQuantizer.Mode.OBSERVE;
        }
        return new ActivationQuantizer(
                config.getActivationScheme(), config.observerFor(method), mode);
    }

    private void insert(
            SequentialBlock seq, int index, String path, String name, ActivationQuantizer q) {
        BlockSurgery.insertChild(seq, index, name, q);
        quantizers.put(join(path, name), q);
    }

    static boolean isLayer(Block block) {
        return block.getClass() == Conv2d.class || block.getClass() == Linear.class;
    }

    private static boolean isRelu(Block block) {
        if (!(block instanceof ActivationBlock)) {
            return false;
        }
        ActivationBlock.Kind kind = ((ActivationBlock) block).getKind();
        return kind == ActivationBlock.Kind.RELU || kind == ActivationBlock.Kind.RELU6;
    }

    /** Blocks whose outputs stay on their input's integer grid, with the same scale. */
    private static boolean keepsGrid(Block block) {
        if (block instanceof ActivationBlock) {
            ActivationBlock.Kind kind = ((ActivationBlock) block).getKind();
            return kind == ActivationBlock.Kind.RELU || kind == ActivationBlock.Kind.IDENTITY;
        }
        return block instanceof MaxPool2d || block instanceof Flatten || block instanceof Dropout;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }
}
