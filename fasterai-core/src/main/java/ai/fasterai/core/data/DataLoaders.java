/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;
import ai.fasterai.core.util.Checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The training, validation and optional test data of a {@link ai.fasterai.core.Learner}, with the
 * batch size and a seeded shuffle: fastai's {@code DataLoaders} over DJL datasets.
 *
 * <p>The datasets' own samplers are not used: batches come from a {@link BatchSampler} made here,
 * so shuffling is reproducible from {@link Builder#optSeed(long)} and epoch number alone, whatever
 * else uses DJL's global random generator. Validation and test data are never shuffled.
 *
 * <pre>{@code
 * DataLoaders dls = DataLoaders.builder()
 *         .setTrain(trainSet).setValid(validSet)
 *         .optBatchSize(64).optSeed(42)
 *         .build();
 * }</pre>
 */
public final class DataLoaders {

    private final RandomAccessDataset train;
    private final RandomAccessDataset valid;
    private final RandomAccessDataset test;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final List<ImageTransform> transforms;

    private DataLoaders(Builder builder) {
        train = builder.train;
        valid = builder.valid;
        test = builder.test;
        batchSize = builder.batchSize;
        shuffle = builder.shuffle;
        dropLast = builder.dropLast;
        seed = builder.seed;
        transforms = List.copyOf(builder.transforms);
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
     * Returns the training batches of one epoch, shuffled with a generator seeded by the seed and
     * the epoch (so each epoch has its own order, the same in every run).
     *
     * @param manager the manager that owns each batch (a batch is closed by its user)
     * @param epoch the epoch number, from 0
     * @return the batches
     */
    public Iterable<Batch> trainBatches(NDManager manager, int epoch) {
        Sampler.SubSampler order =
                shuffle ? new SeededShuffleSampler(seed, epoch) : new SequenceSampler();
        return batches(train, manager, new BatchSampler(order, batchSize, dropLast));
    }

    /**
     * Returns the validation batches, in order.
     *
     * @param manager the manager that owns each batch
     * @return the batches
     */
    public Iterable<Batch> validBatches(NDManager manager) {
        return inOrder(valid, manager);
    }

    /**
     * Returns the batches of any dataset in order, with this loader's batch size (never dropping
     * the last one).
     *
     * @param dataset the dataset
     * @param manager the manager that owns each batch
     * @return the batches
     */
    public Iterable<Batch> inOrder(RandomAccessDataset dataset, NDManager manager) {
        return batches(dataset, manager, new BatchSampler(new SequenceSampler(), batchSize));
    }

    /**
     * Applies the batch transforms, in order, to the first input (the images); other inputs pass
     * unchanged. The learner calls this for every batch and for {@code predict}.
     *
     * @param inputs a batch's inputs
     * @return the transformed inputs
     */
    public NDList transform(NDList inputs) {
        if (transforms.isEmpty() || inputs.isEmpty()) {
            return inputs;
        }
        NDArray images = inputs.head();
        for (ImageTransform transform : transforms) {
            images = transform.apply(images);
        }
        NDList out = new NDList(images);
        for (int i = 1; i < inputs.size(); i++) {
            out.add(inputs.get(i));
        }
        return out;
    }

    /**
     * Returns the batch transforms.
     *
     * @return an unmodifiable list, empty if none
     */
    public List<ImageTransform> getTransforms() {
        return transforms;
    }

    /**
     * Returns how many training batches an epoch has.
     *
     * @return the number of training batches
     */
    public long numTrainBatches() {
        long n = train.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * Returns the training dataset.
     *
     * @return the training dataset
     */
    public RandomAccessDataset getTrain() {
        return train;
    }

    /**
     * Returns the validation dataset.
     *
     * @return the validation dataset
     */
    public RandomAccessDataset getValid() {
        return valid;
    }

    /**
     * Returns the test dataset, if one was given.
     *
     * @return the test dataset
     */
    public Optional<RandomAccessDataset> getTest() {
        return Optional.ofNullable(test);
    }

    /**
     * Returns the batch size.
     *
     * @return the batch size
     */
    public int getBatchSize() {
        return batchSize;
    }

    private static Iterable<Batch> batches(
            RandomAccessDataset dataset, NDManager manager, Sampler sampler) {
        try {
            return dataset.getData(manager, sampler);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dataset", e);
        } catch (TranslateException e) {
            throw new IllegalStateException("could not prepare the dataset's batches", e);
        }
    }

    /** Builds {@link DataLoaders}; validation happens in {@link #build()}. */
    public static final class Builder {

        private RandomAccessDataset train;
        private RandomAccessDataset valid;
        private RandomAccessDataset test;
        private int batchSize = 64;
        private boolean shuffle = true;
        private boolean dropLast;
        private long seed = 42;
        private final List<ImageTransform> transforms = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a batch transform, applied after those added before it (e.g. {@code
         * ImageTransforms.padTo(32, 32)} then {@code ImageTransforms.normalize(...)}).
         *
         * @param transform the transform
         * @return this builder
         */
        public Builder addTransform(ImageTransform transform) {
            Checks.notNull("transform", transform);
            transforms.add(transform);
            return this;
        }

        /**
         * Sets the training data (required).
         *
         * @param train a non-empty dataset
         * @return this builder
         */
        public Builder setTrain(RandomAccessDataset train) {
            this.train = train;
            return this;
        }

        /**
         * Sets the validation data (required).
         *
         * @param valid a non-empty dataset
         * @return this builder
         */
        public Builder setValid(RandomAccessDataset valid) {
            this.valid = valid;
            return this;
        }

        /**
         * Sets held-out test data.
         *
         * @param test a non-empty dataset
         * @return this builder
         */
        public Builder optTest(RandomAccessDataset test) {
            this.test = test;
            return this;
        }

        /**
         * Sets the batch size (default 64).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets whether training data is shuffled each epoch (default true).
         *
         * @param shuffle true to shuffle
         * @return this builder
         */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Sets whether a last, smaller training batch is dropped (default false).
         *
         * @param dropLast true to drop it
         * @return this builder
         */
        public Builder optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Sets the shuffling seed (default 42).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates the options and builds the loaders.
         *
         * @return the loaders
         * @throws IllegalArgumentException naming the missing or bad option
         */
        public DataLoaders build() {
            requireNonEmpty("train", train);
            requireNonEmpty("valid", valid);
            if (test != null) {
                requireNonEmpty("test", test);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (dropLast && train.size() < batchSize) {
                throw new IllegalArgumentException(
                        "dropLast with batchSize "
                                + batchSize
                                + " leaves no training batch: the train dataset has "
                                + train.size()
                                + " samples");
            }
            return new DataLoaders(this);
        }

        private static void requireNonEmpty(String name, RandomAccessDataset dataset) {
            if (dataset == null) {
                throw new IllegalArgumentException(name + " dataset is required, got null");
            }
            if (dataset.size() == 0) {
                throw new IllegalArgumentException(
                        name + " dataset is empty: it needs >= 1 sample");
            }
        }
    }
}
