/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import ai.fasterai.core.Callback;
import ai.fasterai.core.CallbackException;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.data.SyntheticData;
import ai.fasterai.core.nn.ActivationBlock;
import ai.fasterai.core.nn.Flatten;
import ai.fasterai.core.nn.MaxPool2d;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.core.schedule.Schedule;
import ai.fasterai.core.schedule.Schedules;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** {@link KnowledgeDistillationCallback} in a {@link Learner}, on synthetic data. */
class KnowledgeDistillationCallbackTest {

    private static final Shape SAMPLE = new Shape(1, 8, 8);
    private static final Shape INPUT = new Shape(1, 1, 8, 8);
    private static final int TRAIN = 96;
    private static final int BATCH = 16;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** conv(8)-bn-relu-maxpool-conv(8)-bn-relu-flatten-linear(4): 8x8 then 4x4. */
    static SequentialBlock student() {
        return new SequentialBlock()
                .add(conv(8))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(MaxPool2d.of(2))
                .add(conv(8))
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu())
                .add(new Flatten())
                .add(Linear.builder().setUnits(4).build());
    }

    /** Another architecture: two stages of two convs (16 channels), 8x8 then 4x4. */
    static SequentialBlock teacher(int classes, Block probe) {
        SequentialBlock first =
                new SequentialBlock()
                        .add(conv(16))
                        .add(ActivationBlock.relu())
                        .add(conv(16))
                        .add(ActivationBlock.relu());
        SequentialBlock second =
                new SequentialBlock().add(conv(16)).add(ActivationBlock.relu()).add(probe);
        return new SequentialBlock()
                .add(first)
                .add(MaxPool2d.of(2))
                .add(second)
                .add(new Flatten())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    @Test
    void onlyTheStudentLearnsAndTheTeacherRunsFrozenWithoutGradients() {
        Probe probe = new Probe();
        Block teacher = initializedTeacher(4, probe);
        List<float[]> teacherBefore = values(teacher);
        try (Model model = model(student());
                Learner learn = learner(model)) {
            learn.initializeModel();
            List<float[]> studentBefore = values(model.getBlock());
            learn.fit(2, 1e-2, new KnowledgeDistillationCallback(teacher, new SoftTarget(3)));
            assertFalse(equal(studentBefore, values(model.getBlock())), "the student learned");
        }
        assertTrue(equal(teacherBefore, values(teacher)), "teacher parameters bit-identical");
        for (Pair<String, Parameter> pair : teacher.getParameters()) {
            NDArray array = pair.getValue().getArray();
            if (array.hasGradient()) {
                assertEquals(0f, array.getGradient().abs().sum().getFloat(), pair.getKey());
            }
        }
        // One check pass before training, then every training batch of both epochs; no
        // validation batch runs the teacher.
        int batches = 2 * (TRAIN / BATCH);
        assertEquals(1 + batches, probe.calls);
        assertEquals(0, probe.gradEnabled, "teacher forward passes recording gradients");
        assertEquals(0, probe.training, "teacher forward passes in training mode");
    }

    @Test
    void theLossIsTheDocumentedMixAtEveryStepWithTheScheduledWeight() {
        Block teacher = initializedTeacher(4, ActivationBlock.relu());
        Schedule schedule = Schedules.cos();
        double weight = 0.8;
        SoftTarget soft = new SoftTarget(2);
        KnowledgeDistillationCallback distill =
                new KnowledgeDistillationCallback(
                        teacher, soft, List.of(), List.of(), weight, schedule);
        List<Double> weights = new ArrayList<>();
        int[] validated = new int[1];
        Callback check =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return KnowledgeDistillationCallback.ORDER + 1;
                    }

                    @Override
                    public void afterLoss(Learner learn) {
                        NDArray task =
                                learn.getLossFunction().evaluate(learn.getYb(), learn.getPred());
                        if (!learn.isTraining()) {
                            assertEquals(task.getFloat(), learn.getLoss().getFloat(), 0f);
                            validated[0]++;
                            return;
                        }
                        double w = weight * schedule.progress(learn.getPctTrain());
                        assertEquals(w, distill.getCurrentWeight(), 0.0);
                        assertEquals(w, distill.weightAt(learn.getPctTrain()), 0.0);
                        weights.add(w);
                        NDArray logits;
                        try (NoGrad ignored = NoGrad.enter()) {
                            logits =
                                    teacher.forward(
                                                    new ParameterStore(manager, false),
                                                    learn.getXb(),
                                                    false)
                                            .head();
                        }
                        double kd =
                                soft.evaluate(
                                                DistillationInput.ofLogits(
                                                        learn.getPred().head(), logits, null))
                                        .getFloat();
                        double expected = w * kd + (1 - w) * task.getFloat();
                        assertEquals(expected, learn.getLoss().getFloat(), 1e-5);
                    }
                };
        try (Model model = model(student());
                Learner learn = learner(model)) {
            learn.fit(3, 1e-2, distill, check);
        }
        assertEquals(3 * (TRAIN / BATCH), weights.size());
        assertEquals(0.0, weights.get(0), 0.0);
        assertTrue(weights.get(weights.size() - 1) > 0.75, "weights " + weights);
        for (int i = 1; i < weights.size(); i++) {
            assertTrue(weights.get(i) >= weights.get(i - 1), "cos grows: " + weights);
        }
        assertEquals(3 * 2, validated[0]); // 32 validation images, batches of 16, 3 epochs
    }

    @Test
    void featureLossesSeeTheActivationsOfTheNamedLayers() {
        Block teacher = initializedTeacher(4, ActivationBlock.relu());
        // No BatchNorm, so the student's training-mode activations can be recomputed by hand.
        SequentialBlock student =
                new SequentialBlock()
                        .add(conv(8))
                        .add(ActivationBlock.relu())
                        .add(MaxPool2d.of(2))
                        .add(conv(8))
                        .add(ActivationBlock.relu())
                        .add(new Flatten())
                        .add(Linear.builder().setUnits(4).build());
        List<float[]> seen = new ArrayList<>();
        Attention attention = new Attention();
        DistillationLoss recording =
                new DistillationLoss() {
                    @Override
                    public NDArray evaluate(DistillationInput in) {
                        seen.clear();
                        for (int i = 0; i < 2; i++) {
                            seen.add(in.studentFeatures().get(i).toFloatArray());
                            seen.add(in.teacherFeatures().get(i).toFloatArray());
                        }
                        return attention.evaluate(in);
                    }

                    @Override
                    public boolean needsFeatures() {
                        return true;
                    }
                };
        List<String> studentLayers = List.of("02ActivationBlock", "05ActivationBlock");
        List<String> teacherLayers = List.of("01SequentialBlock", "03SequentialBlock");
        int[] checked = new int[1];
        Callback check =
                new Callback() {
                    @Override
                    public int getOrder() {
                        return KnowledgeDistillationCallback.ORDER + 1;
                    }

                    @Override
                    public void afterLoss(Learner learn) {
                        if (!learn.isTraining()) {
                            return;
                        }
                        // The hooks are gone: the student is its own self again.
                        assertTrue(
                                student.getChildren().get(1).getValue() instanceof ActivationBlock);
                        ParameterStore store = new ParameterStore(manager, false);
                        NDArray x = learn.getXb().head();
                        NDArray s1 = upTo(student, 2, store, x, true);
                        NDArray s2 = upTo(student, 5, store, x, true);
                        NDArray t1 = upTo((SequentialBlock) teacher, 1, store, x, false);
                        NDArray t2 = upTo((SequentialBlock) teacher, 3, store, x, false);
                        assertArrayEquals(s1.toFloatArray(), seen.get(0), 1e-6f);
                        assertArrayEquals(t1.toFloatArray(), seen.get(1), 1e-6f);
                        assertArrayEquals(s2.toFloatArray(), seen.get(2), 1e-6f);
                        assertArrayEquals(t2.toFloatArray(), seen.get(3), 1e-6f);
                        checked[0]++;
                    }
                };
        try (Model model = model(student);
                Learner learn = learner(model)) {
            learn.fit(
                    1,
                    1e-2,
                    new KnowledgeDistillationCallback(
                            teacher, recording, studentLayers, teacherLayers, 0.5, null),
                    check);
        }
        assertEquals(TRAIN / BATCH, checked[0]);
    }

    @Test
    void fitNetAdaptersTrainAlongsideTheStudentWithoutGrowingMemory() {
        Block teacher = initializedTeacher(4, ActivationBlock.relu());
        FitNet fitNet = new FitNet();
        KnowledgeDistillationCallback distill =
                new KnowledgeDistillationCallback(
                        teacher,
                        fitNet.plus(new SoftTarget()),
                        List.of("03ActivationBlock", "07ActivationBlock"),
                        List.of("01SequentialBlock/04ActivationBlock", "03SequentialBlock"),
                        0.5,
                        null);
        // 100 images in batches of 16: the last batch of each epoch is shorter (4).
        try (Model model = model(student());
                Learner learn = learner(model, 100)) {
            learn.fit(1, 1e-2, distill);
            Block adapter = fitNet.getAdapter(0);
            assertNotNull(adapter, "8 student channels against 16");
            float[] adapterAfterOne = values(adapter).get(0);
            int held = model.getNDManager().getManagedArrays().size();
            learn.fit(3, 1e-2, distill);
            assertSame(adapter, fitNet.getAdapter(0), "later batches and fits keep the adapter");
            assertFalse(
                    java.util.Arrays.equals(adapterAfterOne, values(adapter).get(0)),
                    "the adapter learned");
            assertEquals(
                    held,
                    model.getNDManager().getManagedArrays().size(),
                    "arrays left on the model's manager after 3 more epochs");
        }
    }

    @Test
    void badInputIsRefusedBeforeTrainingStartsAndTheStudentIsUntouched() {
        Block teacher = initializedTeacher(4, ActivationBlock.relu());
        Block fiveClasses = initializedTeacher(5, ActivationBlock.relu());
        assertFitRefused(
                new KnowledgeDistillationCallback(fiveClasses, new SoftTarget()),
                "teacher and student must predict the same classes: the teacher outputs (16, 5),"
                        + " the student (16, 4) for the same batch");
        assertFitRefused(
                new KnowledgeDistillationCallback(
                        teacher,
                        new Attention(),
                        List.of("03ActivationBlok"),
                        List.of("01SequentialBlock"),
                        0.5,
                        null),
                "layer path '03ActivationBlok' does not exist in the model (SequentialBlock);"
                        + " nearest valid paths: [03ActivationBlock, 07ActivationBlock,"
                        + " 04MaxPool2d]");
        assertFitRefused(
                new KnowledgeDistillationCallback(
                        teacher,
                        new Attention(),
                        List.of("03ActivationBlock"),
                        List.of("01SequentialBlock/05Conv2d"),
                        0.5,
                        null),
                "layer path '01SequentialBlock/05Conv2d' does not exist");
        // 8x8 student activations against the teacher's 4x4 second stage, no adapter.
        assertFitRefused(
                new KnowledgeDistillationCallback(
                        teacher,
                        new Attention(),
                        List.of("03ActivationBlock"),
                        List.of("03SequentialBlock"),
                        0.5,
                        null),
                "Attention pair 0 has different spatial sizes: student (16, 8, 8, 8), teacher"
                        + " (16, 16, 4, 4)");
        Block untrained = teacher(4, ActivationBlock.relu());
        assertFitRefused(
                new KnowledgeDistillationCallback(untrained, new SoftTarget()),
                "the teacher is not initialized: train it or load its parameters first");
    }

    @Test
    void badArgumentsAreRefusedByTheConstructor() {
        Block teacher = teacher(4, ActivationBlock.relu());
        for (double w : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new KnowledgeDistillationCallback(
                                            teacher,
                                            new SoftTarget(),
                                            List.of(),
                                            List.of(),
                                            w,
                                            null));
            assertEquals("weight must be in [0, 1], got " + w, e.getMessage());
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new KnowledgeDistillationCallback(
                                        teacher,
                                        new Attention(),
                                        List.of("a", "b"),
                                        List.of("c"),
                                        0.5,
                                        null));
        assertEquals(
                "studentLayers and teacherLayers pair up by position, got 2 and 1 paths",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new KnowledgeDistillationCallback(teacher, new FitNet()));
        assertTrue(e.getMessage().startsWith("loss FitNet compares intermediate activations"));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new KnowledgeDistillationCallback(
                                        teacher,
                                        new SoftTarget(),
                                        List.of("a"),
                                        List.of("b"),
                                        0.5,
                                        null));
        assertTrue(e.getMessage().contains("reads only the outputs"));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new KnowledgeDistillationCallback((Block) null, new SoftTarget()));
        assertEquals("teacher must not be null", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new KnowledgeDistillationCallback(teacher, null));
        SequentialBlock student = student();
        try (Model model = model(student);
                Learner learn = learner(model)) {
            learn.initializeModel();
            CallbackException failure =
                    assertThrows(
                            CallbackException.class,
                            () ->
                                    learn.fit(
                                            1,
                                            1e-2,
                                            new KnowledgeDistillationCallback(
                                                    student, new SoftTarget())));
            assertTrue(failure.getCause().getMessage().startsWith("the teacher is the student"));
        }
    }

    @Test
    void everyLossTrainsAStudentWithFiniteLosses() {
        Block teacher = initializedTeacher(4, ActivationBlock.relu());
        Engine.getInstance().setRandomSeed(11);
        SequentialBlock twin = student(); // the student's architecture, for one-to-one losses
        twin.initialize(manager, DataType.FLOAT32, INPUT);
        List<String> relus = List.of("03ActivationBlock", "07ActivationBlock");
        List<String> stages = List.of("01SequentialBlock", "03SequentialBlock");
        List<String> preRelu = List.of("02BatchNorm", "06BatchNorm");
        List<KnowledgeDistillationCallback> callbacks =
                List.of(
                        new KnowledgeDistillationCallback(teacher, new SoftTarget()),
                        new KnowledgeDistillationCallback(teacher, new Logits()),
                        new KnowledgeDistillationCallback(teacher, new Mutual()),
                        new KnowledgeDistillationCallback(teacher, new DecoupledKD()),
                        new KnowledgeDistillationCallback(teacher, DecoupledKD.nkd()),
                        new KnowledgeDistillationCallback(
                                teacher, new Attention(), relus, stages, 0.5, null),
                        new KnowledgeDistillationCallback(
                                teacher, new FitNet(), relus, stages, 0.5, null),
                        new KnowledgeDistillationCallback(
                                teacher, new Similarity(), relus, stages, 0.5, null),
                        KnowledgeDistillationCallback.builder()
                                .setTeacher(twin)
                                .setLoss(new ActivationBoundaries())
                                .optLayers(preRelu, preRelu)
                                .optWeight(0.9)
                                .build());
        for (KnowledgeDistillationCallback distill : callbacks) {
            List<Float> losses = new ArrayList<>();
            Callback record =
                    new Callback() {
                        @Override
                        public int getOrder() {
                            return KnowledgeDistillationCallback.ORDER + 1;
                        }

                        @Override
                        public void afterLoss(Learner learn) {
                            if (learn.isTraining()) {
                                losses.add(learn.getLoss().getFloat());
                            }
                        }
                    };
            try (Model model = model(student());
                    Learner learn = learner(model)) {
                learn.initializeModel();
                List<float[]> before = values(model.getBlock());
                learn.fit(1, 1e-2, distill, record);
                String name = distill.getLoss().toString();
                assertFalse(
                        equal(before, values(model.getBlock())), name + ": the student learned");
                assertEquals(TRAIN / BATCH, losses.size(), name);
                for (float loss : losses) {
                    assertTrue(Float.isFinite(loss) && loss >= 0, name + ": loss " + loss);
                }
            }
        }
    }

    @Test
    void matchFeatureLayersPairsTheLastLayerOfEachResolution() {
        Block teacher = initializedTeacher(4, ActivationBlock.relu());
        SequentialBlock student = student();
        student.initialize(manager, DataType.FLOAT32, INPUT);
        FeatureLayers pairs = FeatureLayers.matchFeatureLayers(student, teacher, INPUT);
        assertEquals(List.of("03ActivationBlock", "07ActivationBlock"), pairs.getStudentLayers());
        // The teacher's stages are containers: each finishes after its last child.
        assertEquals(List.of("01SequentialBlock", "03SequentialBlock"), pairs.getTeacherLayers());
        assertEquals(List.of(new Shape(8, 8), new Shape(4, 4)), pairs.getResolutions());
        NDList sample = new NDList(manager.zeros(INPUT));
        assertEquals(
                pairs.getStudentLayers(),
                FeatureLayers.matchFeatureLayers(student, teacher, sample).getStudentLayers());
        assertTrue(pairs.toString().contains("(8, 8): 03ActivationBlock <-> 01SequentialBlock"));
    }

    // ---- helpers ----

    private void assertFitRefused(KnowledgeDistillationCallback distill, String message) {
        try (Model model = model(student());
                Learner learn = learner(model)) {
            learn.initializeModel();
            List<float[]> before = values(model.getBlock());
            CallbackException e =
                    assertThrows(CallbackException.class, () -> learn.fit(1, 1e-2, distill));
            Throwable cause = e.getCause();
            assertTrue(cause instanceof IllegalArgumentException, cause.toString());
            assertTrue(
                    cause.getMessage().startsWith(message),
                    "expected '" + message + "', got '" + cause.getMessage() + "'");
            assertTrue(equal(before, values(model.getBlock())), "the student is untouched");
            assertEquals(0, learn.getTrainIteration());
        }
    }

    /** Runs the first {@code count} children of a sequential block. */
    private static NDArray upTo(
            SequentialBlock block, int count, ParameterStore store, NDArray x, boolean training) {
        NDArray a = x;
        for (int i = 0; i < count; i++) {
            a =
                    block.getChildren()
                            .get(i)
                            .getValue()
                            .forward(store, new NDList(a), training)
                            .head();
        }
        return a;
    }

    private Block initializedTeacher(int classes, Block probe) {
        Engine.getInstance().setRandomSeed(3);
        SequentialBlock teacher = teacher(classes, probe);
        teacher.initialize(manager, DataType.FLOAT32, INPUT);
        return teacher;
    }

    private Model model(Block student) {
        Model model = Model.newInstance("student");
        model.setBlock(student);
        return model;
    }

    private Learner learner(Model model) {
        return learner(model, TRAIN);
    }

    private Learner learner(Model model, int trainSize) {
        Engine.getInstance().setRandomSeed(7);
        DataLoaders data =
                DataLoaders.builder()
                        .setTrain(dataset(trainSize, 1))
                        .setValid(dataset(32, 2))
                        .optBatchSize(BATCH)
                        .build();
        return Learner.builder()
                .setData(data)
                .setModel(model)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .optShowProgress(false)
                .build();
    }

    private ArrayDataset dataset(int n, long seed) {
        return SyntheticData.builder()
                .setNumSamples(n)
                .setNumClasses(4)
                .setShape(SAMPLE)
                .optSeed(seed)
                .optNoise(0.5f)
                .build()
                .generate(manager);
    }

    static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            values.add(pair.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static boolean equal(List<float[]> a, List<float[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Passes its input through and records how it was run. */
    static final class Probe extends AbstractBlock {
        int calls;
        int gradEnabled;
        int training;

        @Override
        protected NDList forwardInternal(
                ParameterStore parameterStore,
                NDList inputs,
                boolean isTraining,
                PairList<String, Object> params) {
            calls++;
            gradEnabled += NoGrad.isGradEnabled() ? 1 : 0;
            training += isTraining ? 1 : 0;
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
