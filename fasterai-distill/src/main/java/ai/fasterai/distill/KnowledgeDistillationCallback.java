/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.distill;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.nn.Hooks;
import ai.fasterai.core.nn.NoGrad;
import ai.fasterai.core.schedule.Schedule;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains the learner's model (the student) to imitate a teacher, fasterai's {@code
 * KnowledgeDistillationCallback}. On every training batch the teacher runs on the same input, in
 * inference mode (BatchNorm uses its running statistics, dropout is off), with gradient recording
 * off ({@link NoGrad}) and its outputs detached, and the loss becomes
 *
 * <pre>
 * loss = w * kd + (1 - w) * task,   w = weight * schedule.progress(pctTrain)   (w = weight without
 * a schedule)
 * </pre>
 *
 * where {@code task} is the learner's loss and {@code kd} the {@link DistillationLoss}. Feature
 * losses read activations captured from layers named by path ({@link
 * ai.fasterai.core.nn.LayerPaths}); {@link FeatureLayers#matchFeatureLayers} finds pairs of equal
 * resolution. Neither model is edited: capture {@link Hooks} are attached around each forward pass
 * only. Parameters a loss learns (FitNet's adapters) are updated after each optimizer step with the
 * learner's optimizer settings.
 *
 * <p>Only training batches are distilled: validation reports the task loss alone, so validation
 * losses compare with a student trained without a teacher. When {@code w} is 0 the teacher does not
 * run.
 *
 * <p>Everything is checked in {@code beforeFit}, on the first training batch, before any step:
 * layer paths (a wrong one is reported with the nearest valid paths), the teacher's output shape
 * against the student's (the same classes), and the activation shapes each loss needs.
 *
 * <pre>{@code
 * learn.fitOneCycle(3, 1e-3, new KnowledgeDistillationCallback(teacher, new SoftTarget(5)));
 * }</pre>
 */
public final class KnowledgeDistillationCallback implements Callback {

    /**
     * Runs after callbacks of the default order (a pruning callback swaps layers in {@code
     * beforeBatch} before the capture hooks go in) and before {@code RegularizeCallback} (order
     * 10), whose penalty is added to the mixed loss unscaled.
     */
    public static final int ORDER = 5;

    private static final double DEFAULT_WEIGHT = 0.5;

    private final Block teacher;
    private final DistillationLoss loss;
    private final List<String> studentLayers;
    private final List<String> teacherLayers;
    private final double weight;
    private final Schedule schedule;

    private NDManager teacherScope;
    private ParameterStore teacherStore;
    private List<Shape> preparedStudent = List.of();
    private List<Shape> preparedTeacher = List.of();
    private Optimizer lossOptimizer;
    private Hooks studentHooks;
    private List<NDArray> studentFeatures = List.of();
    private double currentWeight;
    private boolean stepCancelled;

    /**
     * Distills the teacher's outputs with weight 0.5.
     *
     * @param teacher the trained teacher
     * @param loss an output loss, e.g. {@link SoftTarget}
     */
    public KnowledgeDistillationCallback(Block teacher, DistillationLoss loss) {
        this(teacher, loss, List.of(), List.of(), DEFAULT_WEIGHT, null);
    }

    /**
     * Distills the teacher's outputs with weight 0.5.
     *
     * @param teacher the trained teacher model (e.g. loaded with {@code ModelFile.load})
     * @param loss an output loss, e.g. {@link SoftTarget}
     */
    public KnowledgeDistillationCallback(Model teacher, DistillationLoss loss) {
        this(blockOf(teacher), loss);
    }

    /**
     * Creates the callback, fasterai's {@code KnowledgeDistillationCallback(teacher, loss,
     * activations_student, activations_teacher, weight)} plus a schedule for the weight.
     *
     * @param teacher the trained teacher, initialized; any architecture with the student's classes
     * @param loss the distillation loss
     * @param studentLayers paths of the student's layers whose outputs feature losses read; empty
     *     for output losses
     * @param teacherLayers the teacher's layers, paired with {@code studentLayers} by position
     * @param weight the weight of the distillation loss, in [0, 1]
     * @param schedule how the weight grows over training ({@code weight * progress}), or null for a
     *     constant weight
     * @throws IllegalArgumentException if an argument is null (but the schedule), the weight is out
     *     of range, the layer lists differ in length, or a feature loss has no layers (or an output
     *     loss has some)
     */
    public KnowledgeDistillationCallback(
            Block teacher,
            DistillationLoss loss,
            List<String> studentLayers,
            List<String> teacherLayers,
            double weight,
            Schedule schedule) {
        this.teacher = Checks.notNull("teacher", teacher);
        this.loss = Checks.notNull("loss", loss);
        this.studentLayers = copyOf("studentLayers", studentLayers);
        this.teacherLayers = copyOf("teacherLayers", teacherLayers);
        this.weight = Checks.unit("weight", weight);
        this.schedule = schedule;
        if (this.studentLayers.size() != this.teacherLayers.size()) {
            throw new IllegalArgumentException(
                    "studentLayers and teacherLayers pair up by position, got "
                            + this.studentLayers.size()
                            + " and "
                            + this.teacherLayers.size()
                            + " paths");
        }
        if (loss.needsFeatures() && this.studentLayers.isEmpty()) {
            throw new IllegalArgumentException(
                    "loss "
                            + loss
                            + " compares intermediate activations: give studentLayers and"
                            + " teacherLayers (FeatureLayers.matchFeatureLayers finds pairs)");
        }
        if (!loss.needsFeatures() && !this.studentLayers.isEmpty()) {
            throw new IllegalArgumentException(
                    "loss "
                            + loss
                            + " reads only the outputs, but studentLayers "
                            + this.studentLayers
                            + " were given: use a feature loss or drop the layers");
        }
    }

    /**
     * Creates the callback for a teacher model.
     *
     * @param teacher the trained teacher model
     * @param loss the distillation loss
     * @param studentLayers the student's layer paths
     * @param teacherLayers the teacher's layer paths, paired by position
     * @param weight the weight of the distillation loss, in [0, 1]
     * @param schedule how the weight grows, or null for a constant weight
     */
    public KnowledgeDistillationCallback(
            Model teacher,
            DistillationLoss loss,
            List<String> studentLayers,
            List<String> teacherLayers,
            double weight,
            Schedule schedule) {
        this(blockOf(teacher), loss, studentLayers, teacherLayers, weight, schedule);
    }

    /**
     * The weight of the distillation loss at a point of training.
     *
     * @param pctTrain the training progress, in [0, 1]
     * @return {@code weight * schedule.progress(pctTrain)}, or {@code weight} without a schedule
     * @throws IllegalArgumentException if the schedule leaves [0, 1]
     */
    public double weightAt(double pctTrain) {
        if (schedule == null) {
            return weight;
        }
        double w = weight * schedule.progress(pctTrain);
        if (!(w >= 0 && w <= 1)) {
            throw new IllegalArgumentException(
                    "the schedule gave a distillation weight of "
                            + w
                            + " at pctTrain "
                            + pctTrain
                            + "; weight * progress must stay in [0, 1]");
        }
        return w;
    }

    /**
     * Returns the weight used on the last training batch.
     *
     * @return the weight {@code w}
     */
    public double getCurrentWeight() {
        return currentWeight;
    }

    /**
     * Returns the distillation loss.
     *
     * @return the loss
     */
    public DistillationLoss getLoss() {
        return loss;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void beforeFit(Learner learn) {
        Block student = learn.getModel().getBlock();
        if (student == teacher) {
            throw new IllegalArgumentException(
                    "the teacher is the student's own block: give a separate, trained teacher");
        }
        if (!teacher.isInitialized()) {
            throw new IllegalArgumentException(
                    "the teacher is not initialized: train it or load its parameters first");
        }
        learn.initializeModel();
        closeTeacherScope();
        teacherScope = learn.getModel().getNDManager().newSubManager(learn.getDevice());
        teacherStore = new ParameterStore(teacherScope, false);
        checkOnFirstBatch(learn, student);
        stepCancelled = false;
    }

    /** Runs both models once on the first training batch and checks what they produce. */
    private void checkOnFirstBatch(Learner learn, Block student) {
        try (NDManager scope = teacherScope.newSubManager()) {
            for (Batch batch : learn.getData().trainBatches(scope, 0)) {
                try (batch) {
                    NDList x =
                            learn.getData()
                                    .transform(batch.getData().toDevice(learn.getDevice(), false));
                    Outputs s = run(student, studentLayers, new ParameterStore(scope, false), x);
                    Outputs t = run(teacher, teacherLayers, teacherStore, x);
                    Shape sOut = s.logits.getShape();
                    Shape tOut = t.logits.getShape();
                    if (!sOut.equals(tOut)) {
                        throw new IllegalArgumentException(
                                "teacher and student must predict the same classes: the teacher"
                                        + " outputs "
                                        + tOut
                                        + ", the student "
                                        + sOut
                                        + " for the same batch");
                    }
                    prepare(learn, shapes(s.features), shapes(t.features));
                }
                return;
            }
        }
        throw new IllegalStateException("the training data has no batch to check the teacher on");
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (!learn.isTraining()) {
            return;
        }
        currentWeight = weightAt(learn.getPctTrain());
        if (currentWeight > 0 && !studentLayers.isEmpty()) {
            studentHooks = Hooks.hookOutputs(learn.getModel().getBlock(), studentLayers, false);
        }
    }

    @Override
    public void afterPred(Learner learn) {
        if (studentHooks != null) {
            studentFeatures = studentHooks.getStored();
            removeStudentHooks();
        }
    }

    @Override
    public void afterLoss(Learner learn) {
        if (!learn.isTraining() || currentWeight == 0) {
            return;
        }
        Outputs t = run(teacher, teacherLayers, teacherStore, learn.getXb());
        if (!studentFeatures.isEmpty()) {
            prepare(learn, shapes(studentFeatures), shapes(t.features));
        }
        NDArray labels = learn.getYb().head();
        DistillationInput input =
                new DistillationInput(
                        learn.getPred().head(), t.logits, labels, studentFeatures, t.features);
        NDArray kd = loss.evaluate(input);
        if (kd == null || kd.getShape().size() != 1) {
            throw new IllegalStateException(
                    "loss "
                            + loss
                            + " must return a scalar, got "
                            + (kd == null ? null : kd.getShape()));
        }
        NDArray task = learn.getLoss();
        // Float weights: a double would promote the loss to float64.
        float w = (float) currentWeight;
        learn.setLoss(kd.reshape(task.getShape()).mul(w).add(task.mul(1f - w)));
    }

    @Override
    public void afterCancelStep(Learner learn) {
        stepCancelled = true;
    }

    @Override
    public void afterStep(Learner learn) {
        if (stepCancelled) {
            stepCancelled = false;
            return;
        }
        List<Parameter> own = loss.getParameters();
        if (own.isEmpty()) {
            return;
        }
        if (lossOptimizer == null) {
            lossOptimizer = learn.getOptimizerConfig().newOptimizer(learn::getLr, learn::getMom);
        }
        for (Parameter parameter : own) {
            NDArray array = parameter.getArray();
            if (array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    lossOptimizer.update(parameter.getId(), array, gradient);
                }
            }
        }
    }

    @Override
    public void afterCancelBatch(Learner learn) {
        endBatch();
    }

    @Override
    public void afterBatch(Learner learn) {
        endBatch();
    }

    @Override
    public void afterFit(Learner learn) {
        endBatch();
        closeTeacherScope();
    }

    private void endBatch() {
        removeStudentHooks();
        studentFeatures = List.of();
    }

    private void removeStudentHooks() {
        if (studentHooks != null) {
            studentHooks.close();
            studentHooks = null;
        }
    }

    private void closeTeacherScope() {
        if (teacherScope != null) {
            teacherScope.close();
            teacherScope = null;
            teacherStore = null;
        }
    }

    /**
     * Calls {@code loss.prepare} when the activation shapes are new (first batch, or layers
     * pruned); the batch size does not count, so a short last batch changes nothing.
     */
    private void prepare(Learner learn, List<Shape> student, List<Shape> teacherShapes) {
        List<Shape> s = withoutBatch(student);
        List<Shape> t = withoutBatch(teacherShapes);
        if (s.equals(preparedStudent) && t.equals(preparedTeacher)) {
            return;
        }
        loss.prepare(student, teacherShapes, learn.getModel().getNDManager());
        preparedStudent = s;
        preparedTeacher = t;
    }

    private static List<Shape> withoutBatch(List<Shape> shapes) {
        List<Shape> rest = new ArrayList<>(shapes.size());
        for (Shape shape : shapes) {
            rest.add(shape.slice(1));
        }
        return rest;
    }

    /** A model's logits and captured activations for one input. */
    private record Outputs(NDArray logits, List<NDArray> features) {}

    /** Runs a model in inference mode without gradient recording, capturing the given layers. */
    private static Outputs run(Block model, List<String> layers, ParameterStore store, NDList x) {
        try (NoGrad ignored = NoGrad.enter()) {
            if (layers.isEmpty()) {
                return new Outputs(model.forward(store, x, false).head().stopGradient(), List.of());
            }
            try (Hooks hooks = Hooks.hookOutputs(model, layers, true)) {
                NDArray logits = model.forward(store, x, false).head().stopGradient();
                return new Outputs(logits, hooks.getStored());
            }
        }
    }

    private static List<Shape> shapes(List<NDArray> arrays) {
        List<Shape> shapes = new ArrayList<>(arrays.size());
        for (NDArray array : arrays) {
            shapes.add(array.getShape());
        }
        return shapes;
    }

    private static List<String> copyOf(String name, List<String> paths) {
        Checks.notNull(name, paths);
        for (int i = 0; i < paths.size(); i++) {
            Checks.notNull(name + "[" + i + "]", paths.get(i));
        }
        return List.copyOf(paths);
    }

    private static Block blockOf(Model teacher) {
        Checks.notNull("teacher", teacher);
        if (teacher.getBlock() == null) {
            throw new IllegalArgumentException("teacher model has no block");
        }
        return teacher.getBlock();
    }

    /**
     * Starts a builder, for the same options by name.
     *
     * @return a builder with weight 0.5, no layers and no schedule
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link KnowledgeDistillationCallback}; {@code build()} validates. */
    public static final class Builder {

        private Block teacher;
        private DistillationLoss loss;
        private List<String> studentLayers = List.of();
        private List<String> teacherLayers = List.of();
        private double weight = DEFAULT_WEIGHT;
        private Schedule schedule;

        private Builder() {}

        /**
         * Sets the trained teacher (required).
         *
         * @param teacher the teacher's block
         * @return this builder
         */
        public Builder setTeacher(Block teacher) {
            this.teacher = teacher;
            return this;
        }

        /**
         * Sets the trained teacher (required).
         *
         * @param teacher the teacher model
         * @return this builder
         */
        public Builder setTeacher(Model teacher) {
            this.teacher = blockOf(teacher);
            return this;
        }

        /**
         * Sets the distillation loss (required).
         *
         * @param loss the loss
         * @return this builder
         */
        public Builder setLoss(DistillationLoss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * Sets the layers whose activations feature losses compare, paired by position.
         *
         * @param studentLayers the student's layer paths
         * @param teacherLayers the teacher's layer paths
         * @return this builder
         */
        public Builder optLayers(List<String> studentLayers, List<String> teacherLayers) {
            this.studentLayers = studentLayers;
            this.teacherLayers = teacherLayers;
            return this;
        }

        /**
         * Sets the layers from {@link FeatureLayers#matchFeatureLayers}.
         *
         * @param pairs the matched layers
         * @return this builder
         */
        public Builder optLayers(FeatureLayers pairs) {
            Checks.notNull("pairs", pairs);
            return optLayers(pairs.getStudentLayers(), pairs.getTeacherLayers());
        }

        /**
         * Sets the weight of the distillation loss (default 0.5).
         *
         * @param weight the weight, in [0, 1]
         * @return this builder
         */
        public Builder optWeight(double weight) {
            this.weight = weight;
            return this;
        }

        /**
         * Makes the weight follow a schedule: {@code weight * schedule.progress(pctTrain)}.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder optSchedule(Schedule schedule) {
            this.schedule = Checks.notNull("schedule", schedule);
            return this;
        }

        /**
         * Builds the callback.
         *
         * @return the callback
         * @throws IllegalArgumentException as the full constructor
         */
        public KnowledgeDistillationCallback build() {
            return new KnowledgeDistillationCallback(
                    teacher, loss, studentLayers, teacherLayers, weight, schedule);
        }
    }
}
