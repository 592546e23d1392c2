/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.fasterai.core.model.MobileNetV2;
import ai.fasterai.core.model.ResNetCifar;
import ai.fasterai.core.model.Vgg;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.AdaptiveAvgPool2d;
import ai.fasterai.core.nn.AvgPool2d;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.nn.Residual;
import ai.fasterai.misc.BNFolder;
import ai.fasterai.misc.ConvDecomposer;
import ai.fasterai.misc.DecomposeResult;
import ai.fasterai.misc.FCDecomposer;
import ai.fasterai.misc.FoldResult;
import ai.fasterai.prune.PruneReport;
import ai.fasterai.prune.Pruner;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@link OnnxExporter}: the project's networks, and the outputs of its transforms, exported and run
 * in ONNX Runtime give DJL's inference outputs at batch 1 and 8; bad input is refused before
 * anything is written.
 */
class OnnxExporterTest {

    private static final Shape SAMPLE = new Shape(1, 32, 32);
    private static final double TOLERANCE = 1e-4;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private NDManager manager;

    @TempDir Path dir;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(7);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    // ---- the project's networks ----

    @Test
    void vgg16BnMatches() throws Exception {
        assertMatchesOrt("vgg16_bn", initialized(smallVgg(), SAMPLE), SAMPLE);
    }

    @Test
    void resnet20Matches() throws Exception {
        assertMatchesOrt("resnet20", initialized(smallResNet20(), SAMPLE), SAMPLE);
    }

    @Test
    void mobileNetV2Matches() throws Exception {
        Block net =
                MobileNetV2.builder()
                        .optInChannels(1)
                        .optNumClasses(10)
                        .optWidthMultiplier(0.25)
                        .optSmallInput(true)
                        .build();
        assertMatchesOrt("mobilenet_v2", initialized(net, SAMPLE), SAMPLE);
    }

