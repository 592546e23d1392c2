/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.core.stats;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a container block whose children all receive the block's own inputs (a residual unit:
 * {@code main(x) + shortcut(x)}), so that {@link BlockWalker} can walk it without a registered
 * {@link ChildFeed}. A rule registered for the class or one of its superclasses nearer to it takes
 * precedence.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FanOut {}
