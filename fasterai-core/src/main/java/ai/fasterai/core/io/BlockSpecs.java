/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.io;

import ai.djl.nn.Block;
import ai.fasterai.core.util.Checks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The registry of {@link BlockSpecHandler}s, keyed by block class for saving and by type name for
 * loading: one handler per block type, as in Torch-Pruning, rather than one switch over types.
 *
 * <p>It starts with handlers for DJL's {@code SequentialBlock}, {@code Conv2d}, {@code Linear},
 * {@code BatchNorm} and {@code Dropout}, then adds those of every {@link BlockSpecProvider} on the
 * class path. Other handlers are added with {@link #register}.
 */
public final class BlockSpecs {

    private static final Logger LOG = LoggerFactory.getLogger(BlockSpecs.class);

    private static final int MAX_PROVIDER_ERRORS = 100;

    private static final Map<Class<?>, BlockSpecHandler<?>> BY_CLASS = new HashMap<>();
    private static final Map<String, BlockSpecHandler<?>> BY_TYPE = new HashMap<>();

    static {
        for (BlockSpecHandler<?> handler : BuiltInHandlers.all()) {
            register(handler);
        }
        loadProviders();
    }

    private BlockSpecs() {}

    /**
     * Registers a handler. Registering a handler again for the same class and type name replaces
     * the earlier one.
     *
     * @param handler the handler to add
     * @throws IllegalArgumentException if the handler is null, its type name is blank, or its type
     *     name or block class is already registered with another class or type name
     */
    public static void register(BlockSpecHandler<?> handler) {
        Checks.notNull("handler", handler);
        String type = handler.typeName();
        Class<?> blockClass = handler.blockClass();
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException(
                    "handler "
                            + handler.getClass().getName()
                            + " has a blank typeName(); it needs a stable non-blank name");
        }
        if (blockClass == null) {
            throw new IllegalArgumentException(
                    "handler " + handler.getClass().getName() + " returns a null blockClass()");
        }
        synchronized (BY_CLASS) {
            BlockSpecHandler<?> sameType = BY_TYPE.get(type);
            if (sameType != null && sameType.blockClass() != blockClass) {
                throw new IllegalArgumentException(
                        "type name '"
                                + type
                                + "' is already registered for "
                                + sameType.blockClass().getName()
                                + "; choose another name for "
                                + blockClass.getName());
            }
            BlockSpecHandler<?> sameClass = BY_CLASS.get(blockClass);
            if (sameClass != null && !sameClass.typeName().equals(type)) {
                throw new IllegalArgumentException(
                        blockClass.getName()
                                + " is already registered as type '"
                                + sameClass.typeName()
                                + "'; it cannot also be saved as '"
                                + type
                                + "'");
            }
            BY_CLASS.put(blockClass, handler);
            BY_TYPE.put(type, handler);
        }
    }

    /** Returns the handler for exactly this block class, or null. */
    @SuppressWarnings("unchecked")
    static BlockSpecHandler<Block> forClass(Class<?> blockClass) {
        synchronized (BY_CLASS) {
            return (BlockSpecHandler<Block>) BY_CLASS.get(blockClass);
        }
    }

    /** Returns the handler for a type name read from a file, or null. */
    @SuppressWarnings("unchecked")
    static BlockSpecHandler<Block> forType(String type) {
        synchronized (BY_CLASS) {
            return (BlockSpecHandler<Block>) BY_TYPE.get(type);
        }
    }

    /** Returns the registered type names, sorted, for error messages. */
    static List<String> typeNames() {
        synchronized (BY_CLASS) {
            return List.copyOf(new TreeSet<>(BY_TYPE.keySet()));
        }
    }

    // A broken provider is skipped rather than thrown: it would otherwise stop every save and
    // load, including of models that do not use its blocks. ServiceLoader's iterator moves on to
    // the next provider after an error; the bound only guards against one that keeps failing.
    private static void loadProviders() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = BlockSpecs.class.getClassLoader();
        }
        Iterator<BlockSpecProvider> providers =
                ServiceLoader.load(BlockSpecProvider.class, loader).iterator();
        int errors = 0;
        while (errors < MAX_PROVIDER_ERRORS) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                registerAll(providers.next());
            } catch (ServiceConfigurationError e) {
                errors++;
                LOG.warn("skipping a BlockSpecProvider that cannot be loaded: {}", e.getMessage());
            }
        }
    }

    private static void registerAll(BlockSpecProvider provider) {
        List<BlockSpecHandler<?>> handlers;
        try {
            handlers = provider.handlers();
        } catch (RuntimeException e) {
            LOG.warn("skipping {}: handlers() failed", provider.getClass().getName(), e);
            return;
        }
        if (handlers == null) {
            LOG.warn("skipping {}: handlers() returned null", provider.getClass().getName());
            return;
        }
        for (BlockSpecHandler<?> handler : handlers) {
            try {
                register(handler);
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "skipping a handler of {}: {}",
                        provider.getClass().getName(),
                        e.getMessage());
            }
        }
    }
}
