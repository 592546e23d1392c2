/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.dataset.Batch;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.data.DataLoaders;
import ai.fasterai.core.io.ModelFile;
import ai.fasterai.core.schedule.Schedule;
import ai.fasterai.core.schedule.Schedules;
import ai.fasterai.core.util.Checks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sparsifies a model while it trains, as fasterai's {@code SparsifyCallback}: a {@link Sparsifier}
 * zeroes groups of weights following a {@link Schedule}, and the masks are applied again after
 * every optimizer step so that zeroed weights stay zero.
 *
 * <pre>{@code
 * learn.fitOneCycle(5, 1e-3,
 *         new SparsifyCallback(50, Granularities.FILTER, Context.GLOBAL,
 *                 Criteria.largeFinal(), Schedules.agp()));
 * }</pre>
 *
 * <p>What happens at each event:
 *
 * <ul>
 *   <li>{@code beforeFit}: the sparsifier is built on the learner's model (or {@link
 *       Builder#optModel(Block)}); an uninitialized model is first initialized from the shapes of
 *       the first training batch. Every check that needs the model (granularity, layer types,
 *       per-layer paths, N:M fit, lottery-ticket rewind epoch) runs here, before any weight is
 *       changed: a failure leaves the model as it was. A criteria that {@linkplain
 *       Criteria#needsData() needs data} (Wanda) is calibrated on the first {@link
 *       Builder#optCalibrationBatches(int) calibration batches} of the training data.
 *   <li>{@code beforeBatch} (training batches only): the scheduled sparsity is {@code target *
 *       schedule.progress(pctTrain)}; the masks are recomputed only when it differs from the one
 *       applied last (the model starts at 0: no mask is made before the schedule moves).
 *   <li>{@code afterBackward}: a criteria that {@linkplain Criteria#needsGradient() needs
 *       gradients} (Taylor) gets a copy of them; the masks are computed from the last captured
 *       gradients, so pruning waits until one backward pass has run.
 *   <li>{@code afterStep}: the masks are applied again (after a lottery-ticket pruning, the weights
 *       are first rewound).
 *   <li>{@code afterTrain} of the last epoch: the sparsity is set to its end value {@code target *
 *       schedule.progress(1)}, so the last validation and the final model have exactly the target
 *       (fasterai stops one batch short of it).
 *   <li>{@code afterEpoch}: logs {@code Sparsity at the end of epoch N: x.xx%}.
 *   <li>{@code afterFit}: optional rewind ({@link Builder#optResetEnd}), final ticket ({@link
 *       Builder#optSaveTickets}), the sparsifier's report, then the sparsifier is closed. After a
 *       failed fit only the clean-up runs.
 * </ul>
 *
 * <p>The callback keeps the default order ({@link Callback#ORDER_DEFAULT}): its masks are in place
 * before the {@code Recorder}, {@code ProgressCallback} and saving callbacks see a batch or an
 * epoch. A callback that should see the masked weights after a step must have an order above 0.
 *
 * <p>The sparsifier's masks, saved weights and captured gradients live in its own manager, freed
 * when the fit ends (also when it fails). Layers replaced during a fit (by a pruning callback) are
 * not followed: the masks belong to the layers found in {@code beforeFit}. One instance may serve
 * several fits, one at a time; each fit builds a new sparsifier and starts its schedule from 0. Not
 * thread-safe.
 */
public final class SparsifyCallback implements Callback {

    private final Double sparsity;
    private final Map<String, Double> sparsities;
    private final String granularity;
    private final Context context;
    private final Criteria criteria;
    private final Schedule schedule;
    private final List<Class<? extends Block>> layerTypes;
    private final int roundTo;
    private final int nmKeep;
    private final int nmGroup;
    private final boolean lotteryTicket;
    private final int rewindEpoch;
    private final boolean resetEnd;
    private final Path ticketFolder;
    private final Block model;
    private final int calibrationBatches;
    private final PrintStream log;

    private Sparsifier sparsifier;
    private Block sparsifiedModel;
    private double currentSparsity;
    private double appliedProgress;
    private boolean prunedThisBatch;
    private boolean gradientsCaptured;
    private boolean weightsSaved;

    /**
     * Makes a callback with fasterai's arguments: {@code SparsifyCallback(sparsity, granularity,
     * context, criteria, schedule)}, on {@link Conv2d} layers.
     *
     * @param sparsity the target sparsity in percent, {@code 0..100}
     * @param granularity a granularity name, e.g. {@link Granularities#FILTER}
     * @param context local or global
     * @param criteria the importance criteria
     * @param schedule how the sparsity grows over training, e.g. {@link Schedules#agp()}
     * @throws IllegalArgumentException as {@link Builder#build()}
     */
    public SparsifyCallback(
            double sparsity,
            String granularity,
            Context context,
            Criteria criteria,
            Schedule schedule) {
        this(
                builder()
                        .setSparsity(sparsity)
                        .optGranularity(granularity)
                        .optContext(context)
                        .optCriteria(criteria)
                        .optSchedule(schedule)
                        .check());
    }

    private SparsifyCallback(Builder builder) {
        sparsity = builder.sparsity;
        sparsities =
                builder.sparsities == null
                        ? null
                        : Collections.unmodifiableMap(new LinkedHashMap<>(builder.sparsities));
        granularity = builder.granularity;
        context = builder.context;
        criteria = builder.criteria;
        schedule = builder.schedule;
        layerTypes = List.copyOf(builder.layerTypes);
        roundTo = builder.roundTo;
        nmKeep = builder.nmKeep;
        nmGroup = builder.nmGroup;
        lotteryTicket = builder.rewindEpoch != null;
        rewindEpoch = lotteryTicket ? builder.rewindEpoch : -1;
        resetEnd = builder.resetEnd;
        ticketFolder = builder.ticketFolder;
        model = builder.model;
        calibrationBatches = builder.calibrationBatches;
        log = builder.log;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with granularity {@code weight}, local context, {@code large_final}, the
     *     {@code cos} schedule and {@link Conv2d} layers; a sparsity must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the scheduled sparsity applied now, in percent: {@code target *
     * schedule.progress(pctTrain)} of the current training batch (for per-layer targets, the mean
     * over the layers of the map). It is 0 before the first fit and until the schedule moves, and
     * stays readable after a fit (then it is the end value, normally the target). With N:M sparsity
     * the pattern's own share applies whenever this is positive. With a criteria that needs
     * gradients it stays 0 until the first backward pass has run.
     *
     * @return the sparsity in percent
     */
    public double getCurrentSparsity() {
        return currentSparsity;
    }

    /**
     * Returns the sparsifier of the running fit, e.g. to read its masks from another callback.
     *
     * @return the sparsifier between {@code beforeFit} and {@code afterFit}; null before the first
     *     fit and after a fit, when it has been closed to free its masks (the model keeps its
     *     zeros)
     */
    public Sparsifier getSparsifier() {
        return sparsifier;
    }

    /**
     * Returns the target sparsity of all selected layers.
     *
     * @return the target in percent, or NaN when per-layer targets were set
     */
    public double getSparsity() {
        return sparsity == null ? Double.NaN : sparsity;
    }

    /**
     * Returns the per-layer targets.
     *
     * @return sparsity in percent by layer path (unmodifiable), empty when one target was set
     */
    public Map<String, Double> getSparsities() {
        return sparsities == null ? Map.of() : sparsities;
    }

    /**
     * Returns the granularity.
     *
     * @return its name
     */
    public String getGranularity() {
        return granularity;
    }

    /**
     * Returns the context.
     *
     * @return local or global
     */
    public Context getContext() {
        return context;
    }

    /**
     * Returns the criteria.
     *
     * @return the criteria
     */
    public Criteria getCriteria() {
        return criteria;
    }

    /**
     * Returns the schedule.
     *
     * @return the schedule
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * Returns the sparsified layer types.
     *
     * @return an unmodifiable list
     */
    public List<Class<? extends Block>> getLayerTypes() {
        return layerTypes;
    }

    /**
     * Describes the callback.
     *
     * @return e.g. {@code SparsifyCallback(sparsity=50.0, granularity=filter, context=GLOBAL,
     *     criteria=large_final(mean), schedule=agp[0.2..1.0])}
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SparsifyCallback(");
        out.append(sparsities == null ? "sparsity=" + sparsity : "sparsities=" + sparsities);
        out.append(", granularity=").append(granularity);
        out.append(", context=").append(context);
        out.append(", criteria=").append(criteria);
        out.append(", schedule=").append(schedule);
        if (nmGroup > 0) {
            out.append(", nm=").append(nmKeep).append(':').append(nmGroup);
        }
        if (lotteryTicket) {
            out.append(", rewindEpoch=").append(rewindEpoch);
        }
        return out.append(')').toString();
    }

    /**
     * Builds the sparsifier and checks everything that needs the model, before any weight changes;
     * calibrates a criteria that needs data.
     *
     * @param learn the learner
     * @throws IllegalArgumentException if the granularity, the layer types, a per-layer path, the
     *     N:M pattern or the lottery ticket's rewind epoch does not fit the model or the fit (the
     *     learner reports it as a {@code CallbackException}); the model is left as it was
     */
    @Override
    public void beforeFit(Learner learn) {
        closeSparsifier();
        currentSparsity = 0;
        appliedProgress = 0;
        prunedThisBatch = false;
        gradientsCaptured = false;
        weightsSaved = false;
        if (lotteryTicket) {
            checkRewindEpoch(learn.getNumEpochs());
        }
        Block learnerBlock = learn.getModel().getBlock();
        Block target = model != null ? model : learnerBlock;
        if (criteria.needsData() && target != learnerBlock) {
            throw new IllegalArgumentException(
                    "criteria "
                            + criteria.getName()
                            + " calibrates on the learner's inputs, so the sparsified model must be"
                            + " the learner's model block; optModel gave another block ("
                            + target.getClass().getSimpleName()
                            + ")");
        }
        learn.initializeModel();
        Sparsifier built = newSparsifier(target);
        try {
            if (sparsities != null) {
                List<String> paths = built.getLayerPaths();
                for (String path : sparsities.keySet()) {
                    if (!paths.contains(path)) {
                        throw new IllegalArgumentException(
                                "sparsities names layer '"
                                        + path
                                        + "', which is not a selected layer; the layers are "
                                        + paths);
                    }
                }
            }
            if (ticketFolder != null) {
                try {
                    Files.createDirectories(ticketFolder);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "could not create the ticket folder " + ticketFolder, e);
                }
            }
            if (criteria.needsData()) {
                calibrate(learn, built);
            }
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
        sparsifier = built;
        log.println("Pruning of " + granularity + " until " + describeTarget());
    }

    /**
     * Saves the weights at the lottery ticket's rewind epoch.
     *
     * @param learn the learner
     */
    @Override
    public void beforeEpoch(Learner learn) {
        if (lotteryTicket && sparsifier != null && learn.getEpoch() == rewindEpoch) {
            log.println("Saving weights at epoch " + learn.getEpoch());
            sparsifier.saveWeights();
            weightsSaved = true;
        }
    }

    /**
     * Applies the scheduled sparsity of a training batch, recomputing the masks only when it
     * changed.
     *
     * @param learn the learner
     */
    @Override
    public void beforeBatch(Learner learn) {
        if (!learn.isTraining() || sparsifier == null) {
            return;
        }
        prunedThisBatch = false;
        double progress = schedule.progress(learn.getPctTrain());
        if (criteria.needsGradient() && !gradientsCaptured) {
            return; // scores need a gradient: prune from the batch after the first backward pass
        }
        prunedThisBatch = applyProgress(progress);
    }

    /**
     * Keeps the gradients for a criteria that needs them (they are zeroed by the step).
     *
     * @param learn the learner
     */
    @Override
    public void afterBackward(Learner learn) {
        if (sparsifier != null && learn.isTraining() && criteria.needsGradient()) {
            sparsifier.captureGradients();
            gradientsCaptured = true;
        }
    }

    /**
     * Zeroes the masked weights again (after a lottery-ticket pruning, rewinds first).
     *
     * @param learn the learner
     */
    @Override
    public void afterStep(Learner learn) {
        if (sparsifier == null) {
            return;
        }
        if (lotteryTicket && prunedThisBatch && weightsSaved) {
            log.println("Resetting weights to their epoch " + rewindEpoch + " values");
            sparsifier.resetWeights(); // re-applies the masks
        } else {
            sparsifier.applyMasks();
        }
        prunedThisBatch = false;
    }

    /**
     * After the last training pass, moves to the schedule's end value, so that the last validation
     * and the final model have it.
     *
     * @param learn the learner
     */
    @Override
    public void afterTrain(Learner learn) {
        if (sparsifier != null && learn.getEpoch() == learn.getNumEpochs() - 1) {
            applyProgress(schedule.progress(1.0));
        }
    }

    /**
     * Logs the sparsity at the end of the epoch.
     *
     * @param learn the learner
     */
    @Override
    public void afterEpoch(Learner learn) {
        if (sparsifier != null) {
            log.printf(
                    Locale.ROOT,
                    "Sparsity at the end of epoch %d: %.2f%%%n",
                    learn.getEpoch(),
                    currentSparsity);
        }
    }

    /**
     * Rewinds ({@code resetEnd}), saves the final ticket and logs the report, then closes the
     * sparsifier. After a failed fit it only closes the sparsifier, and never throws.
     *
     * @param learn the learner
     * @throws java.io.UncheckedIOException if the final ticket cannot be saved
     */
    @Override
    public void afterFit(Learner learn) {
        if (sparsifier == null) {
            return;
        }
        if (learn.hasFitFailed()) {
            closeSparsifier(); // clean-up only: never throws
            return;
        }
        try {
            if (resetEnd) {
                if (weightsSaved) {
                    log.println("Resetting weights to their epoch " + rewindEpoch + " values");
                    sparsifier.resetWeights();
                } else {
                    log.println(
                            "Not resetting weights: epoch " + rewindEpoch + " was never reached");
                }
            }
            if (ticketFolder != null) {
                saveTicket(currentSparsity, "final");
            }
            log.print(sparsifier.report());
        } finally {
            closeSparsifier();
        }
    }

    /**
     * Applies {@code target * progress} if it differs from what is applied.
     *
     * @return whether the masks were recomputed
     */
    private boolean applyProgress(double progress) {
        if (Double.isNaN(progress)) {
            throw new IllegalStateException(
                    "schedule " + schedule + " gave a progress of NaN; it must be a number");
        }
        if (sparsities == null) {
            double value = clampPercent(sparsity * progress);
            boolean changed =
                    nmGroup > 0 ? (value > 0) != (currentSparsity > 0) : value != currentSparsity;
            if (changed) {
                beforePruning();
                sparsifier.sparsifyModel(value, roundTo);
            }
            // With N:M the pattern is the same for every positive value: only the switch counts.
            currentSparsity = value;
            appliedProgress = progress;
            return changed;
        }
        boolean changed =
                nmGroup > 0 ? (progress > 0) != (appliedProgress > 0) : progress != appliedProgress;
        if (!changed) {
            return false;
        }
        Map<String, Double> scaled = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Double> entry : sparsities.entrySet()) {
            double value = clampPercent(entry.getValue() * progress);
            scaled.put(entry.getKey(), value);
            sum += value;
        }
        beforePruning();
        sparsifier.sparsifyModel(scaled, roundTo);
        currentSparsity = sum / scaled.size();
        appliedProgress = progress;
        return true;
    }

    private void beforePruning() {
        if (lotteryTicket && ticketFolder != null) {
            saveTicket(currentSparsity, "intermediate");
        }
    }

    private void saveTicket(double ticketSparsity, String kind) {
        Path file =
                ticketFolder.resolve(
                        String.format(Locale.ROOT, "winning_ticket_%.2f.fai", ticketSparsity));
        log.println("Saving " + kind + " ticket " + file.getFileName());
        try {
            ModelFile.save(sparsifiedModel, file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the ticket " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private Sparsifier newSparsifier(Block target) {
        Sparsifier.Builder b =
                Sparsifier.builder()
                        .setModel(target)
                        .optGranularity(granularity)
                        .optContext(context)
                        .optCriteria(criteria);
        b.optLayerTypes(layerTypes.toArray(new Class[0]));
        if (nmGroup > 0) {
            b.optNM(nmKeep, nmGroup);
        }
        Sparsifier built = b.build();
        sparsifiedModel = target;
        return built;
    }

    private void checkRewindEpoch(int numEpochs) {
        double pruningStartEpoch = schedule.getStartPct() * numEpochs;
        if (rewindEpoch >= numEpochs || pruningStartEpoch < rewindEpoch) {
            throw new IllegalArgumentException(
                    "the lottery ticket's rewindEpoch must be an epoch of the fit that comes no"
                            + " later than the start of pruning (schedule startPct "
                            + schedule.getStartPct()
                            + " x "
                            + numEpochs
                            + " epochs = epoch "
                            + pruningStartEpoch
                            + "), got rewindEpoch="
                            + rewindEpoch);
        }
    }

    private void calibrate(Learner learn, Sparsifier target) {
        DataLoaders data = learn.getData();
        Device device = learn.getDevice();
        List<Batch> held = new ArrayList<>();
        try (NDManager scope = learn.getModel().getNDManager().newSubManager(device)) {
            List<NDList> inputs = new ArrayList<>();
            for (Batch batch : data.trainBatches(scope, 0)) {
                held.add(batch);
                inputs.add(data.transform(batch.getData().toDevice(device, false)));
                if (inputs.size() == calibrationBatches) {
                    break;
                }
            }
            target.calibrate(inputs);
        } finally {
            held.forEach(Batch::close);
        }
    }

    private String describeTarget() {
        String pattern = nmGroup > 0 ? " (" + nmKeep + ":" + nmGroup + " pattern)" : "";
        if (sparsities == null) {
            return "a sparsity of " + plain(sparsity) + "%" + pattern;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> entry : sparsities.entrySet()) {
            parts.add(entry.getKey() + "=" + plain(entry.getValue()) + "%");
        }
        return "sparsities of " + parts + pattern;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static double clampPercent(double value) {
        return Math.min(100.0, Math.max(0.0, value));
    }

    private void closeSparsifier() {
        if (sparsifier != null) {
            try {
                sparsifier.close();
            } catch (RuntimeException e) {
                // freeing native memory must not hide the fit's own outcome
            } finally {
                sparsifier = null;
            }
        }
    }

    /** Builds a {@link SparsifyCallback}; a sparsity (one or per layer) is required. */
    public static final class Builder {

        private Double sparsity;
        private Map<String, Double> sparsities;
        private boolean sparsitiesSet;
        private String granularity = Granularities.WEIGHT;
        private Context context = Context.LOCAL;
        private Criteria criteria = Criteria.largeFinal();
        private Schedule schedule = Schedules.cos();
        private List<Class<? extends Block>> layerTypes = List.of(Conv2d.class);
        private int roundTo;
        private int nmKeep;
        private int nmGroup;
        private Integer rewindEpoch;
        private boolean resetEnd;
        private Path ticketFolder;
        private boolean saveTickets;
        private Block model;
        private boolean modelSet;
        private int calibrationBatches = 5;
        private PrintStream log = System.out;

        private Builder() {}

        /**
         * Sets one target sparsity for all selected layers (each in local context, all together in
         * global context). Either this or {@link #setSparsities} is required.
         *
         * @param percent the sparsity in percent, {@code 0..100}
         * @return this builder
         */
        public Builder setSparsity(double percent) {
            this.sparsity = percent;
            return this;
        }

        /**
         * Sets a target sparsity per layer, by path (as {@link Sparsifier#getLayerPaths()}); layers
         * not named stay dense. Needs the local context. Either this or {@link #setSparsity} is
         * required.
         *
         * @param perLayerPath sparsity in percent per layer path, not empty; copied
         * @return this builder
         */
        public Builder setSparsities(Map<String, Double> perLayerPath) {
            this.sparsities = perLayerPath == null ? null : new LinkedHashMap<>(perLayerPath);
            this.sparsitiesSet = true;
            return this;
        }

        /**
         * Sets the granularity (default {@link Granularities#WEIGHT}).
         *
         * @param granularity a name from {@link Granularities}, checked against the layers when the
         *     fit starts
         * @return this builder
         */
        public Builder optGranularity(String granularity) {
            this.granularity = granularity;
            return this;
        }

        /**
         * Sets the context (default {@link Context#LOCAL}).
         *
         * @param context local or global
         * @return this builder
         */
        public Builder optContext(Context context) {
            this.context = context;
            return this;
        }

        /**
         * Sets the criteria (default {@link Criteria#largeFinal()}).
         *
         * @param criteria the criteria
         * @return this builder
         */
        public Builder optCriteria(Criteria criteria) {
            this.criteria = criteria;
            return this;
        }

        /**
         * Sets the schedule (default {@link Schedules#cos()}, as fasterai's examples).
         *
         * @param schedule a schedule whose {@link Schedule#progress} is defined from 0 (not a
         *     geometric one)
         * @return this builder
         */
        public Builder optSchedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets the layer types to sparsify (default {@link Conv2d}); subclasses match too.
         *
         * @param layerTypes the types, at least one
         * @return this builder
         */
        @SafeVarargs
        public final Builder optLayerTypes(Class<? extends Block>... layerTypes) {
            this.layerTypes = layerTypes == null ? null : Arrays.asList(layerTypes.clone());
            return this;
        }

        /**
         * Keeps in every layer a multiple of {@code roundTo} groups (fasterai's {@code round_to};
         * default 0, none).
         *
         * @param roundTo the multiple, {@code >= 0}
         * @return this builder
         */
        public Builder optRoundTo(int roundTo) {
            this.roundTo = roundTo;
            return this;
        }

        /**
         * Uses N:M semi-structured sparsity (granularity {@code weight} only): as soon as the
         * scheduled sparsity is positive, every run of {@code m} weights along the input axis keeps
         * its {@code n} most important; the sparsity is then {@code (m - n) / m} whatever the
         * target, and the masks are recomputed only when the schedule switches between zero and
         * positive.
         *
         * @param n the weights kept per run, {@code 1 <= n < m}
         * @param m the run length, {@code >= 2}
         * @return this builder
         */
        public Builder optNM(int n, int m) {
            this.nmKeep = n;
            this.nmGroup = m;
            return this;
        }

        /**
         * Uses 2:4 semi-structured sparsity, as {@code optNM(2, 4)}.
         *
         * @return this builder
         */
        public Builder optSemiStructured() {
            return optNM(2, 4);
        }

        /**
         * Turns on the lottery-ticket hypothesis (Frankle and Carbin): the weights are saved at the
         * start of epoch {@code rewindEpoch}, and after each optimizer step that follows a pruning
         * they are rewound to those values (then masked). The epoch must come no later than the
         * start of the schedule: {@code schedule.getStartPct() * epochs >= rewindEpoch}, checked
         * when the fit starts. With a schedule that changes at every batch (cos, agp) every batch
         * rewinds: use {@link Schedules#iterative} or {@link Schedules#oneShot}.
         *
         * @param rewindEpoch the epoch to rewind to, {@code >= 0}
         * @return this builder
         */
        public Builder optLotteryTicket(int rewindEpoch) {
            this.rewindEpoch = rewindEpoch;
            return this;
        }

        /**
         * Sets whether the weights are rewound to their saved values (times the masks) when the fit
         * ends (default false): the winning ticket, ready to be retrained. Needs {@link
         * #optLotteryTicket}.
         *
         * @param resetEnd true to rewind at the end
         * @return this builder
         */
        public Builder optResetEnd(boolean resetEnd) {
            this.resetEnd = resetEnd;
            return this;
        }

        /**
         * Saves tickets with {@link ModelFile}: before each pruning the current model as {@code
         * winning_ticket_<sparsity before>.fai}, and at the end (after {@link #optResetEnd}) as
         * {@code winning_ticket_<final sparsity>.fai}, sparsity with two decimals. Needs {@link
         * #optLotteryTicket}. The folder is created if needed; a file of the same name is replaced.
         *
         * @param folder the folder of the ticket files
         * @return this builder
         */
        public Builder optSaveTickets(Path folder) {
            this.ticketFolder = folder;
            this.saveTickets = true;
            return this;
        }

        /**
         * Sparsifies this block instead of the learner's whole model (default: the learner's model
         * block), e.g. the backbone.
         *
         * @param model a block of the learner's model; not with a criteria that needs data
         * @return this builder
         */
        public Builder optModel(Block model) {
            this.model = model;
            this.modelSet = true;
            return this;
        }

        /**
         * Sets how many training batches calibrate a criteria that needs data, such as {@link
         * Criteria#wanda()} (default 5).
         *
         * @param batches at least 1
         * @return this builder
         */
        public Builder optCalibrationBatches(int batches) {
            this.calibrationBatches = batches;
            return this;
        }

        /**
         * Sets where progress messages go (default {@code System.out}).
         *
         * @param log the stream
         * @return this builder
         */
        public Builder optLog(PrintStream log) {
            this.log = log;
            return this;
        }

        /**
         * Checks every option that does not need the model and builds the callback; the rest is
         * checked when a fit starts.
         *
         * @return the callback
         * @throws IllegalArgumentException naming the missing or bad option and its value
         */
        public SparsifyCallback build() {
            return new SparsifyCallback(check());
        }

        private Builder check() {
            if (sparsity == null && !sparsitiesSet) {
                throw new IllegalArgumentException(
                        "a target is required: call setSparsity(percent) or setSparsities(map)");
            }
            if (sparsity != null && sparsitiesSet) {
                throw new IllegalArgumentException(
                        "set either sparsity (" + sparsity + ") or sparsities, not both");
            }
            if (sparsity != null) {
                checkPercent("sparsity", sparsity);
            } else {
                Checks.notNull("sparsities", sparsities);
                if (sparsities.isEmpty()) {
                    throw new IllegalArgumentException(
                            "sparsities must name at least one layer, got an empty map");
                }
                for (Map.Entry<String, Double> entry : sparsities.entrySet()) {
                    Checks.notNull("sparsities key", entry.getKey());
                    String name = "sparsities[" + entry.getKey() + "]";
                    Checks.notNull(name, entry.getValue());
                    checkPercent(name, entry.getValue());
                }
            }
            Checks.notNull("granularity", granularity);
            Checks.notNull("context", context);
            Checks.notNull("criteria", criteria);
            Checks.notNull("schedule", schedule);
            if (sparsities != null && context == Context.GLOBAL) {
                throw new IllegalArgumentException(
                        "per-layer sparsities need context LOCAL, got GLOBAL (one ranking over all"
                                + " layers cannot honour per-layer targets)");
            }
            checkSchedule();
            Checks.notNull("layerTypes", layerTypes);
            if (layerTypes.isEmpty()) {
                throw new IllegalArgumentException("layerTypes must name at least one type");
            }
            for (int i = 0; i < layerTypes.size(); i++) {
                Checks.notNull("layerTypes[" + i + "]", layerTypes.get(i));
            }
            Checks.atLeast("roundTo", roundTo, 0);
            if (nmGroup != 0 || nmKeep != 0) {
                Checks.atLeast("m", nmGroup, 2);
                if (nmKeep < 1 || nmKeep >= nmGroup) {
                    throw new IllegalArgumentException(
                            "n must be in [1, m - 1] = [1, " + (nmGroup - 1) + "], got " + nmKeep);
                }
                if (!granularity.equals(Granularities.WEIGHT)) {
                    throw new IllegalArgumentException(
                            "N:M sparsity needs granularity 'weight', got '" + granularity + "'");
                }
                if (roundTo != 0) {
                    throw new IllegalArgumentException(
                            "roundTo does not apply to N:M sparsity, got roundTo=" + roundTo);
                }
            }
            if (rewindEpoch != null) {
                Checks.atLeast("rewindEpoch", rewindEpoch, 0);
            }
            if (resetEnd && rewindEpoch == null) {
                throw new IllegalArgumentException(
                        "resetEnd rewinds to the lottery ticket's saved weights: it needs"
                                + " optLotteryTicket(rewindEpoch)");
            }
            if (saveTickets) {
                Checks.notNull("ticketFolder", ticketFolder);
                if (rewindEpoch == null) {
                    throw new IllegalArgumentException(
                            "saveTickets saves lottery tickets: it needs"
                                    + " optLotteryTicket(rewindEpoch)");
                }
            }
            if (modelSet) {
                Checks.notNull("model", model);
            }
            Checks.atLeast("calibrationBatches", calibrationBatches, 1);
            Checks.notNull("log", log);
            return this;
        }

        private void checkSchedule() {
            for (double pct : new double[] {0.0, 1.0}) {
                double progress;
                try {
                    progress = schedule.progress(pct);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "schedule " + schedule + " cannot grow a sparsity from 0: " + e, e);
                }
                if (!Double.isFinite(progress)) {
                    throw new IllegalArgumentException(
                            "schedule "
                                    + schedule
                                    + " must give a finite progress, got "
                                    + progress
                                    + " at pctTrain="
                                    + pct);
                }
            }
        }

        private static void checkPercent(String name, double value) {
            if (!(value >= 0 && value <= 100)) {
                throw new IllegalArgumentException(
                        name + " must be a percentage in [0, 100], got " + value);
            }
        }
    }
}
