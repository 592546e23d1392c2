/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.callback;

import ai.djl.MalformedModelException;
import ai.djl.nn.Block;
import ai.fasterai.core.Learner;
import ai.fasterai.core.io.AtomicFiles;
import ai.fasterai.core.util.Checks;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves the model's parameters when the monitored value improves (or after every epoch), and loads
 * the best ones back when the fit ends, fastai's {@code SaveModelCallback}.
 *
 * <p>Files are written atomically: an interrupted save leaves the previous file intact. They hold
 * DJL parameters only, for the block the learner trains (the structure is the caller's); with
 * {@code everyEpoch} each epoch gets its own file {@code <name>_<epoch>.params}, otherwise the best
 * is {@code <name>.params}.
 */
public class SaveModelCallback extends TrackerCallback {

    private final Path folder;
    private final String name;
    private final boolean everyEpoch;
    private Path lastSaved;
    private int bestEpoch = -1;

    /**
     * Creates the callback.
     *
     * @param folder where to write
     * @param name the file name stem, e.g. {@code model}
     * @param monitor the recorded value to watch, e.g. {@code valid_loss} or {@code accuracy}
     * @param everyEpoch true to save after every epoch instead of only on improvement
     */
    public SaveModelCallback(Path folder, String name, String monitor, boolean everyEpoch) {
        super(monitor, 0);
        Checks.notNull("folder", folder);
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException(
                    "name must be a non-empty file name without separators, got " + name);
        }
        this.folder = folder;
        this.name = name;
        this.everyEpoch = everyEpoch;
    }

    /**
     * Saves the best model by {@code valid_loss} to {@code folder/model.params}.
     *
     * @param folder where to write
     */
    public SaveModelCallback(Path folder) {
        this(folder, "model", "valid_loss", false);
    }

    @Override
    public int getOrder() {
        return ORDER_SAVE_MODEL;
    }

    @Override
    public void beforeFit(Learner learn) {
        super.beforeFit(learn);
        lastSaved = null;
        bestEpoch = -1;
    }

    @Override
    public void afterEpoch(Learner learn) {
        boolean better = improved(learn);
        if (better) {
            bestEpoch = learn.getEpoch();
        }
        if (everyEpoch) {
            save(
                    learn.getModel().getBlock(),
                    folder.resolve(name + "_" + learn.getEpoch() + ".params"));
        } else if (better) {
            save(learn.getModel().getBlock(), folder.resolve(name + ".params"));
        }
    }

    @Override
    public void afterFit(Learner learn) {
        // After a failure the model keeps its last complete step, as the Learner promises.
        if (learn.hasFitFailed() || everyEpoch || lastSaved == null || !Files.exists(lastSaved)) {
            return;
        }
        Block block = learn.getModel().getBlock();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(lastSaved))) {
            block.loadParameters(learn.getModel().getNDManager(), new DataInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the best model from " + lastSaved, e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("the best model file is malformed: " + lastSaved, e);
        }
        learn.modelChanged(); // the parameters now hold new arrays: the trainer must see them
    }

    private void save(Block block, Path file) {
        try {
            AtomicFiles.write(file, out -> block.saveParameters(new DataOutputStream(out)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastSaved = file;
    }

    /**
     * Returns the file written last.
     *
     * @return the path, or null if nothing was saved
     */
    public Path getLastSaved() {
        return lastSaved;
    }

    /**
     * Returns the epoch with the best monitored value in the last fit.
     *
     * @return the epoch, or -1
     */
    public int getBestEpoch() {
        return bestEpoch;
    }
}
