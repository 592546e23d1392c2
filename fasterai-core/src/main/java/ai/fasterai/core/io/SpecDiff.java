/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import com.google.gson.JsonElement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the first place where two block specs differ, walking both trees in order: the type, then
 * the settings, the parameters, the children's names, and then each child.
 *
 * <p>Settings are compared by their JSON text, which is how both sides were written; so a float
 * compares bit for bit.
 */
final class SpecDiff {

    private SpecDiff() {}

    /**
     * Returns the first difference, or empty if the specs are equal.
     *
     * @param file the spec read from a file
     * @param block the spec of a block in memory
     * @param path the path of both, for the message
     */
    static Optional<String> first(BlockSpec file, BlockSpec block, String path) {
        String where = BlockPaths.where(path);
        if (!file.type().equals(block.type())) {
            return Optional.of(
                    where
                            + ": the file has a block of type '"
                            + file.type()
                            + "', the model one of type '"
                            + block.type()
                            + "'");
        }
        Set<String> keys = new LinkedHashSet<>(file.settings().keySet());
        keys.addAll(block.settings().keySet());
        for (String key : keys) {
            String inFile = text(file.settings().get(key));
            String inBlock = text(block.settings().get(key));
            if (!inFile.equals(inBlock)) {
                return Optional.of(
                        where
                                + " ("
                                + file.type()
                                + "): setting '"
                                + key
                                + "' is "
                                + inFile
                                + " in the file but "
                                + inBlock
                                + " in the model");
            }
        }
        Optional<String> parameters = parameters(file, block, where);
        if (parameters.isPresent()) {
            return parameters;
        }
        List<String> fileNames = childNames(file);
        List<String> blockNames = childNames(block);
        if (!fileNames.equals(blockNames)) {
            return Optional.of(
                    where + ": the file has children " + fileNames + ", the model " + blockNames);
        }
        for (int i = 0; i < fileNames.size(); i++) {
            Optional<String> child =
                    first(
                            file.children().get(i).spec(),
                            block.children().get(i).spec(),
                            BlockPaths.child(path, fileNames.get(i)));
            if (child.isPresent()) {
                return child;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> parameters(BlockSpec file, BlockSpec block, String where) {
        List<String> fileNames = new ArrayList<>();
        file.parameters().forEach(p -> fileNames.add(p.name()));
        List<String> blockNames = new ArrayList<>();
        block.parameters().forEach(p -> blockNames.add(p.name()));
        if (!fileNames.equals(blockNames)) {
            return Optional.of(
                    where + ": the file has parameters " + fileNames + ", the model " + blockNames);
        }
        for (int i = 0; i < fileNames.size(); i++) {
            BlockSpec.ParameterSpec inFile = file.parameters().get(i);
            BlockSpec.ParameterSpec inBlock = block.parameters().get(i);
            if (!inFile.shape().equals(inBlock.shape())) {
                return Optional.of(
                        where
                                + ": parameter '"
                                + inFile.name()
                                + "' has shape "
                                + inFile.shape()
                                + " in the file but "
                                + inBlock.shape()
                                + " in the model");
            }
        }
        return Optional.empty();
    }

    private static List<String> childNames(BlockSpec spec) {
        List<String> names = new ArrayList<>();
        spec.children().forEach(child -> names.add(child.name()));
        return names;
    }

    private static String text(JsonElement element) {
        return element == null ? "absent" : element.toString();
    }
}
