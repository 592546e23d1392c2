/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.sparse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.fasterai.core.Callback;
import ai.fasterai.core.Learner;
import ai.fasterai.core.schedule.Schedule;
import ai.fasterai.core.util.Checks;

import java.util.List;

/**
 * Group-lasso regularization, as fasterai's {@code RegularizeCallback(criteria, granularity,
 * weight, layer_type, schedule)}: during training it adds to each batch's loss
 *
 * <pre>
 * weight_t * sum over selected layers, sum over groups g of ||s(w)_g||_2
 * </pre>
 *
 * where {@code s} is the criteria's per-weight score ({@code |w|} for the default {@link
 * Criteria#largeFinal()}, so a group's term is the L2 norm of its weights) and the groups are the
 * {@linkplain Granularities granularity}'s. Whole groups are pushed towards zero together, which
 * makes a later {@link Sparsifier} (same granularity) lose less. With granularity {@code weight}
 * every group is one weight and the term is the L1 norm.
 *
 * <pre>{@code
 * learn.fit(5, 1e-3, RegularizeCallback.builder()
 *         .setWeight(1e-4)
 *         .optGranularity(Granularities.FILTER)
 *         .optSchedule(Schedules.cos())
 *         .build());
 * }</pre>
 *
 * <p>{@code weight_t} is {@code weight * schedule.progress(pctTrain)}, or {@code weight} without a
 * schedule. The term is added in {@code afterLoss}, inside the gradient collector, so the backward
 * pass differentiates it; validation batches are left alone. The recorded training loss includes
 * it. The callback runs at order {@link #ORDER}, after callbacks of the default order that replace
 * the loss (distillation), so it adds to their loss.
 *
 * <p>Memory: the arrays made while computing the term are freed at the end of {@code afterLoss} (an
 * {@code NDScope}; the autograd graph keeps what backward needs), and the new loss belongs to the
 * batch's manager like the old one, so nothing accumulates on the model's manager.
 *
 * <p>The granularity and layer types are checked against the model in {@code beforeFit}, before any
 * step; the selected layers are looked up again before each training pass, so layers swapped at
 * {@code afterEpoch} are followed.
 */
public final class RegularizeCallback implements Callback {

    /** The order: after default-order callbacks that replace the loss. */
    public static final int ORDER = 10;

    private final double weight;
    private final String granularity;
    private final Criteria criteria;
    private final List<Class<? extends Block>> layerTypes;
    private final Schedule schedule;
    private final GroupLasso lasso;
    private List<LayerSelection.Layer> layers;

    private RegularizeCallback(Builder builder) {
        this.weight = builder.weight;
        this.granularity = builder.granularity;
        this.criteria = builder.criteria;
        this.layerTypes = builder.layerTypes;
        this.schedule = builder.schedule;
        this.lasso = new GroupLasso(criteria);
    }

