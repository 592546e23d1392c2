/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.core.stats.Latency;
import ai.fasterai.core.stats.LatencyResult;
import ai.fasterai.core.util.Checks;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An ONNX model run by ONNX Runtime on the CPU: one float input, one float output, as {@link
 * OnnxExporter} writes them. It wraps an {@code OrtSession} of the process-wide {@code
 * OrtEnvironment}; close it to free the session's native memory.
 *
 * <pre>{@code
 * try (OnnxModel onnx = OnnxModel.load(Path.of("model.onnx"))) {
 *     NDArray y = onnx.predict(x); // on x's manager
 *     LatencyResult speed = onnx.latency(new Shape(1, 1, 32, 32), 50, 200);
 * }
 * }</pre>
 *
 * <p>Inputs are checked against the model's declared input shape before ONNX Runtime sees them, so
 * that a wrong shape fails with a message naming both shapes rather than ONNX Runtime's node-level
 * error. Predictions may run on several threads at once (an {@code OrtSession} allows it); {@link
 * #close()} waits for running predictions, and later calls throw {@link IllegalStateException}.
 */
public final class OnnxModel implements AutoCloseable {

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final long[] inputShape;
    private final Options options;
    // Predictions hold the read lock and close the write lock: closing a session that another
    // thread is running would free native memory under it, which can crash the JVM.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxModel(
            Path file,
            OrtEnvironment env,
            OrtSession session,
            String inputName,
            String outputName,
            long[] inputShape,
            Options options) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.inputName = inputName;
        this.outputName = outputName;
        this.inputShape = inputShape;
        this.options = options;
    }

    /**
     * Loads a model with the default options (all graph optimizations, ONNX Runtime's default
     * thread counts).
     *
     * @param file the .onnx file
     * @return the model, to be closed
     * @throws IllegalArgumentException if the file does not exist or is not a loadable ONNX model
     *     with one float input and one float output
     */
    public static OnnxModel load(Path file) {
        return load(file, Options.builder().build());
    }

    /**
     * Loads a model.
     *
     * @param file the .onnx file
     * @param options the session options
     * @return the model, to be closed
     * @throws IllegalArgumentException if the file does not exist or is not a loadable ONNX model
     *     with one float input and one float output (the message names the file and gives ONNX
     *     Runtime's reason)
     */
    public static OnnxModel load(Path file, Options options) {
        Checks.notNull("file", file);
        Checks.notNull("options", options);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no ONNX model file at " + file);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions sessionOptions = options.toSessionOptions()) {
            // ONNX Runtime parses the protobuf itself and reports a corrupt or truncated file as
            // an OrtException (INVALID_PROTOBUF, INVALID_GRAPH...), not as a native crash.
            session = env.createSession(file.toString(), sessionOptions);
        } catch (OrtException e) {
            throw new IllegalArgumentException(
                    "cannot load ONNX model " + file + ": " + e.getMessage(), e);
        }
        try {
            String input = single("input", session.getInputInfo(), file);
            String output = single("output", session.getOutputInfo(), file);
            long[] shape = ((TensorInfo) session.getInputInfo().get(input).getInfo()).getShape();
            return new OnnxModel(file, env, session, input, output, shape, options);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(
                    "cannot read the inputs and outputs of ONNX model "
                            + file
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Exports a trained DJL network and loads it in ONNX Runtime in one call: the fastest way to
     * run it on a CPU measured in this project (docs/export.md). The ONNX file is written to a
     * temporary file that is deleted once ONNX Runtime has read it ({@link #getFile()} names it).
     *
     * @param model the trained model, its block initialized
     * @param inputShape one input's shape, batch included (the batch stays dynamic)
     * @param options the session options
     * @return the model, to be closed
     * @throws IllegalArgumentException if the network cannot be exported (see {@link OnnxExporter})
     *     or the model has no block
     * @throws UncheckedIOException if the temporary file cannot be written
     */
    public static OnnxModel of(Model model, Shape inputShape, Options options) {
        Checks.notNull("model", model);
        if (model.getBlock() == null) {
            throw new IllegalArgumentException("model has no block to export");
        }
        return of(model.getBlock(), inputShape, options);
    }

    /**
     * Exports a trained DJL network and loads it in ONNX Runtime in one call, as {@link #of(Model,
     * Shape, Options)}.
     *
     * @param block the trained network, initialized
     * @param inputShape one input's shape, batch included (the batch stays dynamic)
     * @param options the session options
     * @return the model, to be closed
     * @throws IllegalArgumentException if the network cannot be exported
     * @throws UncheckedIOException if the temporary file cannot be written
     */
    public static OnnxModel of(Block block, Shape inputShape, Options options) {
        Checks.notNull("options", options);
        byte[] bytes = OnnxExporter.builder().build().toBytes(block, inputShape, "fasterai4j");
        Path temp = null;
        try {
            temp = Files.createTempFile("fasterai-", ".onnx");
            Files.write(temp, bytes);
            return load(temp, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary ONNX file", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /** The name of the only input (or output), which must be a float tensor. */
    private static String single(String kind, Map<String, NodeInfo> infos, Path file) {
        if (infos.size() != 1) {
            throw new IllegalArgumentException(
                    "ONNX model "
                            + file
                            + " must have exactly one "
                            + kind
                            + ", it has "
                            + infos.keySet());
        }
        NodeInfo info = infos.values().iterator().next();
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(
                    "ONNX model "
                            + file
                            + " must have a float tensor "
                            + kind
                            + ", '"
                            + info.getName()
                            + "' is "
                            + info.getInfo());
        }
        return info.getName();
    }

    /**
     * Returns the file the model was loaded from.
     *
     * @return the path
     */
    public Path getFile() {
        return file;
    }

    /**
     * Returns the options the session was created with.
     *
     * @return the options
     */
    public Options getOptions() {
        return options;
    }

    /**
     * Returns the graph input's name.
     *
     * @return the name
     */
    public String getInputName() {
        return inputName;
    }

    /**
     * Returns the graph output's name.
     *
     * @return the name
     */
    public String getOutputName() {
        return outputName;
    }

    /**
     * Returns the input shape the model declares: -1 for a dynamic dimension (the batch, in files
     * written by {@link OnnxExporter}).
     *
     * @return a copy of the shape
     */
    public long[] getInputShape() {
        return inputShape.clone();
    }

    /**
     * Runs the model on an array: its values are read as float32 (converted if needed) and the
     * output is created on the input's manager.
     *
     * @param input the input, batch included
     * @return the output, float32, on the input's manager
     * @throws IllegalArgumentException if the input's shape does not match the model's
     * @throws IllegalStateException if the model is closed
     */
    public NDArray predict(NDArray input) {
        Checks.notNull("input", input);
        ensureOpen();
        long[] shape = input.getShape().getShape();
        checkShape(shape);
        Output out = run(floats(input), shape);
        return input.getManager().create(out.values, new Shape(out.shape));
    }

    /**
     * Runs the model on row-major values.
     *
     * @param values the input's values, row-major
     * @param shape the input's shape, batch included
     * @return the output's values, row-major
     * @throws IllegalArgumentException if the shape does not match the model's or the number of
     *     values does not match the shape
     * @throws IllegalStateException if the model is closed
     */
    public float[] predict(float[] values, long[] shape) {
        Checks.notNull("values", values);
        Checks.notNull("shape", shape);
        ensureOpen();
        checkShape(shape);
        return run(values, shape).values;
    }

    /**
     * Times the model's forward pass with {@link Latency}: {@code warmup} untimed passes, then
     * {@code runs} timed passes, on fixed random values. The result's thread count is the
     * configured intra-op thread count, or the JVM's available processors when ONNX Runtime chose
     * it (it uses the physical cores, which Java cannot query).
     *
     * @param inputShape the input's shape, batch included
     * @param warmup the number of untimed passes, at least 1
     * @param runs the number of timed passes, at least 1
     * @return the timings
     * @throws IllegalArgumentException if the shape does not match the model's or a count is below
     *     1
     * @throws IllegalStateException if the model is closed
     */
    public LatencyResult latency(Shape inputShape, int warmup, int runs) {
        Checks.notNull("inputShape", inputShape);
        ensureOpen();
        long[] dims = inputShape.getShape();
        checkShape(dims);
        Latency latency =
                Latency.builder().setInputShape(inputShape).optWarmup(warmup).optRuns(runs).build();
        int threads =
                options.intraOpThreads > 0
                        ? options.intraOpThreads
                        : Runtime.getRuntime().availableProcessors();
        return latency.measure(values -> run(values, dims), threads);
    }

    /**
     * Compares this model with a DJL block on sample inputs; see {@link OnnxVerifier}.
     *
     * @param block the network the file was exported from, initialized
     * @param samples the inputs, each an array with a batch dimension
     * @return the differences
     * @throws IllegalArgumentException if there are no samples, a sample's shape does not match the
     *     model's, or the two outputs differ in shape
     * @throws IllegalStateException if the model is closed
     */
    public VerificationResult verify(Block block, NDList samples) {
        return OnnxVerifier.verify(block, this, samples);
    }

    /**
     * Closes the session; later calls throw {@link IllegalStateException}. Closing twice does
     * nothing.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot close ONNX model " + file + ": " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Fails early on a closed model, so that its misuse is reported as such rather than as a bad
     * input; {@link #run} checks again under the lock.
     */
    void ensureOpen() {
        lock.readLock().lock();
        try {
            if (closed) {
                throw closedError();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("ONNX model " + file + " is closed");
    }

    /** Checks the rank and every fixed dimension; a dynamic one (-1) takes any positive size. */
    private void checkShape(long[] shape) {
        boolean ok = shape.length == inputShape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = shape[i] > 0 && (inputShape[i] < 0 || inputShape[i] == shape[i]);
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "input shape "
                            + Arrays.toString(shape)
                            + " does not match the ONNX model's input '"
                            + inputName
                            + "' of shape "
                            + Arrays.toString(inputShape)
                            + " (-1: any size)");
        }
    }

    private Output run(float[] values, long[] shape) {
        long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (values.length != size) {
            throw new IllegalArgumentException(
                    "input shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + size
                            + " values, got "
                            + values.length);
        }
        lock.readLock().lock();
        try {
            if (closed) {
                throw closedError();
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
                    OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                OnnxValue value = result.get(0);
                if (!(value instanceof OnnxTensor out)) {
                    throw new IllegalStateException(
                            "ONNX model " + file + " returned a " + value.getType() + " output");
                }
                FloatBuffer buffer = out.getFloatBuffer();
                float[] outValues = new float[buffer.remaining()];
                buffer.get(outValues);
                return new Output(outValues, out.getInfo().getShape());
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed to run " + file + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * An array's values as float32; a converted copy is closed at once, not left on its manager.
     */
    static float[] floats(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        try (NDArray converted = array.toType(DataType.FLOAT32, false)) {
            return converted.toFloatArray();
        }
    }

    /** Runs on values whose shape is checked first, returning the output's values and shape. */
    Output predictWithShape(float[] values, long[] shape) {
        ensureOpen();
        checkShape(shape);
        return run(values, shape);
    }

    /** An output's row-major values and shape. */
    record Output(float[] values, long[] shape) {}

    /** How ONNX Runtime optimizes the graph when loading it. */
    public enum OptLevel {
        /** No graph optimization: the graph runs as written. */
        NONE(OrtSession.SessionOptions.OptLevel.NO_OPT),
        /** Semantics-preserving rewrites such as constant folding and redundant node removal. */
        BASIC(OrtSession.SessionOptions.OptLevel.BASIC_OPT),
        /** Basic plus node fusions (e.g. Conv with an activation). */
        EXTENDED(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT),
        /** Everything, layout optimizations included: ONNX Runtime's default. */
        ALL(OrtSession.SessionOptions.OptLevel.ALL_OPT);

        private final OrtSession.SessionOptions.OptLevel ort;

        OptLevel(OrtSession.SessionOptions.OptLevel ort) {
            this.ort = ort;
        }
    }

    /** The session options of an {@link OnnxModel}. */
    public static final class Options {

        private final OptLevel optimizationLevel;
        private final int intraOpThreads;
        private final int interOpThreads;

        private Options(Builder builder) {
            optimizationLevel = builder.optimizationLevel;
            intraOpThreads = builder.intraOpThreads;
            interOpThreads = builder.interOpThreads;
        }

        /**
         * Starts a configuration: {@link OptLevel#ALL}, ONNX Runtime's default thread counts.
         *
         * @return a builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Returns the graph optimization level.
         *
         * @return the level
         */
        public OptLevel getOptimizationLevel() {
            return optimizationLevel;
        }

        /**
         * Returns the intra-op thread count, 0 for ONNX Runtime's default.
         *
         * @return the count
         */
        public int getIntraOpThreads() {
            return intraOpThreads;
        }

        /**
         * Returns the inter-op thread count, 0 for ONNX Runtime's default.
         *
         * @return the count
         */
        public int getInterOpThreads() {
            return interOpThreads;
        }

        /** A new {@code SessionOptions}, to be closed by the caller. */
        OrtSession.SessionOptions toSessionOptions() throws OrtException {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            try {
                options.setOptimizationLevel(optimizationLevel.ort);
                // 0 is ONNX Runtime's own "choose for me"; setting it explicitly is the same.
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(interOpThreads);
                return options;
            } catch (OrtException | RuntimeException e) {
                options.close();
                throw e;
            }
        }

        @Override
        public String toString() {
            return "Options[optimizationLevel="
                    + optimizationLevel
                    + ", intraOpThreads="
                    + intraOpThreads
                    + ", interOpThreads="
                    + interOpThreads
                    + "]";
        }

        /** Builds {@link Options}. */
        public static final class Builder {

            private OptLevel optimizationLevel = OptLevel.ALL;
            private int intraOpThreads;
            private int interOpThreads;

            private Builder() {}

            /**
             * Sets the graph optimization level (default {@link OptLevel#ALL}).
             *
             * @param level the level
             * @return this builder
             */
            public Builder optOptimizationLevel(OptLevel level) {
                this.optimizationLevel = Checks.notNull("level", level);
                return this;
            }

            /**
             * Sets the threads one operator may use (default 0: ONNX Runtime's default, one per
             * physical core). Fix it in benchmarks.
             *
             * @param threads 0 or more
             * @return this builder
             */
            public Builder optIntraOpThreads(int threads) {
                this.intraOpThreads = Checks.atLeast("intraOpThreads", threads, 0);
                return this;
            }

            /**
             * Sets the threads that run independent operators in parallel (default 0: ONNX
             * Runtime's default; it only matters in parallel execution mode, not the default
             * sequential one).
             *
             * @param threads 0 or more
             * @return this builder
             */
            public Builder optInterOpThreads(int threads) {
                this.interOpThreads = Checks.atLeast("interOpThreads", threads, 0);
                return this;
            }

            /**
             * Builds the options.
             *
             * @return the options
             */
            public Options build() {
                return new Options(this);
            }
        }
    }
}
