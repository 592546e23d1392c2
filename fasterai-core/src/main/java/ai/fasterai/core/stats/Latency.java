/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.util.Checks;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Times a model's forward pass for inference, as fasterbench's speed measure does: warm-up passes,
 * then timed passes, reported as median, 90th percentile, mean and standard deviation.
 *
 * <p>Every pass is the same: one input with fixed random values (made once), {@code
 * block.forward(store, input, false)} with a {@code ParameterStore(manager, false)}, then a read of
 * each output's sum, so that an asynchronous device has finished before the clock stops. Each
 * pass's arrays belong to an {@code NDManager} closed right after it. On PyTorch the thread's grad
 * mode is off while timing (and restored after), so no autograd graph is recorded even on a thread
 * where it starts on; call it outside any {@code GradientCollector}.
 *
 * <p>The reported thread count is PyTorch's intra-op thread count ({@code torch.get_num_threads()},
 * set by {@code -Dai.djl.pytorch.num_threads}); on other engines it is the JVM's available
 * processors. Fix the thread counts in benchmarks and report them.
 *
 * <pre>{@code
 * Latency latency = Latency.builder().setInputShape(new Shape(1, 3, 32, 32)).build();
 * LatencyResult result = latency.measure(block); // "median 1.23 ms (p90 1.40, ..."
 * }</pre>
 */
public final class Latency {

    /** The default number of untimed passes. */
    public static final int DEFAULT_WARMUP = 50;

    /** The default number of timed passes. */
    public static final int DEFAULT_RUNS = 200;

    // A fixed seed: every variant of a model is timed on the same input values.
    private static final long INPUT_SEED = 42L;

    private final Shape inputShape;
    private final int warmup;
    private final int runs;
    private final Device device;

    private Latency(Builder builder) {
        inputShape = builder.inputShape;
        warmup = builder.warmup;
        runs = builder.runs;
        device = builder.device;
    }

    /**
     * Starts a configuration.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the input shape, batch included.
     *
     * @return the shape
     */
    public Shape getInputShape() {
        return inputShape;
    }

    /**
     * Returns the number of untimed passes.
     *
     * @return the warm-up count
     */
    public int getWarmup() {
        return warmup;
    }

    /**
     * Returns the number of timed passes.
     *
     * @return the run count
     */
    public int getRuns() {
        return runs;
    }

    /**
     * Returns the device the input is made on.
     *
     * @return the device
     */
    public Device getDevice() {
        return device;
    }

