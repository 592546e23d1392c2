/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.Pool2d;
import ai.fasterai.core.util.Checks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of {@link MacCounter}s, keyed by leaf block class; a block uses the counter of its
 * class or, failing that, of its nearest registered superclass.
 *
 * <p>Built in (bias and activations ignored, as fasterbench and thop do):
 *
 * <ul>
 *   <li>convolutions ({@code Conv1d}, {@code Conv2d}, {@code Conv3d}): {@code outputElements *
 *       (inChannels / groups) * kernelH * kernelW} (times kernel depth in 3-D); stride, padding and
 *       dilation count only through the output shape;
 *   <li>{@code Linear}: {@code outputElements * inFeatures};
 *   <li>{@code BatchNorm}: {@code outputElements} (one multiply-add per element);
 *   <li>{@code LambdaBlock}, {@code Dropout}: 0.
 * </ul>
 *
 * Any other leaf counts 0, and its type is logged once at DEBUG so that a missing counter can be
 * found. Register the rest, e.g. pooling: {@code MacCounters.register(MaxPool2d.class, (b, in, out)
 * -> kernelArea * out[0].size())}.
 */
public final class MacCounters {

    private static final Logger logger = LoggerFactory.getLogger(MacCounters.class);

    private static final Map<Class<? extends Block>, MacCounter> COUNTERS =
            new ConcurrentHashMap<>();
    private static final Set<Class<?>> UNKNOWN_LOGGED = ConcurrentHashMap.newKeySet();

    static {
        COUNTERS.put(Convolution.class, MacCounters::convolution);
        COUNTERS.put(Linear.class, MacCounters::linear);
        COUNTERS.put(BatchNorm.class, (block, in, out) -> elements(out));
        COUNTERS.put(LambdaBlock.class, (block, in, out) -> 0L);
        COUNTERS.put(Dropout.class, (block, in, out) -> 0L);
        COUNTERS.put(Pool2d.class, (b, in, out) -> elements(out) * window((Pool2d) b));
        // Every input element is summed into exactly one output cell when sizes divide; the
        // general case overlaps a little, which this lower bound ignores.
        COUNTERS.put(AdaptiveAvgPool2d.class, (block, in, out) -> elements(in));
        COUNTERS.put(Flatten.class, (block, in, out) -> 0L);
        COUNTERS.put(ActivationBlock.class, (block, in, out) -> 0L);
    }

    private MacCounters() {}

    /**
     * Registers the counter of a leaf block class (and of its subclasses without a counter of their
     * own); replaces an earlier counter for the same class.
     *
     * @param type the leaf block class
     * @param counter the counter
     * @throws IllegalArgumentException if an argument is null
     */
    public static void register(Class<? extends Block> type, MacCounter counter) {
        Checks.notNull("type", type);
        Checks.notNull("counter", counter);
        COUNTERS.put(type, counter);
    }

    /**
     * Counts the MACs of one walked leaf; containers count 0, their leaves hold the work.
     *
     * @param node the node
     * @return the MACs
     */
    static long count(BlockNode node) {
        if (!node.isLeaf()) {
            return 0L;
        }
        Block block = node.getBlock();
        MacCounter counter = counterOf(block.getClass());
        if (counter == null) {
            if (UNKNOWN_LOGGED.add(block.getClass())) {
                logger.debug(
                        "no MacCounter for {} (first met at {}): counted as 0 MACs",
                        block.getClass().getName(),
                        BlockPaths.display(node.getPath()));
            }
            return 0L;
        }
        long macs =
                counter.count(
                        block,
                        node.getInputShapes().toArray(new Shape[0]),
                        node.getOutputShapes().toArray(new Shape[0]));
        if (macs < 0) {
            throw new IllegalStateException(
                    "the MacCounter of "
                            + node.getType()
                            + " returned "
                            + macs
                            + " MACs for "
                            + BlockPaths.display(node.getPath()));
        }
        return macs;
    }

    private static MacCounter counterOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            MacCounter counter = COUNTERS.get(c);
            if (counter != null) {
                return counter;
            }
        }
        return null;
    }

    private static long convolution(Block block, Shape[] in, Shape[] out) {
        Convolution conv = (Convolution) block;
        long inChannels = in[0].get(1);
        return elements(out) * (inChannels / conv.getGroups()) * conv.getKernelShape().size();
    }

    private static long linear(Block block, Shape[] in, Shape[] out) {
        long inFeatures = in[0].get(in[0].dimension() - 1);
        return elements(out) * inFeatures;
    }

    private static long window(Pool2d pool) {
        return (long) pool.getKernel() * pool.getKernel();
    }

    private static long elements(Shape[] shapes) {
        return shapes[0].size();
    }
}
