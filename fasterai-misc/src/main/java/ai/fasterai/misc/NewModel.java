/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.misc;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.fasterai.core.util.Checks;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a transform of a model's network into a new model that owns the result, named after the
 * input model, closed again if the transform fails: what every {@code transform(Model)} of this
 * module does around its {@code transform(Block, NDManager)}.
 */
final class NewModel {

    private NewModel() {}

    /**
     * Transforms a model's network into a new model.
     *
     * @param source the input model, unchanged
     * @param suffix appended to the input model's name, for example {@code "-folded"}
     * @param verb what the transform does, for the message about a missing block
     * @param transform transforms the network into a copy owned by the given manager
     * @param blockOf the transformed network of a result
     * @param withModel the result with the new model attached
     * @param <R> the result type
     * @return the result, holding the new model
     */
    static <R> R of(
            Model source,
            String suffix,
            String verb,
            BiFunction<Block, NDManager, R> transform,
            Function<R, Block> blockOf,
            BiFunction<R, Model, R> withModel) {
        Checks.notNull("model", source);
        if (source.getBlock() == null) {
            throw new IllegalArgumentException("model has no block to " + verb);
        }
        Model target = Model.newInstance(source.getName() + suffix);
        try {
            R result = transform.apply(source.getBlock(), target.getNDManager());
            target.setBlock(blockOf.apply(result));
            return withModel.apply(result, target);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }
}