    /**
     * Times the block's forward pass.
     *
     * @param block the model, initialized, with its parameters on (or copyable to) the device
     * @return the timings
     * @throws IllegalArgumentException if the block is null
     * @throws IllegalStateException if the block is not initialized
     */
    public LatencyResult measure(Block block) {
        BlockChecks.initialized("block", block);
        double[] millis = new double[runs];
        int threads;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Engine engine = manager.getEngine();
            NDArray input = manager.create(inputValues(), inputShape);
            ParameterStore store = new ParameterStore(manager, false);
            boolean gradMode = EngineThreads.disableGradMode(engine);
            try {
                for (int i = 0; i < warmup; i++) {
                    timeOnePass(manager, block, store, input);
                }
                for (int i = 0; i < runs; i++) {
                    millis[i] = timeOnePass(manager, block, store, input) / 1e6;
                }
            } finally {
                EngineThreads.restoreGradMode(engine, gradMode);
            }
            threads = EngineThreads.intraOpThreads(engine);
        }
        return summarize(millis, inputShape.get(0), warmup, threads, device);
    }

    /**
     * Times any inference call with this configuration's warm-up and runs, for models that do not
     * run as a DJL block (for example an ONNX Runtime session): each call runs one forward pass on
     * the configured input, given as row-major values, the same values every call.
     *
     * @param pass runs one forward pass and waits for its result
     * @param threads the intra-op threads the runtime uses, reported in the result
     * @return the timings
     * @throws IllegalArgumentException if the pass is null or threads is below 1
     */
    public LatencyResult measure(Consumer<float[]> pass, int threads) {
        Checks.notNull("pass", pass);
        Checks.atLeast("threads", threads, 1);
        float[] input = inputValues();
        for (int i = 0; i < warmup; i++) {
            pass.accept(input);
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            pass.accept(input);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return summarize(millis, inputShape.get(0), warmup, threads, device);
    }

    private static long timeOnePass(
            NDManager manager, Block block, ParameterStore store, NDArray input) {
        try (NDManager pass = manager.newSubManager()) {
            // Operations create their results on their input's manager: borrowing the input for
            // this pass puts every intermediate and output on the pass manager, freed on close.
            input.tempAttach(pass);
            long start = System.nanoTime();
            NDList outputs = block.forward(store, new NDList(input), false);
            for (NDArray output : outputs) {
                output.sum().toByteArray();
            }
            return System.nanoTime() - start;
        }
    }

    private float[] inputValues() {
        float[] values = new float[Math.toIntExact(inputShape.size())];
        Random random = new Random(INPUT_SEED);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    /**
     * Summarizes timed runs: median and 90th percentile interpolate linearly between ranks (NumPy's
     * default, commons-math's R-7), std is the population standard deviation.
     */
    static LatencyResult summarize(
            double[] millis, long batchSize, int warmup, int threads, Device device) {
        DescriptiveStatistics stats = new DescriptiveStatistics(millis);
        stats.setPercentileImpl(new Percentile().withEstimationType(Percentile.EstimationType.R_7));
        return new LatencyResult(
                stats.getPercentile(50),
                stats.getPercentile(90),
                stats.getMean(),
                Math.sqrt(stats.getPopulationVariance()),
                batchSize,
                millis.length,
                warmup,
                threads,
                device);
    }

    /** Builds a {@link Latency}; validation happens in {@link #build()}. */
    public static final class Builder {

        private Shape inputShape;
        private int warmup = DEFAULT_WARMUP;
        private int runs = DEFAULT_RUNS;
        private Device device = Device.cpu();

        private Builder() {}

        /**
         * Sets the input shape, batch first (required).
         *
         * @param inputShape e.g. {@code (1, 3, 32, 32)}; every dimension &gt;= 1
         * @return this builder
         */
        public Builder setInputShape(Shape inputShape) {
            this.inputShape = inputShape;
            return this;
        }

        /**
         * Sets the number of untimed passes before timing (default {@value #DEFAULT_WARMUP}).
         *
         * @param warmup at least 1
         * @return this builder
         */
        public Builder optWarmup(int warmup) {
            this.warmup = warmup;
            return this;
        }

        /**
         * Sets the number of timed passes (default {@value #DEFAULT_RUNS}).
         *
         * @param runs at least 1
         * @return this builder
         */
        public Builder optRuns(int runs) {
            this.runs = runs;
            return this;
        }

        /**
         * Sets the device to run on (default CPU).
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Validates the options and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first option out of range
         */
        public Latency build() {
            Checks.notNull("inputShape", inputShape);
            if (inputShape.dimension() == 0) {
                throw new IllegalArgumentException(
                        "inputShape must have a batch dimension, got " + inputShape);
            }
            if (inputShape.get(0) < 1) {
                throw new IllegalArgumentException(
                        "batch size (inputShape dimension 0) must be >= 1, got "
                                + inputShape.get(0));
            }
            for (int i = 1; i < inputShape.dimension(); i++) {
                if (inputShape.get(i) < 1) {
                    throw new IllegalArgumentException(
                            "inputShape dimension " + i + " must be >= 1, got " + inputShape);
                }
            }
            if (inputShape.size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "inputShape must hold at most "
                                + Integer.MAX_VALUE
                                + " values, got "
                                + inputShape.size());
            }
            Checks.atLeast("warmup", warmup, 1);
            Checks.atLeast("runs", runs, 1);
            Checks.notNull("device", device);
            return new Latency(this);
        }
    }
}
