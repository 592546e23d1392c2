/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** {@link Hooks}, {@link LayerPaths} and {@link NoGrad}. */
class HooksTest {

    private static final Shape INPUT = new Shape(2, 3, 6, 6);

    /** conv-bn-relu, a residual unit (conv-bn-relu-conv-bn + relu), pool, flatten, linear. */
    private static SequentialBlock net() {
        SequentialBlock main =
                new SequentialBlock()
                        .add(conv(4))
                        .add(BatchNorm.builder().build())
                        .add(ActivationBlock.relu())
                        .add(conv(4))
                        .add(BatchNorm.builder().build());
        return new SequentialBlock()
                .add(conv(4))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(Residual.builder().setMain(main).optActivation(ActivationBlock.relu()).build())
                .add(AdaptiveAvgPool2d.of(1, 1))
                .add(new Flatten())
                .add(Linear.builder().setUnits(5).build());
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    @Test
    void capturedActivationsEqualTheSubBlocksRunByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = initialized(manager);
            NDArray x = manager.randomNormal(INPUT);
            Residual unit = (Residual) net.getChildren().get(3).getValue();
            SequentialBlock main = (SequentialBlock) unit.getMain();
            String inside = "04Residual/" + unit.getChildren().get(0).getKey() + "/02BatchNorm";
            List<String> paths = List.of("03ActivationBlock", inside, "04Residual");

            ParameterStore store = new ParameterStore(manager, false);
            NDArray a = x;
            for (int i = 0; i < 3; i++) {
                a = run(net.getChildren().get(i).getValue(), store, a);
            }
            NDArray b =
                    run(
                            main.getChildren().get(1).getValue(),
                            store,
                            run(main.getChildren().get(0).getValue(), store, a));
            NDArray c = run(unit, store, a);
            NDArray out = run(net, store, x);

            List<NDArray> stored;
            NDArray hookedOut;
            try (Hooks hooks = Hooks.hookOutputs(net, paths, false)) {
                hookedOut = net.forward(store, new NDList(x), false).head();
                stored = hooks.getStored();
            }
            assertArrayEquals(a.toFloatArray(), stored.get(0).toFloatArray(), 0f);
            assertArrayEquals(b.toFloatArray(), stored.get(1).toFloatArray(), 0f);
            assertArrayEquals(c.toFloatArray(), stored.get(2).toFloatArray(), 0f);
            assertArrayEquals(out.toFloatArray(), hookedOut.toFloatArray(), 0f);
        }
    }

    @Test
    void theModelIsPutBackAndItsParametersAreTheSameWhileHooked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = initialized(manager);
            List<Block> before = children(net);
            List<Pair<String, Parameter>> params = parameters(net);
            Residual unit = (Residual) net.getChildren().get(3).getValue();
            Block mainBefore = unit.getMain();
            String inside = "04Residual/" + unit.getChildren().get(0).getKey();
            try (Hooks hooks = Hooks.hookOutputs(net, List.of("01Conv2d", inside), true)) {
                assertFalse(net.getChildren().get(0).getValue() instanceof Conv2d);
                assertEquals(params, parameters(net)); // same names, same objects
                assertTrue(net.isInitialized());
            }
            assertEquals(before, children(net));
            assertSame(mainBefore, unit.getMain());
        }
    }

    @Test
    void undetachedOutputsCarryGradientsToTheLayersBelow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = initialized(manager);
            NDArray x = manager.randomNormal(INPUT);
            Parameter weight = net.getChildren().get(0).getValue().getParameters().get("weight");
            try (Hooks hooks = Hooks.hookOutputs(net, List.of("03ActivationBlock"), false);
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                net.forward(new ParameterStore(manager, false), new NDList(x), true);
                collector.backward(hooks.getStored().get(0).square().sum());
            }
            assertTrue(weight.getArray().getGradient().abs().sum().getFloat() > 0);
        }
    }

    @Test
    void wrongPathsNameTheNearestValidOnesAndLeaveTheModelAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = initialized(manager);
            List<Block> before = children(net);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Hooks.hookOutputs(
                                            net, List.of("01Conv2d", "03Activation"), true));
            assertEquals(
                    "layer path '03Activation' does not exist in the model (SequentialBlock);"
                            + " nearest valid paths: [03ActivationBlock, 06Flatten, 01Conv2d]",
                    e.getMessage());
            assertEquals(before, children(net));
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Hooks.hookOutputs(net, List.of(""), true));
            assertTrue(e.getMessage().startsWith("layer path '' does not exist"));
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Hooks.hookOutputs(
                                            net, java.util.Arrays.asList("01Conv2d", null), true));
            assertEquals("paths[1] must not be null", e.getMessage());
        }
    }

    @Test
    void aHookFunctionSeesEachLayersInputsAndOutputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = initialized(manager);
            NDArray x = manager.randomNormal(INPUT);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray a = run(net.getChildren().get(0).getValue(), store, x);
            List<String> calls = new ArrayList<>();
            Hooks.HookFunction check =
                    (path, inputs, outputs) -> {
                        calls.add(path);
                        if (path.equals("01Conv2d")) {
                            assertArrayEquals(x.toFloatArray(), inputs.head().toFloatArray(), 0f);
                            assertArrayEquals(a.toFloatArray(), outputs.head().toFloatArray(), 0f);
                        } else {
                            assertArrayEquals(a.toFloatArray(), inputs.head().toFloatArray(), 0f);
                        }
                    };
            try (Hooks hooks = Hooks.hook(net, List.of("02BatchNorm", "01Conv2d"), check)) {
                net.forward(store, new NDList(x), false);
                net.forward(store, new NDList(x), false);
                IllegalStateException e =
                        assertThrows(IllegalStateException.class, hooks::getStored);
                assertEquals("these hooks run a function and keep no outputs", e.getMessage());
            }
            assertEquals(List.of("01Conv2d", "02BatchNorm", "01Conv2d", "02BatchNorm"), calls);
        }
    }

    @Test
    void storedOutputsBeforeAnyForwardPassAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = initialized(manager);
            try (Hooks hooks = Hooks.hookOutputs(net, List.of("01Conv2d"), true)) {
                IllegalStateException e =
                        assertThrows(IllegalStateException.class, hooks::getStored);
                assertTrue(e.getMessage().startsWith("layer 01Conv2d did not run"));
            }
        }
    }

    @Test
    void layerPathsListTheTreeAndMeasureEditDistance() {
        SequentialBlock net = net();
        List<String> all = LayerPaths.all(net);
        assertEquals("01Conv2d", all.get(0));
        assertTrue(all.contains("04Residual"));
        assertEquals(all.size(), all.stream().distinct().count());
        assertEquals(3, LayerPaths.editDistance("kitten", "sitting"));
        assertEquals(0, LayerPaths.editDistance("", ""));
        assertEquals(
                List.of("02BatchNorm", "01Conv2d"),
                LayerPaths.nearest(List.of("01Conv2d", "02BatchNorm"), "02BatchNrm"));
        LayerPaths.Located found = LayerPaths.find(net, "07Linear", "layer");
        assertSame(net, found.getParent());
        assertEquals(6, found.getIndex());
        assertTrue(found.getBlock() instanceof Linear);
    }

    @Test
    void noGradTurnsRecordingOffInsideACollectorAndRestoresIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.ones(new Shape(3));
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                assertTrue(NoGrad.isGradEnabled());
                NDArray frozen;
                try (NoGrad ignored = NoGrad.enter()) {
                    assertFalse(NoGrad.isGradEnabled());
                    frozen = w.mul(2);
                }
                assertTrue(NoGrad.isGradEnabled());
                NDArray live = w.mul(3);
                collector.backward(live.add(frozen).sum());
            }
            // Only the recorded branch reaches w: d(3w + 2w_frozen)/dw = 3.
            assertArrayEquals(new float[] {3, 3, 3}, w.getGradient().toFloatArray(), 0f);
        }
    }

    private static SequentialBlock initialized(NDManager manager) {
        SequentialBlock net = net();
        net.initialize(manager, DataType.FLOAT32, INPUT);
        return net;
    }

    private static NDArray run(Block block, ParameterStore store, NDArray x) {
        return block.forward(store, new NDList(x), false).head();
    }

    private static List<Block> children(Block block) {
        List<Block> all = new ArrayList<>();
        for (Pair<String, Block> child : block.getChildren()) {
            all.add(child.getValue());
            all.addAll(children(child.getValue()));
        }
        return all;
    }

    private static List<Pair<String, Parameter>> parameters(Block block) {
        List<Pair<String, Parameter>> all = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            all.add(pair);
        }
        return all;
    }
}