    @Test
    void oneCallExportsAndLoadsAModel() {
        Block net = initialized(smallVgg(), SAMPLE);
        NDArray x = manager.randomUniform(0, 1, new Shape(8).addAll(SAMPLE));
        try (Model model = Model.newInstance("vgg")) {
            model.setBlock(net);
            try (OnnxModel onnx =
                    OnnxModel.of(model, withBatch(SAMPLE), OnnxModel.Options.builder().build())) {
                assertFalse(Files.exists(onnx.getFile()), "the temporary file is removed");
                VerificationResult check = onnx.verify(net, new NDList(x));
                assertTrue(check.getMaxAbsDiff() <= 1e-4, check.toString());
            }
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    OnnxModel.of(
                                            model,
                                            new Shape(1, 3, 32, 32),
                                            OnnxModel.Options.builder().build()));
            assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
        }
    }

    // ---- the outputs of the other modules' transforms ----

    @Test
    void bnFoldedResNet20MatchesWithoutBatchNormalization() throws Exception {
        Block net = initialized(smallResNet20(), SAMPLE);
        FoldResult fold = BNFolder.fold(net, manager);
        assertFalse(fold.getFolded().isEmpty(), fold.toString());
        Block folded = fold.getBlock();
        assertMatchesOrt("resnet20_folded", folded, SAMPLE);
        byte[] bytes = OnnxExporter.builder().build().toBytes(folded, withBatch(SAMPLE), "f");
        assertFalse(ascii(bytes).contains("BatchNormalization"), "a BatchNorm is left");
        byte[] original = OnnxExporter.builder().build().toBytes(net, withBatch(SAMPLE), "o");
        assertTrue(ascii(original).contains("BatchNormalization"));
    }

    @Test
    void prunedVgg16BnMatches() throws Exception {
        Block net = initialized(smallVgg(), SAMPLE);
        PruneReport report =
                Pruner.builder().setModel(net).optInputShape(withBatch(SAMPLE)).build().prune(40);
        assertTrue(report.getRemoved() > 0, report.toString());
        assertMatchesOrt("vgg16_bn_pruned", net, SAMPLE);
    }

    @Test
    void prunedResNet20Matches() throws Exception {
        Block net = initialized(smallResNet20(), SAMPLE);
        PruneReport report =
                Pruner.builder().setModel(net).optInputShape(withBatch(SAMPLE)).build().prune(30);
        assertTrue(report.getRemoved() > 0, report.toString());
        assertMatchesOrt("resnet20_pruned", net, SAMPLE);
    }

    @Test
    void fcDecomposedVggMatches() throws Exception {
        Block net = initialized(smallVgg(), SAMPLE);
        DecomposeResult result = FCDecomposer.builder().optRank(4).build().decompose(net, manager);
        assertFalse(result.getDecomposed().isEmpty(), result.toString());
        assertMatchesOrt("vgg16_bn_fc_decomposed", result.getBlock(), SAMPLE);
    }

    @Test
    void svdConvDecomposedResNet20Matches() throws Exception {
        Block net = initialized(smallResNet20(), SAMPLE);
        DecomposeResult result =
                ConvDecomposer.builder()
                        .optMethod(ConvDecomposer.Method.SVD)
                        .build()
                        .decompose(net, manager);
        assertFalse(result.getDecomposed().isEmpty(), result.toString());
        assertMatchesOrt("resnet20_svd", result.getBlock(), SAMPLE);
    }

    @Test
    void tuckerConvDecomposedVggMatches() throws Exception {
        Block net = initialized(smallVgg(), SAMPLE);
        DecomposeResult result =
                ConvDecomposer.builder()
                        .optMethod(ConvDecomposer.Method.TUCKER)
                        .build()
                        .decompose(net, manager);
        assertFalse(result.getDecomposed().isEmpty(), result.toString());
        assertMatchesOrt("vgg16_bn_tucker", result.getBlock(), SAMPLE);
    }

    // ---- every block setting ----

    /**
     * Every activation kind, both pools with padding (max: padded cells never win; average: they
     * count in the divisor), a grouped, dilated, strided conv with a non-square kernel and unequal
     * padding (a swapped pads order would show), a BatchNorm without scale and shift, adaptive
     * pooling by an AveragePool, a Linear on a rank-4 input, both kinds of Residual, Dropout.
     */
    @Test
    void everyActivationPoolAndLayerSettingMatches() throws Exception {
        Shape sample = new Shape(1, 16, 16);
        SequentialBlock net =
                new SequentialBlock()
                        .add(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(3, 5))
                                        .optPadding(new Shape(1, 2))
                                        .setFilters(6)
                                        .build())
                        .add(BatchNorm.builder().optEpsilon(0.1f).build())
                        .add(ActivationBlock.relu())
                        .add(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(3, 3))
                                        .optStride(new Shape(2, 1))
                                        .optPadding(new Shape(2, 2))
                                        .optDilation(new Shape(2, 2))
                                        .optGroups(2)
                                        .optBias(false)
                                        .setFilters(6)
                                        .build())
                        .add(BatchNorm.builder().optScale(false).optCenter(false).build())
                        .add(ActivationBlock.relu6())
                        .add(MaxPool2d.builder().setKernel(3).optStride(2).optPadding(1).build())
                        .add(conv3x3(8))
                        .add(ActivationBlock.sigmoid())
                        .add(AvgPool2d.builder().setKernel(3).optStride(1).optPadding(1).build())
                        .add(conv3x3(8))
                        .add(ActivationBlock.tanh())
                        .add(
                                Residual.builder()
                                        .setMain(
                                                new SequentialBlock()
                                                        .add(conv3x3(8))
                                                        .add(ActivationBlock.gelu())
                                                        .add(conv3x3(8)))
                                        .build())
                        .add(
                                Residual.builder()
                                        .setMain(conv3x3(4))
                                        .optShortcut(
                                                Conv2d.builder()
                                                        .setKernelShape(new Shape(1, 1))
                                                        .setFilters(4)
                                                        .build())
                                        .optActivation(ActivationBlock.gelu())
                                        .build())
                        .add(ActivationBlock.identity())
                        .add(AdaptiveAvgPool2d.of(2))
                        .add(Linear.builder().setUnits(5).build())
                        .add(ActivationBlock.relu())
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(16).build())
                        .add(Dropout.builder().optRate(0.5f).build())
                        .add(ActivationBlock.relu6())
                        .add(Linear.builder().setUnits(3).optBias(false).build());
        initialized(net, sample);
        // Large inputs so that ReLU6 clips and the sigmoid and tanh saturate somewhere.
        assertMatchesOrt("every_setting", net, sample, OnnxExporter.builder().build(), 6f);
    }

    @Test
    void lowestAndHighestOpsetsRunInOnnxRuntime() throws Exception {
        Shape sample = new Shape(1, 8, 8);
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv3x3(4))
                        .add(BatchNorm.builder().build())
                        .add(ActivationBlock.relu6())
                        .add(ActivationBlock.gelu())
                        .add(AvgPool2d.of(2))
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(3).build());
        initialized(net, sample);
        for (int opset : new int[] {13, 21}) {
            OnnxExporter exporter = OnnxExporter.builder().optOpset(opset).build();
            assertMatchesOrt("opset" + opset, net, sample, exporter, 1f);
        }
        assertEquals(8, OnnxGraph.irVersion(13));
        assertEquals(8, OnnxGraph.irVersion(18));
        assertEquals(9, OnnxGraph.irVersion(20));
        assertEquals(10, OnnxGraph.irVersion(21));
    }

    @Test
    void modelIsExportedWithItsInputAndOutputNames() throws Exception {
        Shape sample = new Shape(1, 8, 8);
        try (Model model = Model.newInstance("tiny")) {
            model.setBlock(
                    new SequentialBlock()
                            .add(conv3x3(2))
                            .add(AdaptiveAvgPool2d.of(1))
                            .add(new Flatten()));
            model.getBlock().initialize(manager, DataType.FLOAT32, withBatch(sample));
            Path file = dir.resolve("tiny.onnx");
            OnnxExporter.builder()
                    .optInputName("pixels")
                    .optOutputName("logits")
                    .build()
                    .export(model, withBatch(sample), file);
            try (OrtSession session = env.createSession(file.toString(), options())) {
                assertEquals(List.of("pixels"), List.copyOf(session.getInputNames()));
                assertEquals(List.of("logits"), List.copyOf(session.getOutputNames()));
            }
        }
        try (Model empty = Model.newInstance("empty")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    OnnxExporter.builder()
                                            .build()
                                            .export(empty, withBatch(sample), dir.resolve("e")));
            assertEquals("model has no block to export", e.getMessage());
        }
    }

    @Test
    void sameModelTwiceGivesIdenticalBytes() throws Exception {
        Block net = initialized(smallResNet20(), SAMPLE);
        OnnxExporter exporter = OnnxExporter.builder().build();
        Path first = dir.resolve("first.onnx");
        Path second = dir.resolve("second.onnx");
        exporter.export(net, withBatch(SAMPLE), first);
        exporter.export(net, withBatch(SAMPLE), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        // The batch of the example shape does not matter: it becomes the dynamic dimension.
        assertArrayEquals(
                Files.readAllBytes(first),
                exporter.toBytes(net, new Shape(4, 1, 32, 32), "fasterai4j"));
    }

    // ---- DJL's parallel and lambda blocks, probed ----

    /**
     * DJL-style blocks: a residual unit as a ParallelBlock summing a conv branch and an identity
     * lambda, followed by a ReLU lambda; a ParallelBlock concatenating two conv branches on axis 1;
     * a three-branch sum; DJL's batch flatten before a Linear.
     */
    @Test
    void djlParallelAndLambdaBlocksMatch() throws Exception {
        Shape sample = new Shape(2, 8, 8);
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv3x3(4))
                        .add(
                                new ParallelBlock(
                                        list -> new NDList(sum(list)),
                                        List.of(
                                                new SequentialBlock()
                                                        .add(conv3x3(4))
                                                        .add(Activation.reluBlock())
                                                        .add(conv3x3(4)),
                                                new LambdaBlock(x -> x))))
                        .add(new LambdaBlock(Activation::relu))
                        .add(
                                new ParallelBlock(
                                        list ->
                                                new NDList(
                                                        NDArrays.concat(
                                                                new NDList(
                                                                        list.get(0).head(),
                                                                        list.get(1).head()),
                                                                1)),
                                        List.of(conv3x3(3), conv3x3(5))))
                        .add(
                                new ParallelBlock(
                                        list -> new NDList(sum(list)),
                                        List.of(conv3x3(2), conv3x3(2), conv3x3(2))))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(5).build());
        initialized(net, sample);
        assertMatchesOrt("djl_parallel_lambda", net, sample);
        String graph = ascii(OnnxExporter.builder().build().toBytes(net, withBatch(sample), "g"));
        assertTrue(graph.contains("Concat"), "a Concat node");
        assertTrue(graph.contains("Flatten"), "a Flatten node");
        assertTrue(graph.contains("Relu"), "a Relu node");
    }

    // ---- refusals ----

    @Test
    void lambdaBlockIsRefusedWithItsPathAndTypeAndNothingIsWritten() throws Exception {
        Shape sample = new Shape(1, 8, 8);
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv3x3(2))
                        .add(new LambdaBlock(x -> new NDList(x.head().mul(2).add(1))))
                        .add(Linear.builder().setUnits(3).build());
        initialized(net, sample);
        Path folder = Files.createDirectories(dir.resolve("out"));
        Path file = folder.resolve("model.onnx");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxExporter.builder().build().export(net, withBatch(sample), file));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "cannot export block '02LambdaBlock' ("
                                        + LambdaBlock.class.getName()
                                        + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
        assertEmpty(folder);

        // Nested, a lambda is named by its full path; a sigmoid is not guessed either.
        SequentialBlock nested =
                new SequentialBlock()
                        .add(conv3x3(2))
                        .add(new SequentialBlock().add(new LambdaBlock(Activation::sigmoid)));
        initialized(nested, sample);
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                OnnxExporter.builder()
                                        .build()
                                        .export(nested, withBatch(sample), file));
        assertTrue(e.getMessage().contains("'02SequentialBlock/01LambdaBlock'"), e.getMessage());
        assertEmpty(folder);
    }

    @Test
    void parallelBlockIsRefusedWithAHintTowardsResidual() throws Exception {
        Shape sample = new Shape(1, 8, 8);
        SequentialBlock net =
                new SequentialBlock()
                        .add(
                                new ParallelBlock(
                                        list ->
                                                new NDList(
                                                        list.get(0).head().mul(list.get(1).head())),
                                        List.of(conv3x3(2), conv3x3(2))));
        initialized(net, sample);
        Path file = dir.resolve("parallel.onnx");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxExporter.builder().build().export(net, withBatch(sample), file));
        assertTrue(
                e.getMessage().contains("'01ParallelBlock' (" + ParallelBlock.class.getName()),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "its join is neither an element-wise sum nor a concatenation on"
                                        + " axis 1 (probed on random inputs)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Residual"), e.getMessage());
        assertEmpty(dir);
    }

    /**
     * A join that adds its branches and then applies a ReLU is not a plain sum: writing an {@code
     * Add} would silently drop the ReLU. Nested, it is named by its full path.
     */
    @Test
    void addThenReluJoinIsRefusedAndNothingIsWritten() throws Exception {
        Shape sample = new Shape(1, 8, 8);
        SequentialBlock net =
                new SequentialBlock()
                        .add(conv3x3(2))
                        .add(
                                new SequentialBlock()
                                        .add(
                                                new ParallelBlock(
                                                        list ->
                                                                new NDList(
                                                                        Activation.relu(sum(list))),
                                                        List.of(
                                                                conv3x3(2),
                                                                new LambdaBlock(x -> x)))));
        initialized(net, sample);
        Path file = dir.resolve("add_relu.onnx");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxExporter.builder().build().export(net, withBatch(sample), file));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "cannot export block '02SequentialBlock/01ParallelBlock' ("
                                        + ParallelBlock.class.getName()
                                        + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("neither an element-wise sum"), e.getMessage());
        assertEmpty(dir);
    }

    @Test
    void adaptivePoolingWithUnevenWindowsIsRefused() throws Exception {
        Shape sample = new Shape(1, 8, 8);
        SequentialBlock net = new SequentialBlock().add(conv3x3(2)).add(AdaptiveAvgPool2d.of(3));
        initialized(net, sample);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxExporter.builder().build().toBytes(net, withBatch(sample), "n"));
        assertTrue(e.getMessage().contains("'02AdaptiveAvgPool2d'"), e.getMessage());
        assertTrue(e.getMessage().contains("from 8x8 to 3x3"), e.getMessage());
    }

    @Test
    void badShapesAreRefusedNamingTheValue() {
        Block net = initialized(smallVgg(), SAMPLE);
        OnnxExporter exporter = OnnxExporter.builder().build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> exporter.toBytes(net, new Shape(1, 1, 0, 32), "n"));
        assertTrue(e.getMessage().contains("(1, 1, 0, 32)"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> exporter.toBytes(net, new Shape(-1, 1, 32, 32), "n"));
        assertTrue(e.getMessage().contains("(-1, 1, 32, 32)"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> exporter.toBytes(net, new Shape(32), "n"));
        assertTrue(e.getMessage().contains("(32)"), e.getMessage());
        // Three channels into a one-channel network: DJL's shape inference does not notice.
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> exporter.toBytes(net, new Shape(1, 3, 32, 32), "n"));
        assertTrue(e.getMessage().contains("(1, 3, 32, 32)"), e.getMessage());
        assertTrue(e.getMessage().contains("has 3 channels"), e.getMessage());
        assertTrue(e.getMessage().contains("expect 1"), e.getMessage());
        // Too small for VGG's five 2x2 max pools.
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> exporter.toBytes(net, new Shape(1, 1, 8, 8), "n"));
        assertTrue(e.getMessage().contains("(1, 1, 8, 8)"), e.getMessage());
    }

    @Test
    void wrongFeatureCountOfALinearIsRefused() {
        Shape sample = new Shape(1, 4, 4);
        SequentialBlock net =
                new SequentialBlock().add(new Flatten()).add(Linear.builder().setUnits(3).build());
        initialized(net, sample);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                OnnxExporter.builder()
                                        .build()
                                        .toBytes(net, new Shape(1, 1, 5, 4), "n"));
        assertTrue(e.getMessage().contains("'02Linear'"), e.getMessage());
        assertTrue(e.getMessage().contains("has 20 input features"), e.getMessage());
    }

    @Test
    void unwritablePathThrowsIOExceptionAndLeavesNoFile() throws Exception {
        Shape sample = new Shape(1, 8, 8);
        SequentialBlock net = new SequentialBlock().add(conv3x3(2));
        initialized(net, sample);
        Path plain = Files.writeString(dir.resolve("plain.txt"), "not a folder");
        Path file = plain.resolve("model.onnx");
        assertThrows(
                IOException.class,
                () -> OnnxExporter.builder().build().export(net, withBatch(sample), file));
        assertEquals("not a folder", Files.readString(plain));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(plain), files.toList());
        }
    }

    @Test
    void uninitializedBlockIsRefused() {
        SequentialBlock net = new SequentialBlock().add(conv3x3(2));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                OnnxExporter.builder()
                                        .build()
                                        .export(net, new Shape(1, 1, 8, 8), dir.resolve("u.onnx")));
        assertEquals("block must be initialized to be exported", e.getMessage());
        assertFalse(Files.exists(dir.resolve("u.onnx")));
    }

    @Test
    void opsetOutsideTheSupportedRangeIsRefused() {
        for (int opset : new int[] {12, 22, 0, -1}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> OnnxExporter.builder().optOpset(opset));
            assertEquals("opset must be in [13, 21], got " + opset, e.getMessage());
        }
    }

    // ---- helpers ----

    private static SequentialBlock smallVgg() {
        return Vgg.builder()
                .setDepth(16)
                .optInChannels(1)
                .optNumClasses(10)
                .optWidthMultiplier(0.125)
                .optClassifierWidth(32)
                .optPooledSize(1)
                .build();
    }

    private static SequentialBlock smallResNet20() {
        return ResNetCifar.builder()
                .setDepth(20)
                .optInChannels(1)
                .optNumClasses(10)
                .optWidthMultiplier(0.5)
                .build();
    }

    private static Conv2d conv3x3(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    /** The element-wise sum of the branch outputs' heads. */
    private static NDArray sum(List<NDList> branches) {
        NDArray total = branches.get(0).head();
        for (NDList branch : branches.subList(1, branches.size())) {
            total = total.add(branch.head());
        }
        return total;
    }

    private static Shape withBatch(Shape sample) {
        return new Shape(1).addAll(sample);
    }

    /**
     * Initializes a network and gives its BatchNorms non-trivial statistics and affine parameters,
     * so that an export that skipped or misread one would show.
     */
    private <B extends Block> B initialized(B block, Shape sample) {
        block.initialize(manager, DataType.FLOAT32, withBatch(sample));
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            String key = pair.getKey();
            if (key.endsWith("runningMean")) {
                array.set(manager.randomUniform(-0.5f, 0.5f, array.getShape()).toFloatArray());
            } else if (key.endsWith("runningVar")) {
                array.set(manager.randomUniform(0.5f, 2f, array.getShape()).toFloatArray());
            } else if (key.endsWith("gamma")) {
                array.set(manager.randomUniform(0.5f, 1.5f, array.getShape()).toFloatArray());
            } else if (key.endsWith("beta")) {
                array.set(manager.randomUniform(-0.3f, 0.3f, array.getShape()).toFloatArray());
            }
        }
        return block;
    }

    private double assertMatchesOrt(String label, Block block, Shape sample) throws Exception {
        return assertMatchesOrt(label, block, sample, OnnxExporter.builder().build(), 1f);
    }

    /**
     * Exports the block, runs batches of 1 and 8 through ONNX Runtime (the dynamic batch) and
     * compares with DJL's inference output.
     */
    private double assertMatchesOrt(
            String label, Block block, Shape sample, OnnxExporter exporter, float inputScale)
            throws Exception {
        Path file = dir.resolve(label + ".onnx");
        exporter.export(block, withBatch(sample), file);
        double worst = 0;
        double largest = 0;
        try (OrtSession.SessionOptions options = options();
                OrtSession session = env.createSession(file.toString(), options)) {
            for (int batch : new int[] {1, 8}) {
                NDArray x = manager.randomNormal(new Shape(batch).addAll(sample)).mul(inputScale);
                NDArray djl =
                        block.forward(new ParameterStore(manager, false), new NDList(x), false)
                                .singletonOrThrow();
                float[] expected = djl.toFloatArray();
                try (OnnxTensor input =
                                OnnxTensor.createTensor(
                                        env,
                                        FloatBuffer.wrap(x.toFloatArray()),
                                        x.getShape().getShape());
                        OrtSession.Result result =
                                session.run(
                                        Map.of(session.getInputNames().iterator().next(), input))) {
                    OnnxTensor output = (OnnxTensor) result.get(0);
                    assertArrayEquals(
                            djl.getShape().getShape(), output.getInfo().getShape(), label);
                    FloatBuffer actual = output.getFloatBuffer();
                    assertEquals(expected.length, actual.remaining(), label);
                    for (int i = 0; i < expected.length; i++) {
                        worst = Math.max(worst, Math.abs(expected[i] - actual.get(i)));
                        largest = Math.max(largest, Math.abs(expected[i]));
                    }
                }
            }
        }
        System.out.printf(
                "%s: max |ORT - DJL| = %.3g (largest |output| %.3g, %d bytes)%n",
                label, worst, largest, Files.size(file));
        assertTrue(largest > 0, label + ": all outputs are zero, the comparison proves nothing");
        assertTrue(worst <= TOLERANCE, label + ": max |ORT - DJL| = " + worst);
        return worst;
    }

    private static OrtSession.SessionOptions options() throws Exception {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        // Other jobs share the machine.
        options.setIntraOpNumThreads(1);
        return options;
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void assertEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.toList(), "left in " + folder);
        }
    }
}
