/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.data;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the Fashion-MNIST files are and how that directory was chosen. The "how" goes into the
 * missing-file message: a user who set nothing must learn that the default was used, and how to
 * change it.
 *
 * @param directory the directory of the {@code *-ubyte.gz} files
 * @param source how the directory was chosen, completing "directory ..."
 */
record FashionMnistLocation(Path directory, String source) {

    /**
     * Resolves the directory: explicit, then property, then environment, then the default. Blank
     * values count as unset. The values are parameters so tests can exercise every branch without
     * touching the real environment.
     *
     * @param explicit the builder's directory, or null
     * @param property the system property's value, or null
     * @param env the environment variable's value, or null
     * @return the directory and how it was chosen
     */
    static FashionMnistLocation resolve(Path explicit, String property, String env) {
        if (explicit != null) {
            return new FashionMnistLocation(explicit, "set with FashionMnist.Builder.optDirectory");
        }
        if (property != null && !property.isBlank()) {
            return new FashionMnistLocation(
                    Path.of(property.strip()),
                    "from system property " + FashionMnist.DIRECTORY_PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return new FashionMnistLocation(
                    Path.of(env.strip()),
                    "from environment variable " + FashionMnist.DIRECTORY_ENV);
        }
        return new FashionMnistLocation(
                FashionMnist.DEFAULT_DIRECTORY,
                "the default; neither"
                        + " optDirectory, "
                        + FashionMnist.DIRECTORY_PROPERTY
                        + " nor "
                        + FashionMnist.DIRECTORY_ENV
                        + " was set");
    }

    /**
     * Checks that the directory holds the split's two files.
     *
     * @param split the split whose files must exist
     * @throws FileNotFoundException naming the directory or the missing files, how the directory
     *     was chosen, and how to fix it
     */
    void checkFiles(FashionMnist.Split split) throws FileNotFoundException {
        String problem;
        if (!Files.isDirectory(directory)) {
            problem = "directory " + directory + " does not exist";
        } else {
            List<String> missing = new ArrayList<>();
            for (String name : List.of(split.imagesFileName(), split.labelsFileName())) {
                if (!Files.isRegularFile(directory.resolve(name))) {
                    missing.add(name);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            problem = "missing " + String.join(" and ", missing) + " in " + directory;
        }
        throw new FileNotFoundException(
                "Fashion-MNIST "
                        + split
                        + " split: "
                        + problem
                        + " (directory "
                        + source
                        + "). To fix: on Debian/Ubuntu run"
                        + " 'sudo apt-get install dataset-fashion-mnist' (installs the files in "
                        + FashionMnist.DEFAULT_DIRECTORY
                        + "), or pass a directory holding the four *-ubyte.gz files"
                        + " (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
                        + " t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) with"
                        + " FashionMnist.builder().optDirectory(dir), the system property "
                        + FashionMnist.DIRECTORY_PROPERTY
                        + " or the environment variable "
                        + FashionMnist.DIRECTORY_ENV
                        + ".");
    }
}
