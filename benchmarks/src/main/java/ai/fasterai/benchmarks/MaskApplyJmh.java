/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.sparse.Context;
import ai.fasterai.sparse.Criteria;
import ai.fasterai.sparse.Sparsifier;
import ai.fasterai.sparse.SparsifyCallback;

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

import java.util.concurrent.TimeUnit;

/**
 * JMH: the cost of re-applying sparsity masks after an optimizer step, which {@link
 * SparsifyCallback#afterStep} pays at every training step through {@link Sparsifier#applyMasks()}:
 * one in-place multiplication of each Conv2d weight by its mask, and for filter masks of the bias
 * and the next BatchNorm's scale and shift by the channel mask. The model is the walkthrough's
 * vgg16_bn (width 0.25 by default), sparsified to 50% once in setup; the masks stay fixed, as
 * between two recomputations.
 *
 * <p>Parameters: {@code granularity} ({@code filter}, the walkthrough's, or {@code weight}) and
 * {@code widthPercent} (25; 100 for torchvision's widths).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MaskApplyJmh {

    /** The mask granularity: one mask value per filter, or one per weight. */
    @Param({"filter", "weight"})
    public String granularity;

    /** The vgg16_bn width multiplier, in percent. */
    @Param({"25"})
    public int widthPercent;

    private NDManager manager;
    private Sparsifier sparsifier;

    /** Builds the model and its masks at 50% sparsity. */
    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(1);
        Block vgg = BenchSupport.vgg16(widthPercent / 100.0, 512);
        vgg.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(BenchSupport.IMAGE));
        sparsifier =
                Sparsifier.builder()
                        .setModel(vgg)
                        .optGranularity(granularity)
                        .optContext(Context.GLOBAL)
                        .optCriteria(Criteria.largeFinal())
                        .build();
        sparsifier.sparsifyModel(50);
    }

    /** Applies every mask once, as after one optimizer step. */
    @Benchmark
    public void applyMasks() {
        sparsifier.applyMasks();
    }

    /** Frees the masks, then the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        sparsifier.close();
        manager.close();
    }
}
