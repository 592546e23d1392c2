/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.fasterai.core.util.Checks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST read from local IDX files into an {@link ArrayDataset}; nothing is downloaded.
 *
 * <pre>{@code
 * ArrayDataset train = FashionMnist.builder()
 *         .optSplit(FashionMnist.Split.TRAIN)
 *         .optLimit(5000)
 *         .build()
 *         .load(manager);
 * }</pre>
 *
 * <p>The directory is, in order: {@link Builder#optDirectory}, the system property {@value
 * #DIRECTORY_PROPERTY}, the environment variable {@value #DIRECTORY_ENV}, then {@code
 * /usr/share/datasets/fashion-mnist}, where the Debian/Ubuntu package {@code dataset-fashion-mnist}
 * installs the four {@code *-ubyte.gz} files. Blank values count as unset.
 *
 * <p>The dataset holds one float32 array of shape (N, 1, 28, 28) with pixels scaled to [0, 1] and
 * float32 labels of shape (N) with class ids 0..9 (see {@link #CLASS_NAMES}). Its sampling is
 * {@code setSampling(1, false)}: pass your own sampler to {@code getData(manager, sampler)}.
 */
public final class FashionMnist {

    /** The class names, indexed by class id. */
    public static final List<String> CLASS_NAMES =
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    /** The system property that names the directory of the {@code *-ubyte.gz} files. */
    public static final String DIRECTORY_PROPERTY = "fasterai.fashionmnist.dir";

    /** The environment variable that names the directory of the {@code *-ubyte.gz} files. */
    public static final String DIRECTORY_ENV = "FASTERAI_FASHION_MNIST_DIR";

    /** Where the Debian/Ubuntu package {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    private static final Logger logger = LoggerFactory.getLogger(FashionMnist.class);

    private static final int SIDE = 28;

    // Every pixel value divided by 255, so scaling is a lookup.
    private static final float[] UNIT_RANGE = new float[256];

    static {
        for (int i = 0; i < UNIT_RANGE.length; i++) {
            UNIT_RANGE[i] = i / 255f;
        }
    }

    /** The two published splits and their sizes. */
    public enum Split {
        /** The 60,000 training samples ({@code train-*-ubyte.gz}). */
        TRAIN("train", 60_000),
        /** The 10,000 test samples ({@code t10k-*-ubyte.gz}). */
        TEST("t10k", 10_000);

        private final String prefix;
        private final int size;

        Split(String prefix, int size) {
            this.prefix = prefix;
            this.size = size;
        }

        /**
         * Returns the number of samples the published split has.
         *
         * @return 60000 for TRAIN, 10000 for TEST
         */
        public int size() {
            return size;
        }

        String imagesFileName() {
            return prefix + "-images-idx3-ubyte.gz";
        }

        String labelsFileName() {
            return prefix + "-labels-idx1-ubyte.gz";
        }
    }

    private final Split split;
    private final int limit;
    private final FashionMnistLocation location;

    private FashionMnist(Split split, int limit, FashionMnistLocation location) {
        this.split = split;
        this.limit = limit;
        this.location = location;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the directory the files are read from.
     *
     * @return the resolved directory
     */
    public Path getDirectory() {
        return location.directory();
    }

    /**
     * Reads the split and creates its arrays on {@code manager}, which then owns them. Nothing is
     * created on the manager unless the whole split (or its first {@code limit} samples) is valid.
     *
     * @param manager the manager that will own the data and label arrays
     * @return the dataset: data float32 (N, 1, 28, 28) in [0, 1], labels float32 (N) in 0..9
     * @throws FileNotFoundException if the directory or one of the split's two files is missing;
     *     the message says where it looked, how that directory was chosen and how to fix it
     * @throws IOException if a file is not gzip, is corrupt or truncated, has the wrong magic
     *     number or image size, has labels outside 0..9, if the two files' counts differ, or if
     *     they hold fewer samples than the limit
     */
    public ArrayDataset load(NDManager manager) throws IOException {
        Checks.notNull("manager", manager);
        long start = System.nanoTime();
        Path imagesFile = location.directory().resolve(split.imagesFileName());
        Path labelsFile = location.directory().resolve(split.labelsFileName());
        location.checkFiles(split);

        byte[] pixels;
        byte[] labelBytes;
        try (IdxReader images = IdxReader.open(imagesFile, IdxReader.Kind.IMAGES);
                IdxReader labels = IdxReader.open(labelsFile, IdxReader.Kind.LABELS)) {
            int n = checkHeaders(images, imagesFile, labels, labelsFile);
            pixels = images.read(n);
            labelBytes = labels.read(n);
        }
        float[] classIds = toClassIds(labelBytes, labelsFile);
        ByteBuffer scaled = toUnitRange(pixels);
        int n = classIds.length;

        NDArray data = manager.create(scaled, new Shape(n, 1, SIDE, SIDE), DataType.FLOAT32);
        NDArray labels;
        try {
            labels = manager.create(classIds, new Shape(n));
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        logger.debug(
                "Loaded {} Fashion-MNIST {} samples from {} in {} ms",
                n,
                split,
                location.directory(),
                (System.nanoTime() - start) / 1_000_000);
        return new ArrayDataset.Builder()
                .setData(data)
                .optLabels(labels)
                .setSampling(1, false)
                .build();
    }

    /** Returns the number of samples to read, after checking the two headers agree. */
    private int checkHeaders(IdxReader images, Path imagesFile, IdxReader labels, Path labelsFile)
            throws IOException {
        int[] dims = images.itemDims();
        if (dims[0] != SIDE || dims[1] != SIDE) {
            throw new IOException(
                    imagesFile
                            + ": expected "
                            + SIDE
                            + "x"
                            + SIDE
                            + " images, found "
                            + dims[0]
                            + "x"
                            + dims[1]);
        }
        if (images.count() != labels.count()) {
            throw new IOException(
                    "Fashion-MNIST files disagree: "
                            + imagesFile
                            + " holds "
                            + images.count()
                            + " images but "
                            + labelsFile
                            + " holds "
                            + labels.count()
                            + " labels");
        }
        if (images.count() == 0) {
            throw new IOException(imagesFile + " holds no images");
        }
        if (limit > images.count()) {
            throw new IOException(
                    "limit "
                            + limit
                            + " exceeds the "
                            + images.count()
                            + " samples in "
                            + imagesFile);
        }
        int n = limit == 0 ? images.count() : limit;
        // The float32 copy must fit in one buffer; 60,000 images use under a tenth of it.
        if ((long) n * SIDE * SIDE * Float.BYTES > Integer.MAX_VALUE) {
            throw new IOException(
                    imagesFile
                            + " declares "
                            + n
                            + " images, too many for one float32 array; use optLimit");
        }
        return n;
    }

    private static float[] toClassIds(byte[] labelBytes, Path labelsFile) throws IOException {
        float[] ids = new float[labelBytes.length];
        for (int i = 0; i < ids.length; i++) {
            int id = labelBytes[i] & 0xFF;
            if (id >= CLASS_NAMES.size()) {
                throw new IOException(
                        labelsFile
                                + ": label "
                                + id
                                + " at index "
                                + i
                                + " is outside 0.."
                                + (CLASS_NAMES.size() - 1));
            }
            ids[i] = id;
        }
        return ids;
    }

    /**
     * Scales pixels to [0, 1] straight into native-order direct memory, which the engine can wrap
     * as is: {@code create(float[])} would copy a second 188 MB buffer for the train split.
     */
    private static ByteBuffer toUnitRange(byte[] pixels) {
        ByteBuffer buffer =
                ByteBuffer.allocateDirect(pixels.length * Float.BYTES)
                        .order(ByteOrder.nativeOrder());
        FloatBuffer floats = buffer.asFloatBuffer();
        for (int i = 0; i < pixels.length; i++) {
            floats.put(i, UNIT_RANGE[pixels[i] & 0xFF]);
        }
        return buffer;
    }

    /** Builds a {@link FashionMnist}; every option is optional. */
    public static final class Builder {

        private Path directory;
        private Integer limit;
        private Split split = Split.TRAIN;

        Builder() {}

        /**
         * Sets the directory holding the {@code *-ubyte.gz} files, overriding the system property,
         * the environment variable and the default.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            Checks.notNull("directory", directory);
            this.directory = directory;
            return this;
        }

        /**
         * Reads only the first {@code limit} samples of the split (the rest is never inflated).
         *
         * @param limit the number of samples, between 1 and the split's size
         * @return this builder
         */
        public Builder optLimit(int limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Sets the split; the default is {@link Split#TRAIN}.
         *
         * @param split the split
         * @return this builder
         */
        public Builder optSplit(Split split) {
            Checks.notNull("split", split);
            this.split = split;
            return this;
        }

        /**
         * Validates the options and resolves the directory (files are checked by {@link
         * FashionMnist#load}).
         *
         * @return the configured reader
         * @throws IllegalArgumentException if the limit is outside [1, split size]
         */
        public FashionMnist build() {
            if (limit != null && (limit < 1 || limit > split.size())) {
                throw new IllegalArgumentException(
                        "limit must be in [1, "
                                + split.size()
                                + "] (the "
                                + split
                                + " split has "
                                + split.size()
                                + " samples), got "
                                + limit);
            }
            FashionMnistLocation location =
                    FashionMnistLocation.resolve(
                            directory,
                            System.getProperty(DIRECTORY_PROPERTY),
                            System.getenv(DIRECTORY_ENV));
            return new FashionMnist(split, limit == null ? 0 : limit, location);
        }
    }
}
