/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.export.OnnxExporter;
import ai.fasterai.export.OnnxModel;
import ai.fasterai.misc.BNFolder;
import ai.fasterai.misc.FCDecomposer;
import ai.fasterai.prune.Pruner;
import ai.fasterai.quantize.QuantMethod;
import ai.fasterai.quantize.Quantizer;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;
import ai.fasterai.sparse.Sparsifier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * JMH: one forward pass (batch 1 by default) of each stage of the walkthrough's compression
 * pipeline, on the walkthrough's vgg16_bn (width 0.25, classifier 512, 1x32x32) with random
 * weights. The stages are cumulative, as in the walkthrough: each one starts from the previous
 * one's model.
 *
 * <ol>
 *   <li>{@code djl-fp32}: the dense model in DJL, the baseline;
 *   <li>{@code djl-zeroed}: 50% of the filters zeroed ({@link Sparsifier}, filter granularity,
 *       global, {@code large_final}, kept widths in multiples of 16): same shapes, so the same
 *       work;
 *   <li>{@code djl-pruned}: those filters removed ({@link Pruner#pruneZeroGroups()});
 *   <li>{@code djl-folded}: BatchNorm folded ({@link BNFolder});
 *   <li>{@code djl-decomposed}: the classifier's Linear layers split by SVD ({@link FCDecomposer},
 *       its default of half the singular values removed);
 *   <li>{@code djl-int8-simulated}: static int8 quantization ({@link Quantizer}, calibrated on 64
 *       random images) run in DJL, which simulates int8 in fp32 (quantize-dequantize);
 *   <li>{@code ort-fp32}: the decomposed model exported ({@link OnnxExporter}) and run by ONNX
 *       Runtime ({@link OnnxModel});
 *   <li>{@code ort-int8}: the quantized model exported as a QDQ graph, run by ONNX Runtime's int8
 *       kernels.
 * </ol>
 *
 * <p>DJL passes run with gradient recording off and free their intermediates after each call, as
 * {@code Latency} does; ONNX Runtime uses as many intra-op threads as PyTorch ({@code
 * -Dai.djl.pytorch.num_threads}, else the available processors). Random weights say nothing about
 * accuracy; only the times are meaningful.
 *
 * <p>Parameters: {@code stage} (above), {@code batch} (1), {@code widthPercent} (25).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StageForwardJmh {

    /** The stages in the walkthrough's order; each builds on the one before. */
    static final List<String> STAGES =
            List.of(
                    "djl-fp32",
                    "djl-zeroed",
                    "djl-pruned",
                    "djl-folded",
                    "djl-decomposed",
                    "djl-int8-simulated",
                    "ort-fp32",
                    "ort-int8");

    /** The stage to time, one of {@link #STAGES}. */
    @Param({
        "djl-fp32",
        "djl-zeroed",
        "djl-pruned",
        "djl-folded",
        "djl-decomposed",
        "djl-int8-simulated",
        "ort-fp32",
        "ort-int8"
    })
    public String stage;

    /** The batch size of the timed forward. */
    @Param({"1"})
    public int batch;

    /** The vgg16_bn width multiplier, in percent. */
    @Param({"25"})
    public int widthPercent;

    private NDManager manager;
    private Block block;
    private ParameterStore store;
    private NDArray input;
    private float[] values;
    private long[] shape;
    private Path file;
    private OnnxModel onnx;

    /**
     * Builds the stage's model from the dense one through every earlier stage.
     *
     * @throws IOException if the ONNX file cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int order = STAGES.indexOf(stage);
        if (order < 0) {
            throw new IllegalArgumentException("stage must be one of " + STAGES);
        }
        manager = NDManager.newBaseManager();
        Shape one = new Shape(1).addAll(BenchSupport.IMAGE);
        Engine.getInstance().setRandomSeed(1);
        block = BenchSupport.vgg16(widthPercent / 100.0, 512);
        block.initialize(manager, DataType.FLOAT32, one);
        if (order >= 1) {
            // The model keeps its zeroed weights when the sparsifier frees its masks.
            try (Sparsifier sparsifier =
                    Sparsifier.builder()
                            .setModel(block)
                            .optGranularity("filter")
                            .optContext(Context.GLOBAL)
                            .optCriteria(Criteria.largeFinal())
                            .build()) {
                // Kept widths in multiples of 16, as the walkthrough: PyTorch 2.7.1's CPU
                // convolutions gave NaN now and then for other widths on an AVX-512 machine.
                sparsifier.sparsifyModel(50, 16);
            }
        }
        if (order >= 2) {
            Pruner.builder()
                    .setModel(block)
                    .optInputShape(one)
                    .optRoundTo(16)
                    .build()
                    .pruneZeroGroups();
        }
        if (order >= 3) {
            block = BNFolder.fold(block, manager).getBlock();
        }
        if (order >= 4) {
            block = FCDecomposer.builder().build().decompose(block, manager).getBlock();
        }
        if (stage.endsWith("int8") || stage.equals("djl-int8-simulated")) {
            NDList calibration =
                    new NDList(
                            manager.randomUniform(0, 1, new Shape(64).addAll(BenchSupport.IMAGE)));
            checkFinite(calibration);
            block =
                    Quantizer.builder()
                            .setMethod(QuantMethod.STATIC)
                            .optCalibrationData(List.of(calibration))
                            .build()
                            .quantize(block, manager)
                            .getBlock();
        }
        shape = new Shape(batch).addAll(BenchSupport.IMAGE).getShape();
        values = new float[Math.toIntExact(new Shape(shape).size())];
        Random random = new Random(42);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        if (stage.startsWith("ort")) {
            file = Files.createTempFile("stage-" + stage, ".onnx");
            OnnxExporter.builder().build().export(block, new Shape(shape), file);
            onnx =
                    OnnxModel.load(
                            file,
                            OnnxModel.Options.builder()
                                    .optIntraOpThreads(BenchSupport.engineThreads())
                                    .build());
        } else {
            input = manager.create(values, new Shape(shape));
            store = new ParameterStore(manager, false);
        }
    }

    /**
     * Fails with the reason when the model to quantize gives non-finite outputs: the quantizer
     * would otherwise stop on a NaN range with no hint of where it came from. Seen intermittently
     * after {@link Pruner#pruneZeroGroups()} on random weights.
     */
    private void checkFinite(NDList calibration) {
        try (NDManager scope = manager.newSubManager();
                NoGrad ignored = NoGrad.enter()) {
            NDArray x = calibration.head().duplicate();
            x.attach(scope);
            NDArray y =
                    block.forward(new ParameterStore(scope, false), new NDList(x), false).head();
            if (!y.isInfinite().logicalOr(y.isNaN()).any().getBoolean()) {
                return;
            }
        }
        throw new IllegalStateException(
                "the decomposed model gives non-finite outputs on the calibration images;"
                        + " cannot calibrate stage "
                        + stage);
    }

    /**
     * Runs one forward pass and reads its output.
     *
     * @return the output's first value, returned so that the pass is not optimized away
     */
    @Benchmark
    public float forward() {
        if (onnx != null) {
            return onnx.predict(values, shape)[0];
        }
        try (NDManager pass = manager.newSubManager();
                NoGrad ignored = NoGrad.enter()) {
            // Results are created on their input's manager: borrowing the input for this pass
            // frees every intermediate when the pass manager closes.
            input.tempAttach(pass);
            return block.forward(store, new NDList(input), false).head().toFloatArray()[0];
        }
    }

    /**
     * Closes the ONNX Runtime session, deletes its file and frees the models.
     *
     * @throws IOException if the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (onnx != null) {
            onnx.close();
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
        manager.close();
    }
}