    /**
     * Starts a builder.
     *
     * @return a builder with granularity {@code weight}, {@link Criteria#largeFinal()}, {@link
     *     Conv2d} layers and no schedule; the weight must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the unweighted group-lasso term of a model, {@code sum over selected layers, sum
     * over groups of ||s(w)_g||_2}. Inside a gradient collector the result is differentiable with
     * respect to the weights. Every intermediate array is freed.
     *
     * @param model the model's block, initialized
     * @param manager the manager that will own the result
     * @return a scalar owned by {@code manager}
     * @throws IllegalArgumentException if an argument is null, no layer matches the layer types or
     *     the granularity is not defined for a selected layer
     * @throws IllegalStateException if the model is not initialized
     */
    public NDArray penalty(Block model, NDManager manager) {
        Checks.notNull("manager", manager);
        List<LayerSelection.Layer> selected =
                LayerSelection.resolve(model, granularity, layerTypes);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray result = lasso.penalty(selected, granularity);
            NDScope.unregister(result);
            result.attach(manager);
            return result;
        }
    }

    /**
     * Computes the unweighted group-lasso term of a model as a number.
     *
     * @param model the model's block, initialized
     * @return the term
     * @throws IllegalArgumentException as {@link #penalty(Block, NDManager)}
     * @throws IllegalStateException if the model is not initialized
     */
    public double penalty(Block model) {
        Checks.notNull("model", model);
        List<LayerSelection.Layer> selected =
                LayerSelection.resolve(model, granularity, layerTypes);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return lasso.penalty(selected, granularity).getFloat();
        }
    }

    /**
     * Returns the weight of the term at a point of training: {@code weight *
     * schedule.progress(pctTrain)}, or {@code weight} without a schedule.
     *
     * @param pctTrain the training progress, in {@code [0, 1]}
     * @return the weight applied to batches at that point
     * @throws IllegalArgumentException if {@code pctTrain} is not in {@code [0, 1]}
     */
    public double weightAt(double pctTrain) {
        Checks.unit("pctTrain", pctTrain);
        return schedule == null ? weight : weight * schedule.progress(pctTrain);
    }

    /**
     * Returns the order the learner runs this callback in.
     *
     * @return {@link #ORDER}
     */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Checks the granularity and the layer types against the model, before any step.
     *
     * @param learn the learner
     * @throws IllegalArgumentException if no layer matches or the granularity is not defined for a
     *     selected layer (the learner reports it as a {@code CallbackException})
     */
    @Override
    public void beforeFit(Learner learn) {
        layers = LayerSelection.resolve(learn.getModel().getBlock(), granularity, layerTypes);
    }

    /**
     * Looks the selected layers up again, following layers swapped since the last pass.
     *
     * @param learn the learner
     */
    @Override
    public void beforeTrain(Learner learn) {
        layers = LayerSelection.resolve(learn.getModel().getBlock(), granularity, layerTypes);
    }

    /**
     * Adds the weighted term to a training batch's loss.
     *
     * @param learn the learner
     */
    @Override
    public void afterLoss(Learner learn) {
        if (!learn.isTraining()) {
            return;
        }
        double w = weightAt(learn.getPctTrain());
        if (w == 0) {
            return;
        }
        if (layers == null) {
            layers = LayerSelection.resolve(learn.getModel().getBlock(), granularity, layerTypes);
        }
        NDArray loss = learn.getLoss();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray term = lasso.penalty(layers, granularity).mul(w);
            // Made by the loss, so it belongs to the batch's manager as the loss does.
            NDArray regularized = loss.add(term);
            NDScope.unregister(regularized);
            learn.setLoss(regularized);
        }
    }

    /**
     * Forgets the selected layers.
     *
     * @param learn the learner
     */
    @Override
    public void afterFit(Learner learn) {
        layers = null;
    }

    /**
     * Returns the base weight of the term.
     *
     * @return the weight, finite and &gt; 0
     */
    public double getWeight() {
        return weight;
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
     * Returns the criteria whose scores are grouped.
     *
     * @return the criteria
     */
    public Criteria getCriteria() {
        return criteria;
    }

    /**
     * Returns the regularized layer types.
     *
     * @return an unmodifiable list
     */
    public List<Class<? extends Block>> getLayerTypes() {
        return layerTypes;
    }

    /**
     * Returns the schedule of the weight.
     *
     * @return the schedule, or null for a constant weight
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * Describes the callback.
     *
     * @return e.g. {@code RegularizeCallback(weight=1.0E-4, granularity=filter, ...)}
     */
    @Override
    public String toString() {
        return "RegularizeCallback(weight="
                + weight
                + ", granularity="
                + granularity
                + ", criteria="
                + criteria
                + ", layerTypes="
                + layerTypes.stream().map(Class::getSimpleName).toList()
                + ", schedule="
                + schedule
                + ")";
    }

    /** Builds a {@link RegularizeCallback}; {@link #setWeight} is required. */
    public static final class Builder {

        private double weight = Double.NaN;
        private boolean weightSet;
        private String granularity = Granularities.WEIGHT;
        private Criteria criteria = Criteria.largeFinal();
        private List<Class<? extends Block>> layerTypes = List.of(Conv2d.class);
        private Schedule schedule;

        private Builder() {}

        /**
         * Sets the weight of the term (required), fasterai's {@code weight}.
         *
         * @param weight finite and &gt; 0
         * @return this builder
         */
        public Builder setWeight(double weight) {
            this.weight = weight;
            this.weightSet = true;
            return this;
        }

        /**
         * Sets the granularity that defines the groups (default {@code weight}: L1).
         *
         * @param granularity a name from {@link Granularities}, e.g. {@link Granularities#FILTER}
         * @return this builder
         */
        public Builder optGranularity(String granularity) {
            this.granularity = granularity;
            return this;
        }

        /**
         * Sets the criteria whose per-weight scores are grouped (default {@link
         * Criteria#largeFinal()}, {@code |w|}). Only criteria that read the current weights alone
         * are allowed.
         *
         * @param criteria the criteria
         * @return this builder
         */
        public Builder optCriteria(Criteria criteria) {
            this.criteria = criteria;
            return this;
        }

        /**
         * Sets the layer types to regularize (default {@link Conv2d}); subclasses match too.
         *
         * @param layerTypes the types, at least one
         * @return this builder
         */
        @SafeVarargs
        public final Builder optLayerTypes(Class<? extends Block>... layerTypes) {
            this.layerTypes = LayerSelection.listOf(layerTypes);
            return this;
        }

        /**
         * Schedules the weight: {@code weight_t = weight * schedule.progress(pctTrain)} (default:
         * none, a constant weight).
         *
         * @param schedule the schedule, e.g. {@code Schedules.cos()}, or null for none
         * @return this builder
         */
        public Builder optSchedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Checks the arguments and builds the callback. The granularity is checked against the
         * model's layers in {@code beforeFit} (or by {@link RegularizeCallback#penalty}).
         *
         * @return the callback
         * @throws IllegalArgumentException if the weight is missing, not finite or not &gt; 0, an
         *     argument is null, {@code layerTypes} is empty, the criteria needs reference weights,
         *     gradients or data (it is named), or the schedule cannot start at 0
         */
        public RegularizeCallback build() {
            if (!weightSet) {
                throw new IllegalArgumentException("weight must be set (setWeight), got none");
            }
            Checks.positive("weight", weight);
            Checks.notNull("granularity", granularity);
            LayerSelection.checkWeightOnly(criteria, "RegularizeCallback");
            layerTypes = LayerSelection.checkTypes(layerTypes);
            if (schedule != null) {
                // A geometric schedule cannot start at 0: say so now rather than in a batch.
                schedule.progress(0.0);
            }
            return new RegularizeCallback(this);
        }
    }
}
