/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.fasterai.core.io.AtomicFiles;
import ai.fasterai.core.util.Checks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exports a DJL network to an ONNX file: DJL cannot export a Java-built model to ONNX or
 * TorchScript, this does. Each block is written by the {@link OnnxBlockWriter} registered for its
 * class (the built-in ones cover DJL's {@code SequentialBlock}, {@code Conv2d}, {@code Linear},
 * {@code BatchNorm}, {@code Dropout} and the blocks of fasterai-core's models; other modules add
 * theirs through an {@link OnnxWriterProvider}); weights become initializers; the first input
 * dimension is a dynamic {@code batch}. DJL's {@code ParallelBlock} and {@code LambdaBlock}, whose
 * functions DJL hides, are probed on random inputs: a join that is exactly a sum or a concatenation
 * on axis 1, and a lambda that is exactly the identity, ReLU or a batch flatten are written, any
 * other is refused.
 *
 * <pre>{@code
 * OnnxExporter.builder().build().export(model, new Shape(1, 1, 32, 32), Path.of("model.onnx"));
 * }</pre>
 *
 * <p>The whole graph is built in memory before anything is written, and the file is written
 * atomically: a block that cannot be exported (the message names its path and type) or an
 * unwritable path leaves no file behind. The same model exported twice gives byte-identical files.
 */
public final class OnnxExporter {

    /** The default opset: 17 (ONNX 1.12), run by every ONNX Runtime since 1.12. */
    public static final int DEFAULT_OPSET = 17;

