/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.fasterai.core.callback.OneCycle;
import ai.fasterai.core.callback.ProgressCallback;
import ai.fasterai.core.callback.Recorder;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.optim.OptimizerConfig;
import ai.fasterai.core.util.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Trains a DJL model with callbacks, as fastai's {@code Learner}: one loop, and every technique
 * (distillation, sparsity, pruning, quantization) a {@link Callback} acting at named events.
 *
 * <pre>
 * fit(epochs, lr)
 *   beforeFit
 *   for each epoch:  beforeEpoch
 *     beforeTrain
 *       for each batch: beforeBatch
 *                       forward          -&gt; afterPred
 *                       loss             -&gt; afterLoss  (distillation replaces the loss)
 *                       beforeBackward, backward, afterBackward  (gradients readable here)
 *                       beforeStep, optimizer step, afterStep   (masks re-applied here)
 *                       afterBatch       (Recorder, ProgressCallback)
 *     afterTrain
 *     beforeValidate, the same batch events without backward and step, afterValidate
 *     afterEpoch       (a pruning callback changes layers here, then calls modelChanged())
 *   afterFit
 * </pre>
 *
 * <p>Each phase may be cancelled by its {@link CancelException} (fit, epoch, train, validate,
 * batch, backward, step): the loop fires {@code afterCancelX} then {@code afterX} and goes on. Any
 * other exception ends the fit: {@code afterFit} still runs for clean-up, gradients of the failed
 * batch are discarded, and no optimizer step happens after the failure, so the weights are those of
 * the last complete step. An exception from a callback arrives as a {@link CallbackException}
 * naming the callback and the event.
 *
 * <p>The loop is its own, on DJL's {@link Trainer} ({@code forward}, a {@link GradientCollector})
 * and a DJL {@link Optimizer} it updates parameters with, because DJL's {@code EasyTrain} offers no
 * event after the optimizer step. The learner makes its trainer on first use and keeps it, and the
 * optimizer's state, across fits; {@link #modelChanged()} replaces the trainer after layers were
 * swapped. Every batch and everything computed from it belongs to a manager closed at the end of
 * the batch.
 *
 * <p>{@link Recorder} and, unless {@link Builder#optShowProgress(boolean)} turns it off, {@link
 * ProgressCallback} are attached by default.
 */
public class Learner implements AutoCloseable {

    private final DataLoaders data;
    private final Model model;
    private final Loss lossFunction;
    private final List<Evaluator> metrics;
    private final OptimizerConfig optimizerConfig;
    private final Device device;
    private final List<Callback> callbacks = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    private List<Callback> active = List.of();
    private Trainer trainer;
    private boolean trainerStale;
    private Optimizer optimizer;

    private double lr = 1e-3;
    private double mom;

    private boolean inFit;
    private boolean fitFailed;
    private boolean training;
    private int epoch;
    private int numEpochs;
    private long iteration;
    private long numIterations;
    private long trainIteration;
    private double pctTrain;
    private NDList xb;
    private NDList yb;
    private NDList pred;
    private NDArray loss;

    /**
     * Creates a learner with Adam and the default callbacks, fastai's {@code Learner(dls, model,
     * loss_func, metrics)}.
     *
     * @param data the data
     * @param model the model to train (its block may be uninitialized: the first batch's shapes
     *     initialize it)
     * @param lossFunction the loss
     * @param metrics the validation metrics, e.g. {@code Metrics.accuracy()}
     */
    public Learner(DataLoaders data, Model model, Loss lossFunction, Evaluator... metrics) {
        this(
                builder()
                        .setData(data)
                        .setModel(model)
                        .setLoss(lossFunction)
                        .optMetrics(metrics)
                        .check());
    }

