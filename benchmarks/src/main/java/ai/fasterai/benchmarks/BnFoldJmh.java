/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.fasterai.misc.BNFolder;

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
 * JMH: the wall time of {@link BNFolder#fold(Block, NDManager)} on the walkthrough's vgg16_bn
 * (depth 16, 1 input channel, width 0.25, classifier 512, pooled size 1; random weights): copying
 * the network and folding its 13 BatchNorms into their convolutions. Each call folds into a fresh
 * sub-manager that is closed right after, so the figure includes freeing the copy, as a caller who
 * folds once and discards would pay.
 *
 * <p>Parameter: {@code widthPercent} (25; 100 for torchvision's widths).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BnFoldJmh {

    /** The vgg16_bn width multiplier, in percent. */
    @Param({"25"})
    public int widthPercent;

    private NDManager manager;
    private Block vgg;

    /** Builds the model. */
    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(1);
        vgg = BenchSupport.vgg16(widthPercent / 100.0, 512);
        vgg.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(BenchSupport.IMAGE));
    }

    /**
     * Folds the model once.
     *
     * @return the number of BatchNorms folded, returned so that the call is not optimized away
     */
    @Benchmark
    public int fold() {
        try (NDManager scope = manager.newSubManager()) {
            return BNFolder.fold(vgg, scope).getFolded().size();
        }
    }

    /** Frees the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
