/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.fasterai.core.util.Checks;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Saves a model with its structure, so that a model whose layers changed shape (pruned, folded,
 * decomposed, quantized) loads back without the code that built it.
 *
 * <p>DJL's own {@code saveParameters} writes parameters by position and name only: a pruned
 * checkpoint loads "successfully" into the unpruned architecture. A model file also records the
 * architecture, and {@link #loadParameters} refuses a file whose architecture differs.
 *
 * <p>Each block is described by the {@link BlockSpecHandler} registered for its class (see {@link
 * BlockSpecs}). DJL's {@code LambdaBlock} and {@code ParallelBlock} hide their functions, so a
 * model containing one cannot be saved: build it from {@code ai.fasterai.core.nn} blocks instead.
 *
 * <h2>File format, version 1</h2>
 *
 * <pre>
 * size  content
 * 8     magic bytes "FAI4JMDL" (ASCII)
 * 4     format version (1)
 * 4     n, the length of the architecture spec in bytes
 * n     the architecture spec: JSON, UTF-8
 * p     the parameters, exactly as Block.saveParameters(DataOutputStream) writes them
 * 8     p, the length of the parameters in bytes
 * 4     CRC-32 of all the bytes before it
 * </pre>
 *
 * <p>Integers are big-endian. The spec records the data type and the input shapes the model was
 * initialized with, and the block tree; each block has its handler's type name and settings, the
 * names and shapes of its own parameters, and its children with their DJL names, in order (indented
 * here; the file holds it on one line):
 *
 * <pre>{@code
 * {"dataType": "FLOAT32",
 *  "inputShapes": [{"dims": [1, 1, 28, 28]}],
 *  "block": {"type": "djl.SequentialBlock", "settings": {"returnIntermediate": false},
 *            "parameters": [],
 *            "children": [{"name": "01Conv2d", "type": "djl.Conv2d",
 *                          "settings": {"kernelShape": [3, 3], "filters": 4, ...},
 *                          "parameters": [{"name": "weight", "shape": [4, 1, 3, 3]}, ...],
 *                          "children": []}, ...]}}
 * }</pre>
 *
 * <p>A reader checks the magic, the version, the lengths and the checksum before it decodes any
 * parameter, so a truncated or damaged file fails with an {@link IOException} that says what is
 * wrong, never inside native code.
 */
public final class ModelFile {

    private ModelFile() {}

    /**
     * Saves an initialized block and its structure. Nothing is written if the block cannot be
     * described, and a failed write leaves an existing file as it was.
     *
     * @param block the block to save; it must be initialized
     * @param file the file to write, replaced if it exists
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, or a
     *     block in it has no handler (the message names its path and class)
     * @throws IOException if the file cannot be written
     */
    public static void save(Block block, Path file) throws IOException {
        Checks.notNull("block", block);
        Checks.notNull("file", file);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "block must be initialized before it is saved (call block.initialize with the"
                            + " input shapes), got an uninitialized "
                            + block.getClass().getName());
        }
        ModelSpec spec = BlockDescriber.describeModel(block);
        byte[] json = spec.toJsonText().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> ModelFileFormat.write(out, json, block::saveParameters));
    }

    /**
     * Saves a model's block and its structure, as {@link #save(Block, Path)}.
     *
     * @param model the model whose initialized block to save
     * @param file the file to write, replaced if it exists
     * @throws IllegalArgumentException if an argument is null, the model has no block, or {@link
     *     #save(Block, Path)} rejects the block
     * @throws IOException if the file cannot be written
     */
    public static void save(Model model, Path file) throws IOException {
        Checks.notNull("model", model);
        if (model.getBlock() == null) {
            throw new IllegalArgumentException(
                    "model '" + model.getName() + "' has no block to save; call setBlock first");
        }
        save(model.getBlock(), file);
    }

    /**
     * Rebuilds a block from a file: its tree from the spec, its parameters from the file, then
     * initialized with the saved input shapes (the loaded arrays are kept, since DJL initializes
     * only parameters without arrays).
     *
     * @param file the file to read
     * @param manager the manager the parameters are attached to
     * @return the initialized block
     * @throws IllegalArgumentException if an argument is null
     * @throws IOException naming the file if it cannot be read, is not a model file, is truncated
     *     or damaged, or names a block type no handler is registered for
     */
    public static Block load(Path file, NDManager manager) throws IOException {
        Checks.notNull("file", file);
        Checks.notNull("manager", manager);
        ModelFileReader.Sections sections = readSections(file);
        ModelSpec spec = parseSpec(file, sections);
        Block block = build(file, spec);
        readParameters(file, sections, block, manager, true);
        Optional<String> difference =
                SpecDiff.first(spec.root(), BlockDescriber.describe(block, ""), "");
        if (difference.isPresent()) {
            closeArrays(block);
            throw problem(file, "its parameters do not match its spec " + difference.get(), null);
        }
        try {
            block.initialize(manager, spec.dataType(), spec.inputShapes());
        } catch (RuntimeException e) {
            closeArrays(block);
            throw problem(file, "cannot initialize the loaded block: " + e.getMessage(), e);
        }
        return block;
    }

    /**
     * Loads a file into a new model, as {@link #load(Path, NDManager)}; the parameters are attached
     * to the model's manager. The caller closes the model.
     *
     * @param file the file to read
     * @param modelName the new model's name
     * @return a new model holding the loaded block
     * @throws IllegalArgumentException if an argument is null or the name is blank
     * @throws IOException as {@link #load(Path, NDManager)}
     */
    public static Model loadModel(Path file, String modelName) throws IOException {
        Checks.notNull("file", file);
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException(
                    "modelName must not be null or blank, got '" + modelName + "'");
        }
        Model model = Model.newInstance(modelName);
        try {
            model.setBlock(load(file, model.getNDManager()));
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Loads a file's parameters into an existing block, only if the block's architecture equals the
     * file's: same types, settings, parameter shapes and child names everywhere (the input shapes
     * it was initialized with may differ). Either every parameter is replaced or none is. The
     * replaced arrays stay attached to their manager until it is closed, as with DJL's own {@code
     * loadParameters}; after a shape change, make a new Trainer.
     *
     * @param existing an initialized block
     * @param file the file to read
     * @param manager the manager the new parameters are attached to
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, or its
     *     architecture differs from the file's (the message names the first differing path and what
     *     differs)
     * @throws IOException naming the file if it cannot be read or is not a valid model file
     */
    public static void loadParameters(Block existing, Path file, NDManager manager)
            throws IOException {
        Checks.notNull("existing", existing);
        Checks.notNull("file", file);
        Checks.notNull("manager", manager);
        if (!existing.isInitialized()) {
            throw new IllegalArgumentException(
                    "existing must be initialized, so its parameter shapes can be compared with"
                            + " the file's; got an uninitialized "
                            + existing.getClass().getName());
        }
        ModelFileReader.Sections sections = readSections(file);
        ModelSpec spec = parseSpec(file, sections);
        BlockSpec current = BlockDescriber.describe(existing, "");
        Optional<String> difference = SpecDiff.first(spec.root(), current, "");
        if (difference.isPresent()) {
            throw new IllegalArgumentException(
                    "model file "
                            + file
                            + " does not fit the model "
                            + difference.get()
                            + "; load it with ModelFile.load instead");
        }
        // Decode once into a throwaway copy first: a failure halfway through DJL's load would
        // otherwise leave the model with some parameters from the file and some not.
        try (NDManager trial = manager.newSubManager()) {
            readParameters(file, sections, build(file, spec), trial, false);
        }
        Shape[] inputShapes = existing.getInputShapes();
        readParameters(file, sections, existing, manager, false);
        // Sets requiresGradient on the new arrays and restores input shapes that DJL's Linear
        // overwrites while loading; every parameter has an array, so none is re-initialized.
        existing.initialize(manager, spec.dataType(), inputShapes);
    }

    private static ModelFileReader.Sections readSections(Path file) throws IOException {
        try {
            return ModelFileReader.read(file);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw problem(file, e.getMessage(), e);
        }
    }

    private static ModelSpec parseSpec(Path file, ModelFileReader.Sections sections)
            throws IOException {
        try {
            return ModelSpec.fromJsonText(sections.spec());
        } catch (IllegalArgumentException e) {
            throw problem(file, "its architecture spec is malformed: " + e.getMessage(), e);
        }
    }

    private static Block build(Path file, ModelSpec spec) throws IOException {
        try {
            return BlockFactory.create(spec.root(), "");
        } catch (IllegalArgumentException e) {
            throw problem(file, e.getMessage(), e);
        }
    }

    private static void readParameters(
            Path file,
            ModelFileReader.Sections sections,
            Block block,
            NDManager manager,
            boolean closeOnFailure)
            throws IOException {
        boolean loaded = false;
        try (ModelFileReader.SectionStream in = ModelFileReader.openParameters(file, sections)) {
            block.loadParameters(manager, new DataInputStream(in));
            if (in.remaining() != 0) {
                throw problem(
                        file,
                        in.remaining() + " bytes of parameters are left after the last parameter",
                        null);
            }
            loaded = true;
        } catch (EOFException e) {
            throw problem(file, "its parameters end before the model's last parameter", e);
        } catch (MalformedModelException | RuntimeException e) {
            throw problem(file, "its parameters do not fit its spec: " + e.getMessage(), e);
        } finally {
            if (!loaded && closeOnFailure) {
                closeArrays(block);
            }
        }
    }

    private static void closeArrays(Block block) {
        for (Parameter parameter : block.getParameters().values()) {
            parameter.close();
        }
    }

    private static IOException problem(Path file, String what, Throwable cause) {
        return new IOException("model file " + file + ": " + what, cause);
    }
}
