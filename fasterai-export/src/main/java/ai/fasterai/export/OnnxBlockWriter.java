/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Writes one kind of block into an {@link OnnxGraph}: the extension point through which a module
 * teaches the exporter its own blocks (fasterai-quantize registers its quantized layers this way).
 * Writers are listed by an {@link OnnxWriterProvider} found with {@link java.util.ServiceLoader},
 * or registered with {@link OnnxExporter#register}.
 *
 * @param <B> the block class written, matched exactly
 */
public interface OnnxBlockWriter<B extends Block> {

    /**
     * Returns the exact block class this writer handles.
     *
     * @return the block class
     */
    Class<B> blockClass();

    /**
     * Adds the block's computation to the graph.
     *
     * @param block the block, initialized
     * @param context the graph, the block's path and a way to write child blocks
     * @param input the name of the tensor the block reads
     * @param inputShape the input's shape, batch included
     * @return the name of the tensor the block produces
     * @throws IllegalArgumentException if this block's settings cannot be expressed in ONNX (the
     *     message says why)
     */
    String write(B block, OnnxExportContext context, String input, Shape inputShape);
}