    /** The advice given when a DJL lambda or parallel block cannot be exported. */
    static final String VISIBLE_BLOCKS_HINT =
            "build the model from fasterai-core's visible blocks instead: Residual (for a"
                    + " ParallelBlock that adds its branches), ActivationBlock, MaxPool2d,"
                    + " AvgPool2d, AdaptiveAvgPool2d and Flatten (for DJL's lambda activations,"
                    + " pools and batchFlattenBlock)";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);
    private static final Map<Class<?>, OnnxBlockWriter<?>> WRITERS = new ConcurrentHashMap<>();
    private static volatile boolean providersLoaded;

    private final int opset;
    private final String inputName;
    private final String outputName;

    private OnnxExporter(Builder builder) {
        this.opset = builder.opset;
        this.inputName = builder.inputName;
        this.outputName = builder.outputName;
    }

    /**
     * Creates a builder: opset 17, input {@code "input"}, output {@code "output"}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a writer for a block class, replacing any earlier one.
     *
     * @param writer the writer
     * @throws IllegalArgumentException if the writer is null
     */
    public static void register(OnnxBlockWriter<?> writer) {
        Checks.notNull("writer", writer);
        WRITERS.put(writer.blockClass(), writer);
    }

    /**
     * Exports a model's network.
     *
     * @param model the model, its block initialized
     * @param inputShape one input's shape, batch included (the batch becomes dynamic)
     * @param file the .onnx file to write
     * @throws IllegalArgumentException if the model has no initialized block, the shape is not
     *     positive or does not fit the network, or a block cannot be exported; nothing is written
     * @throws IOException if the file cannot be written; no partial file is left
     */
    public void export(Model model, Shape inputShape, Path file) throws IOException {
        Checks.notNull("model", model);
        if (model.getBlock() == null) {
            throw new IllegalArgumentException("model has no block to export");
        }
        export(model.getBlock(), inputShape, file, model.getName());
    }

    /**
     * Exports a network.
     *
     * @param block the network, initialized
     * @param inputShape one input's shape, batch included (the batch becomes dynamic)
     * @param file the .onnx file to write
     * @throws IllegalArgumentException if the block is not initialized, the shape is not positive
     *     or does not fit the network, or a block cannot be exported; nothing is written
     * @throws IOException if the file cannot be written; no partial file is left
     */
    public void export(Block block, Shape inputShape, Path file) throws IOException {
        export(block, inputShape, file, "fasterai4j");
    }

    /**
     * Builds the ONNX bytes of a network without writing them.
     *
     * @param block the network, initialized
     * @param inputShape one input's shape, batch included
     * @param graphName the graph's name
     * @return the model's bytes
     * @throws IllegalArgumentException as {@link #export(Block, Shape, Path)}
     */
    public byte[] toBytes(Block block, Shape inputShape, String graphName) {
        Checks.notNull("block", block);
        Checks.notNull("inputShape", inputShape);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("block must be initialized to be exported");
        }
        long[] dims = inputShape.getShape();
        if (dims.length < 2 || Arrays.stream(dims).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException(
                    "inputShape must have a batch and at least one more dimension, all positive,"
                            + " got "
                            + inputShape);
        }
        Shape output = outputShape(block, inputShape);
        OnnxGraph graph = new OnnxGraph();
        String input = graph.setInput(inputName, Arrays.copyOfRange(dims, 1, dims.length));
        String result = write(block, "", graph, input, inputShape);
        // The output gets the requested name through an Identity node.
        String named = graph.addNode("Identity", outputName, OnnxAttributes.of(), result);
        if (!named.equals(outputName)) {
            throw new IllegalStateException(
                    "output name '" + outputName + "' clashes with a tensor name");
        }
        long[] out = output.getShape();
        graph.setOutput(named, Arrays.copyOfRange(out, 1, out.length));
        return graph.toBytes(opset, graphName, "fasterai4j");
    }

    private void export(Block block, Shape inputShape, Path file, String graphName)
            throws IOException {
        Checks.notNull("file", file);
        byte[] bytes = toBytes(block, inputShape, graphName);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Writes a block through its registered writer. */
    @SuppressWarnings("unchecked")
    String write(Block block, String path, OnnxGraph graph, String input, Shape inputShape) {
        OnnxBlockWriter<Block> writer = (OnnxBlockWriter<Block>) writerFor(block.getClass());
        if (writer == null) {
            throw cannotExport(path, block, noWriterReason(block));
        }
        return writer.write(block, new OnnxExportContext(this, graph, path), input, inputShape);
    }

    /**
     * Why a block without a writer cannot be exported. A subclass of DJL's lambda or parallel
     * blocks has no writer (writers match classes exactly), and its function may differ from what
     * the built-in writers probe for, so the hint is to build the model from visible blocks.
     */
    private static String noWriterReason(Block block) {
        if (block instanceof LambdaBlock || block instanceof ParallelBlock) {
            return "DJL's "
                    + block.getClass().getSimpleName()
                    + " hides its function and this subclass has no writer; "
                    + VISIBLE_BLOCKS_HINT;
        }
        return "no ONNX writer is registered for this block type (register one with"
                + " OnnxExporter.register or an OnnxWriterProvider)";
    }

    static OnnxBlockWriter<?> writerFor(Class<?> type) {
        if (!providersLoaded) {
            loadProviders();
        }
        return WRITERS.get(type);
    }

    static IllegalArgumentException cannotExport(String path, Block block, String why) {
        return new IllegalArgumentException(
                "cannot export block '"
                        + (path.isEmpty() ? "<root>" : path)
                        + "' ("
                        + block.getClass().getName()
                        + ") to ONNX: "
                        + why);
    }

    private static Shape outputShape(Block block, Shape inputShape) {
        try {
            Shape[] out = block.getOutputShapes(new Shape[] {inputShape});
            return out[0];
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "inputShape " + inputShape + " does not fit the network: " + e.getMessage(), e);
        }
    }

    private static synchronized void loadProviders() {
        if (providersLoaded) {
            return;
        }
        BuiltInWriters.all().forEach(w -> WRITERS.putIfAbsent(w.blockClass(), w));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Iterator<OnnxWriterProvider> providers =
                ServiceLoader.load(
                                OnnxWriterProvider.class,
                                loader == null ? OnnxExporter.class.getClassLoader() : loader)
                        .iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                providers.next().writers().forEach(w -> WRITERS.putIfAbsent(w.blockClass(), w));
            } catch (ServiceConfigurationError e) {
                LOG.warn(
                        "skipping an OnnxWriterProvider that cannot be loaded: {}", e.getMessage());
            }
        }
        providersLoaded = true;
    }

    /** Builds an {@link OnnxExporter}. */
    public static final class Builder {

        private int opset = DEFAULT_OPSET;
        private String inputName = "input";
        private String outputName = "output";

        Builder() {}

        /**
         * Sets the opset version (default 17).
         *
         * @param opset the version, 13 to 21
         * @return this builder
         */
        public Builder optOpset(int opset) {
            if (opset < 13 || opset > 21) {
                throw new IllegalArgumentException("opset must be in [13, 21], got " + opset);
            }
            this.opset = opset;
            return this;
        }

        /**
         * Sets the graph input's name (default {@code "input"}).
         *
         * @param inputName the name, not blank
         * @return this builder
         */
        public Builder optInputName(String inputName) {
            this.inputName = notBlank("inputName", inputName);
            return this;
        }

        /**
         * Sets the graph output's name (default {@code "output"}).
         *
         * @param outputName the name, not blank
         * @return this builder
         */
        public Builder optOutputName(String outputName) {
            this.outputName = notBlank("outputName", outputName);
            return this;
        }

        private static String notBlank(String name, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        name
                                + " must be a non-blank name, got "
                                + (value == null ? "null" : "'" + value + "'"));
            }
            return value;
        }

        /**
         * Builds the exporter.
         *
         * @return the exporter
         * @throws IllegalArgumentException if the input and output names are equal
         */
        public OnnxExporter build() {
            if (inputName.equals(outputName)) {
                throw new IllegalArgumentException(
                        "inputName and outputName must differ, both are '" + inputName + "'");
            }
            return new OnnxExporter(this);
        }
    }
}