    private Learner(Builder builder) {
        data = builder.data;
        model = builder.model;
        lossFunction = builder.loss;
        metrics = List.copyOf(builder.metrics);
        optimizerConfig = builder.optimizer;
        device = builder.device != null ? builder.device : model.getNDManager().getDevice();
        mom = optimizerConfig.getMomentum();
        callbacks.add(recorder);
        if (builder.showProgress) {
            callbacks.add(new ProgressCallback());
        }
        callbacks.addAll(builder.callbacks);
        active = sorted(callbacks);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains for some epochs at a constant learning rate.
     *
     * @param epochs the number of epochs, at least 1
     * @param lr the learning rate, finite and &gt; 0
     * @param extraCallbacks callbacks for this fit only
     * @throws IllegalArgumentException if an argument is out of range
     */
    public void fit(int epochs, double lr, Callback... extraCallbacks) {
        checkEpochs(epochs);
        Checks.positive("lr", lr);
        this.lr = lr;
        runFit(epochs, extraCallbacks);
    }

    /**
     * Trains with fastai's one-cycle policy and its defaults ({@link OneCycle}).
     *
     * @param epochs the number of epochs, at least 1
     * @param lrMax the peak learning rate, finite and &gt; 0
     * @param extraCallbacks callbacks for this fit only
     */
    public void fitOneCycle(int epochs, double lrMax, Callback... extraCallbacks) {
        checkEpochs(epochs);
        fitOneCycle(epochs, OneCycle.builder().setLrMax(lrMax).build(), extraCallbacks);
    }

    /**
     * Trains with a one-cycle policy: learning rate and momentum follow cosine warm-up and
     * annealing over the whole fit.
     *
     * @param epochs the number of epochs, at least 1
     * @param policy the policy
     * @param extraCallbacks callbacks for this fit only
     */
    public void fitOneCycle(int epochs, OneCycle policy, Callback... extraCallbacks) {
        checkEpochs(epochs);
        Checks.notNull("policy", policy);
        Callback[] all = Arrays.copyOf(extraCallbacks, extraCallbacks.length + 1);
        all[extraCallbacks.length] = policy.scheduler();
        runFit(epochs, all);
    }

    /**
     * Evaluates the loss and metrics on the validation data, firing the validation events.
     *
     * @return {@code valid_loss} and each metric by name
     */
    public Map<String, Double> validate() {
        return validate(data.getValid());
    }

    /**
     * Evaluates the loss and metrics on a dataset, firing the validation events.
     *
     * @param dataset the dataset, e.g. the test set
     * @return {@code valid_loss} and each metric by name
     */
    public Map<String, Double> validate(RandomAccessDataset dataset) {
        Checks.notNull("dataset", dataset);
        requireIdle("validate");
        try {
            runPass(false, dataset);
        } finally {
            clearBatch();
        }
        return recorder.getLastValidation();
    }

    /**
     * Runs the model on the validation data, fastai's {@code get_preds}.
     *
     * @param manager the manager that will own the results
     * @return the predictions (probabilities for {@link SoftmaxCrossEntropyLoss}, the raw outputs
     *     otherwise) and the targets
     */
    public Predictions getPreds(NDManager manager) {
        return getPreds(data.getValid(), manager);
    }

    /**
     * Runs the model on a dataset in order, without callbacks.
     *
     * @param dataset the dataset
     * @param manager the manager that will own the results
     * @return the predictions (probabilities for {@link SoftmaxCrossEntropyLoss}, the raw outputs
     *     otherwise) and the targets
     */
    public Predictions getPreds(RandomAccessDataset dataset, NDManager manager) {
        Checks.notNull("dataset", dataset);
        Checks.notNull("manager", manager);
        requireIdle("getPreds");
        List<NDArray> outputs = new ArrayList<>();
        List<NDArray> targets = new ArrayList<>();
        try (NDManager scratch = manager.newSubManager(device)) {
            for (Batch batch : data.inOrder(dataset, scratch)) {
                try (batch) {
                    // Keep each batch's results alive after the batch closes.
                    NDArray out = predict(batch.getData()).head();
                    out.attach(scratch);
                    outputs.add(out);
                    NDArray target = batch.getLabels().head();
                    target.attach(scratch);
                    targets.add(target);
                }
            }
            NDArray preds = NDArrays.concat(new NDList(outputs));
            if (lossFunction instanceof SoftmaxCrossEntropyLoss) {
                preds = preds.softmax(-1);
            }
            NDArray targs = NDArrays.concat(new NDList(targets));
            preds.attach(manager);
            targs.attach(manager);
            return new Predictions(preds, targs);
        }
    }

    /**
     * Runs the model in inference mode on one batch of inputs, after the data's batch transforms
     * (normalization, padding), as training saw them.
     *
     * @param input the inputs, batch first
     * @return the outputs, owned by the input's manager
     * @throws IllegalStateException if the model was never initialized (fit first)
     */
    public NDList predict(NDList input) {
        Checks.notNull("input", input);
        if (!model.getBlock().isInitialized()) {
            throw new IllegalStateException(
                    "the model is not initialized: fit it first or initialize its block");
        }
        NDList onDevice = data.transform(input.toDevice(device, false));
        if (trainer != null && !trainerStale) {
            return forward(onDevice, false);
        }
        ParameterStore store = new ParameterStore(onDevice.head().getManager(), false);
        return model.getBlock().forward(store, onDevice, false);
    }

    /**
     * Initializes the model's block from the shapes of the first training batch, if it is not
     * initialized yet. Callbacks that must see the layers before the first batch (sparsifying,
     * pruning) call it in {@code beforeFit}; the learner would otherwise initialize the block on
     * its first forward pass.
     *
     * @throws IllegalStateException if the training data has no batch
     */
    public void initializeModel() {
        if (model.getBlock().isInitialized()) {
            return;
        }
        try (NDManager scope = model.getNDManager().newSubManager(device)) {
            for (Batch batch : data.trainBatches(scope, 0)) {
                try (batch) {
                    NDList inputs = data.transform(batch.getData().toDevice(device, false));
                    model.getBlock()
                            .initialize(
                                    model.getNDManager(), model.getDataType(), inputs.getShapes());
                }
                return;
            }
        }
        throw new IllegalStateException("the training data has no batch to initialize the model");
    }

    /**
     * Tells the learner that the model's layers changed (replaced, resized): the trainer keyed to
     * the old parameters is rebuilt before the next forward pass. Optimizer state (moments) is kept
     * for parameters that are still there and starts fresh for new ones.
     */
    public void modelChanged() {
        trainerStale = true;
    }

    /**
     * Attaches a callback for all later fits.
     *
     * @param callback the callback
     */
    public void addCallback(Callback callback) {
        Checks.notNull("callback", callback);
        requireIdle("addCallback");
        callbacks.add(callback);
        active = sorted(callbacks);
    }

    /**
     * Detaches a callback.
     *
     * @param callback the callback
     * @return true if it was attached
     */
    public boolean removeCallback(Callback callback) {
        requireIdle("removeCallback");
        boolean removed = callbacks.remove(callback);
        active = sorted(callbacks);
        return removed;
    }

    /**
     * Returns the callbacks that run now, in order (during a fit, including that fit's own).
     *
     * @return an unmodifiable list
     */
    public List<Callback> getCallbacks() {
        return active;
    }

    /** Closes the trainer; the model and data stay the caller's. */
    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
            trainer = null;
        }
    }

    // ---- the loop ----

    private void runFit(int epochs, Callback[] extraCallbacks) {
        Checks.notNull("extraCallbacks", extraCallbacks);
        for (int i = 0; i < extraCallbacks.length; i++) {
            Checks.notNull("extraCallbacks[" + i + "]", extraCallbacks[i]);
        }
        requireIdle("fit");
        List<Callback> all = new ArrayList<>(callbacks);
        all.addAll(Arrays.asList(extraCallbacks));
        active = sorted(all);
        numEpochs = epochs;
        epoch = 0;
        trainIteration = 0;
        pctTrain = 0;
        inFit = true;
        fitFailed = false;
        try {
            fitWithEvents();
        } finally {
            inFit = false;
            training = false;
            clearBatch();
            active = sorted(callbacks);
        }
    }

    private void fitWithEvents() {
        try {
            fire(CallbackEvent.BEFORE_FIT);
            for (epoch = 0; epoch < numEpochs; epoch++) {
                withEvents(Phase.EPOCH, this::oneEpoch);
            }
        } catch (CancelFitException e) {
            fire(CallbackEvent.AFTER_CANCEL_FIT);
        } catch (RuntimeException | Error e) {
            cleanUpAfterFailure(e);
            throw e;
        }
        fire(CallbackEvent.AFTER_FIT);
    }

    /** Runs afterFit so callbacks release what they hold; their own failures are suppressed. */
    private void cleanUpAfterFailure(Throwable failure) {
        fitFailed = true;
        for (Callback callback : active) {
            try {
                callback.afterFit(this);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private void oneEpoch() {
        runPass(true, data.getTrain());
        runPass(false, data.getValid());
    }

    private void runPass(boolean train, RandomAccessDataset dataset) {
        training = train;
        if (train) {
            pctTrain = (double) epoch / numEpochs;
        }
        try (NDManager passManager = model.getNDManager().newSubManager(device)) {
            Iterable<Batch> batches =
                    train
                            ? data.trainBatches(passManager, epoch)
                            : data.inOrder(dataset, passManager);
            long size = dataset.size();
            long batchSize = data.getBatchSize();
            long count = train ? data.numTrainBatches() : (size + batchSize - 1) / batchSize;
            withEvents(train ? Phase.TRAIN : Phase.VALIDATE, () -> allBatches(batches, count));
        } finally {
            training = false;
        }
    }

    private void allBatches(Iterable<Batch> batches, long count) {
        numIterations = count;
        iteration = 0;
        for (Batch batch : batches) {
            try (batch) {
                xb = data.transform(batch.getData().toDevice(device, false));
                yb = batch.getLabels().toDevice(device, false);
                if (training) {
                    pctTrain =
                            (double) (epoch * numIterations + iteration)
                                    / ((double) numEpochs * numIterations);
                }
                withEvents(Phase.BATCH, this::oneBatch);
            } finally {
                clearBatch();
            }
            if (training) {
                trainIteration++;
            }
            iteration++;
        }
    }

    private void oneBatch() {
        ensureTrainer();
        if (!training) {
            predictAndLoss();
            return;
        }
        try {
            try (GradientCollector collector = trainer.newGradientCollector()) {
                predictAndLoss();
                withEvents(Phase.BACKWARD, () -> collector.backward(loss));
            }
            withEvents(Phase.STEP, this::step);
        } catch (CancelException e) {
            throw e; // a cancel keeps gradients: skipping steps accumulates them, as in fastai
        } catch (RuntimeException | Error e) {
            discardGradients();
            throw e;
        }
    }

    private void predictAndLoss() {
        pred = forward(xb, training);
        fire(CallbackEvent.AFTER_PRED);
        checkBatchShapes();
        loss = lossFunction.evaluate(yb, pred);
        fire(CallbackEvent.AFTER_LOSS);
        if (loss == null) {
            throw new IllegalStateException("the loss was set to null in afterLoss");
        }
    }

    private NDList forward(NDList input, boolean train) {
        if (!model.getBlock().isInitialized()) {
            trainer.initialize(input.getShapes());
        }
        try {
            return train ? trainer.forward(input) : trainer.evaluate(input);
        } catch (EngineException e) {
            throw new IllegalArgumentException(
                    "the model could not run on inputs of shape "
                            + Arrays.toString(input.getShapes())
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private void step() {
        // Checked before the optimizer touches any parameter, so a bad value never leaves a
        // half-updated model.
        Checks.positive("lr", lr);
        Checks.rate("mom", mom);
        // The update DJL's local parameter server makes in Trainer.step(), without its
        // first-step guard against all-zero gradients (a cancelled backward pass is legal here).
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            Parameter parameter = pair.getValue();
            NDArray weight = parameter.getArray();
            if (parameter.requiresGradient() && weight.hasGradient()) {
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(parameter.getId(), weight, gradient);
                }
            }
        }
    }

    private void checkBatchShapes() {
        if (pred == null || pred.isEmpty()) {
            throw new IllegalStateException("the model returned no predictions");
        }
        if (yb == null || yb.isEmpty()) {
            throw new IllegalArgumentException("the batch has no labels: the loss needs them");
        }
        Shape predShape = pred.head().getShape();
        Shape labelShape = yb.head().getShape();
        if (predShape.dimension() == 0
                || labelShape.dimension() == 0
                || predShape.get(0) != labelShape.get(0)) {
            throw new IllegalArgumentException(
                    "labels and predictions disagree: labels "
                            + labelShape
                            + ", predictions "
                            + predShape
                            + "; their first (batch) dimensions must be equal");
        }
    }

    private void discardGradients() {
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.isInitialized() && parameter.getArray().hasGradient()) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }

    private void ensureTrainer() {
        if (trainer != null && !trainerStale) {
            return;
        }
        if (trainer != null) {
            trainer.close();
        }
        if (optimizer == null) {
            // Kept across rebuilds: its state is keyed by parameter id, so parameters that
            // survive a layer swap keep their moments and new ones start fresh.
            optimizer = optimizerConfig.newOptimizer(() -> lr, () -> mom);
        }
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(lossFunction)
                        .optOptimizer(optimizer)
                        .optDevices(new Device[] {device});
        trainer = model.newTrainer(config);
        trainerStale = false;
        // Arrays put in after initialization (loaded, sliced by a pruner) carry no gradient yet.
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()
                    && parameter.isInitialized()
                    && !parameter.getArray().hasGradient()) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
    }

    private void withEvents(Phase phase, Runnable body) {
        try {
            fire(phase.before);
            body.run();
        } catch (CancelException e) {
            if (!phase.cancel.isInstance(e)) {
                throw e;
            }
            fire(phase.afterCancel);
        }
        fire(phase.after);
    }

    private void fire(CallbackEvent event) {
        for (Callback callback : active) {
            try {
                event.fire(callback, this);
            } catch (CancelException | CallbackException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CallbackException(callback.getName(), event, e);
            }
        }
    }

    private void clearBatch() {
        xb = null;
        yb = null;
        pred = null;
        loss = null;
    }

    private static List<Callback> sorted(List<Callback> list) {
        List<Callback> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(Callback::getOrder)); // stable: equal orders keep theirs
        return Collections.unmodifiableList(copy);
    }

    private void requireIdle(String what) {
        if (inFit) {
            throw new IllegalStateException(what + " cannot be called during a fit");
        }
    }

    private static void checkEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }

    // ---- state for callbacks ----

    /**
     * Returns the model being trained.
     *
     * @return the model
     */
    public Model getModel() {
        return model;
    }

    /**
     * Returns the data.
     *
     * @return the data loaders
     */
    public DataLoaders getData() {
        return data;
    }

    /**
     * Returns the loss function.
     *
     * @return the loss function
     */
    public Loss getLossFunction() {
        return lossFunction;
    }

    /**
     * Returns the validation metrics.
     *
     * @return an unmodifiable list
     */
    public List<Evaluator> getMetrics() {
        return metrics;
    }

    /**
     * Returns the device batches are moved to.
     *
     * @return the device
     */
    public Device getDevice() {
        return device;
    }

    /**
     * Returns the recorder of losses, hyper-parameters and epoch results.
     *
     * @return the recorder
     */
    public Recorder getRecorder() {
        return recorder;
    }

    /**
     * Returns DJL's trainer behind the loop (made on the first batch; replaced after {@link
     * #modelChanged()}), or null before.
     *
     * @return the trainer or null
     */
    public Trainer getTrainer() {
        return trainer;
    }

    /**
     * Returns how the learner makes its optimizer, so a callback that trains parameters of its own
     * (a distillation adapter) can update them the same way, at the learner's learning rate and
     * momentum.
     *
     * @return the optimizer configuration
     */
    public OptimizerConfig getOptimizerConfig() {
        return optimizerConfig;
    }

    /**
     * Returns the current learning rate.
     *
     * @return the learning rate
     */
    public double getLr() {
        return lr;
    }

    /**
     * Sets the learning rate of the next optimizer steps (a scheduler calls this before each
     * batch).
     *
     * @param lr finite and &gt; 0
     */
    public void setLr(double lr) {
        Checks.positive("lr", lr);
        this.lr = lr;
    }

    /**
     * Returns the current momentum (beta1 for Adam).
     *
     * @return the momentum
     */
    public double getMom() {
        return mom;
    }

    /**
     * Sets the momentum of the next optimizer steps (beta1 for Adam; ignored by SGD built without
     * momentum).
     *
     * @param mom in [0, 1)
     */
    public void setMom(double mom) {
        Checks.rate("mom", mom);
        this.mom = mom;
    }

    /**
     * Returns whether the current (or last) fit is ending with an exception: {@code afterFit} then
     * runs for clean-up only, and should not change the model.
     *
     * @return true while failing, and after a failed fit
     */
    public boolean hasFitFailed() {
        return fitFailed;
    }

    /**
     * Returns whether the current batch is a training batch.
     *
     * @return true while training, false while validating or idle
     */
    public boolean isTraining() {
        return training;
    }

    /**
     * Returns the current epoch, from 0.
     *
     * @return the epoch
     */
    public int getEpoch() {
        return epoch;
    }

    /**
     * Returns the number of epochs of the current fit.
     *
     * @return the number of epochs
     */
    public int getNumEpochs() {
        return numEpochs;
    }

    /**
     * Returns the index of the current batch in its pass, from 0.
     *
     * @return the iteration
     */
    public long getIteration() {
        return iteration;
    }

    /**
     * Returns the number of batches of the current pass.
     *
     * @return the number of iterations
     */
    public long getNumIterations() {
        return numIterations;
    }

    /**
     * Returns how many training batches this fit has completed: during a batch, the batches before
     * it.
     *
     * @return the training step count
     */
    public long getTrainIteration() {
        return trainIteration;
    }

    /**
     * Returns the share of this fit's training done before the current batch: {@code (epoch *
     * numIterations + iteration) / (numEpochs * numIterations)}, in [0, 1).
     *
     * @return the training progress
     */
    public double getPctTrain() {
        return pctTrain;
    }

    /**
     * Returns the current batch's inputs.
     *
     * @return the inputs, or null between batches
     */
    public NDList getXb() {
        return xb;
    }

    /**
     * Replaces the current batch's inputs (in {@code beforeBatch}).
     *
     * @param xb the new inputs, owned by the batch's manager or by the caller
     */
    public void setXb(NDList xb) {
        Checks.notNull("xb", xb);
        this.xb = xb;
    }

    /**
     * Returns the current batch's labels.
     *
     * @return the labels, or null between batches
     */
    public NDList getYb() {
        return yb;
    }

    /**
     * Replaces the current batch's labels (in {@code beforeBatch}).
     *
     * @param yb the new labels
     */
    public void setYb(NDList yb) {
        Checks.notNull("yb", yb);
        this.yb = yb;
    }

    /**
     * Returns the current batch's predictions.
     *
     * @return the predictions, or null before {@code afterPred}
     */
    public NDList getPred() {
        return pred;
    }

    /**
     * Replaces the current batch's predictions (in {@code afterPred}).
     *
     * @param pred the new predictions
     */
    public void setPred(NDList pred) {
        Checks.notNull("pred", pred);
        this.pred = pred;
    }

    /**
     * Returns the current batch's loss.
     *
     * @return the loss, or null before {@code afterLoss}
     */
    public NDArray getLoss() {
        return loss;
    }

    /**
     * Replaces the current batch's loss (in {@code afterLoss}): the backward pass differentiates
     * the new one, so it must be computed from the predictions inside the same batch.
     *
     * @param loss the new loss, a scalar
     */
    public void setLoss(NDArray loss) {
        Checks.notNull("loss", loss);
        this.loss = loss;
    }

    /** The phases of the loop and their events. */
    private enum Phase {
        EPOCH(
                CallbackEvent.BEFORE_EPOCH,
                CallbackEvent.AFTER_CANCEL_EPOCH,
                CallbackEvent.AFTER_EPOCH,
                CancelEpochException.class),
        TRAIN(
                CallbackEvent.BEFORE_TRAIN,
                CallbackEvent.AFTER_CANCEL_TRAIN,
                CallbackEvent.AFTER_TRAIN,
                CancelTrainException.class),
        VALIDATE(
                CallbackEvent.BEFORE_VALIDATE,
                CallbackEvent.AFTER_CANCEL_VALIDATE,
                CallbackEvent.AFTER_VALIDATE,
                CancelValidateException.class),
        BATCH(
                CallbackEvent.BEFORE_BATCH,
                CallbackEvent.AFTER_CANCEL_BATCH,
                CallbackEvent.AFTER_BATCH,
                CancelBatchException.class),
        BACKWARD(
                CallbackEvent.BEFORE_BACKWARD,
                CallbackEvent.AFTER_CANCEL_BACKWARD,
                CallbackEvent.AFTER_BACKWARD,
                CancelBackwardException.class),
        STEP(
                CallbackEvent.BEFORE_STEP,
                CallbackEvent.AFTER_CANCEL_STEP,
                CallbackEvent.AFTER_STEP,
                CancelStepException.class);

        final CallbackEvent before;
        final CallbackEvent afterCancel;
        final CallbackEvent after;
        final Class<? extends CancelException> cancel;

        Phase(
                CallbackEvent before,
                CallbackEvent afterCancel,
                CallbackEvent after,
                Class<? extends CancelException> cancel) {
            this.before = before;
            this.afterCancel = afterCancel;
            this.after = after;
            this.cancel = cancel;
        }
    }

    /** Builds a {@link Learner}; validation happens in {@link #build()}. */
    public static final class Builder {

        private DataLoaders data;
        private Model model;
        private Loss loss;
        private final List<Evaluator> metrics = new ArrayList<>();
        private OptimizerConfig optimizer = OptimizerConfig.adam().build();
        private Device device;
        private boolean showProgress = true;
        private final List<Callback> callbacks = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the data (required).
         *
         * @param data the data loaders
         * @return this builder
         */
        public Builder setData(DataLoaders data) {
            this.data = data;
            return this;
        }

        /**
         * Sets the model (required); it stays the caller's to close.
         *
         * @param model the model, with its block set
         * @return this builder
         */
        public Builder setModel(Model model) {
            this.model = model;
            return this;
        }

        /**
         * Sets the loss function (required), e.g. {@code Loss.softmaxCrossEntropyLoss()}.
         *
         * @param loss the loss
         * @return this builder
         */
        public Builder setLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * Sets the validation metrics (see {@code Metrics}); DJL evaluators of any kind work.
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder optMetrics(Evaluator... metrics) {
            this.metrics.clear();
            this.metrics.addAll(Arrays.asList(metrics));
            return this;
        }

        /**
         * Sets the optimizer (default Adam, see {@link OptimizerConfig#adam()}).
         *
         * @param optimizer the optimizer configuration
         * @return this builder
         */
        public Builder optOptimizer(OptimizerConfig optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Sets the device batches run on (default: the model manager's device, a GPU when DJL finds
         * one).
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Sets whether a {@link ProgressCallback} prints the epoch table (default true).
         *
         * @param showProgress false for quiet runs, e.g. in tests
         * @return this builder
         */
        public Builder optShowProgress(boolean showProgress) {
            this.showProgress = showProgress;
            return this;
        }

        /**
         * Attaches a callback for every fit.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder addCallback(Callback callback) {
            callbacks.add(callback);
            return this;
        }

        /**
         * Validates and builds the learner.
         *
         * @return the learner
         * @throws IllegalArgumentException naming the missing or bad option
         */
        public Learner build() {
            return new Learner(check());
        }

        private Builder check() {
            Checks.notNull("data", data);
            Checks.notNull("model", model);
            Checks.notNull("loss", loss);
            Checks.notNull("optimizer", optimizer);
            if (model.getBlock() == null) {
                throw new IllegalArgumentException("model has no block: call model.setBlock first");
            }
            for (int i = 0; i < metrics.size(); i++) {
                Checks.notNull("metrics[" + i + "]", metrics.get(i));
            }
            for (int i = 0; i < callbacks.size(); i++) {
                Checks.notNull("callbacks[" + i + "]", callbacks.get(i));
            }
            return this;
        }
    }
}
