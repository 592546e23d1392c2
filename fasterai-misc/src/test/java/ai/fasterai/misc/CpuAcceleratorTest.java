/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.nn.NoGrad;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

/** {@link CpuAccelerator}: same outputs on a worker thread, options, refusals. */
class CpuAcceleratorTest {

    @Test
    void acceleratedModelPredictsTheSameOnAWorkerThread() throws Exception {
        try (Model model = Model.newInstance("vgg")) {
            Engine.getInstance().setRandomSeed(3);
            Block vgg =
                    Vgg.builder()
                            .setDepth(11)
                            .optInChannels(1)
                            .optNumClasses(10)
                            .optWidthMultiplier(0.125)
                            .optClassifierWidth(32)
                            .optPooledSize(1)
                            .build();
            vgg.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 32, 32));
            model.setBlock(vgg);
            NDManager manager = model.getNDManager();
            NDArray x = manager.randomUniform(0, 1, new Shape(4, 1, 32, 32));
            try (AcceleratedModel fast = CpuAccelerator.builder().build().accelerate(model)) {
                assertEquals(8, fast.getFoldResult().getFolded().size());
                assertSame(fast.getBlock(), fast.getModel().getBlock());
                // A new thread starts with grad mode on, as a server's worker threads do.
                CompletableFuture<NDArray[]> outputs =
                        CompletableFuture.supplyAsync(
                                () -> {
                                    assertTrue(NoGrad.isGradEnabled());
                                    NDArray plain =
                                            vgg.forward(
                                                            new ParameterStore(manager, false),
                                                            new NDList(x),
                                                            false)
                                                    .head();
                                    NDArray accelerated = fast.predict(new NDList(x)).head();
                                    assertTrue(NoGrad.isGradEnabled(), "grad mode restored");
                                    return new NDArray[] {plain, accelerated};
                                });
                NDArray[] out = outputs.get();
                float scale = out[0].abs().max().getFloat();
                assertTrue(out[0].sub(out[1]).abs().max().getFloat() <= 1e-5f * scale);
            }
            // The input model is untouched and its block still runs.
            assertSame(vgg, model.getBlock());
        }
    }

    @Test
    void optionsAndRefusals() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block vgg =
                    Vgg.builder()
                            .setDepth(11)
                            .optInChannels(1)
                            .optNumClasses(10)
                            .optWidthMultiplier(0.125)
                            .optClassifierWidth(32)
                            .optPooledSize(1)
                            .build();
            vgg.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 32, 32));
            int threads = JniUtils.getNumThreads();
            try {
                AcceleratedModel same =
                        CpuAccelerator.builder()
                                .optFoldBatchNorm(false)
                                .optIntraOpThreads(1)
                                .build()
                                .accelerate(vgg, manager);
                assertSame(vgg, same.getBlock());
                assertNull(same.getFoldResult());
                assertEquals(1, JniUtils.getNumThreads());
            } finally {
                JniUtils.setNumThreads(threads);
            }
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> CpuAccelerator.builder().optIntraOpThreads(0));
            assertEquals("intraOpThreads must be >= 1, got 0", e.getMessage());
            AcceleratedModel fast = CpuAccelerator.builder().build().accelerate(vgg, manager);
            e = assertThrows(IllegalArgumentException.class, () -> fast.predict(new NDList()));
            assertTrue(e.getMessage().startsWith("input must hold"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> CpuAccelerator.builder().build().accelerate((Model) null));
        }
    }
}
