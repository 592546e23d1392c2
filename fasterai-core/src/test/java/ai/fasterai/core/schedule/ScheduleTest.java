/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

package ai.fasterai.core.schedule;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;

/** Tests of {@link Schedule}: the window rule, copies, binding, names and validation. */
class ScheduleTest {

    private static final double EPS = 1e-12;

    /** Returns {@code pos} itself, so the test sees exactly where the window maps training. */
    private static final Annealer POS = (start, end, pos) -> pos;

    @Test
    void ofCoversAllTrainingAndIsNamedCustom() {
        Schedule s = Schedule.of(POS);
        assertEquals(0.0, s.getStartPct(), 0.0);
        assertEquals(1.0, s.getEndPct(), 0.0);
        assertSame(POS, s.getAnnealer());
        assertEquals("custom[0.0..1.0]", s.toString());
    }

    @Test
    void valueFollowsTheWindowRule() {
        AtomicInteger calls = new AtomicInteger();
        Schedule s =
                Schedule.of(
                                (start, end, pos) -> {
                                    calls.incrementAndGet();
                                    return pos;
                                })
                        .window(0.2, 0.6);
        // Before the window: start, without asking the annealer.
        assertEquals(7.0, s.value(7.0, 9.0, 0.0), 0.0);
        assertEquals(7.0, s.value(7.0, 9.0, 0.1), 0.0);
        assertEquals(7.0, s.value(7.0, 9.0, 0.19), 0.0);
        assertEquals(0, calls.get());
        // Inside: (pctTrain - startPct) / (endPct - startPct).
        assertEquals(0.0, s.value(7.0, 9.0, 0.2), EPS);
        assertEquals((0.3 - 0.2) / (0.6 - 0.2), s.value(7.0, 9.0, 0.3), EPS);
        assertEquals(0.5, s.value(7.0, 9.0, 0.4), EPS);
        assertEquals((0.59 - 0.2) / 0.4, s.value(7.0, 9.0, 0.59), EPS);
        // At and after the end: anneal(start, end, 1).
        assertEquals(1.0, s.value(7.0, 9.0, 0.6), 0.0);
        assertEquals(1.0, s.value(7.0, 9.0, 0.8), 0.0);
        assertEquals(1.0, s.value(7.0, 9.0, 1.0), 0.0);
    }

    @Test
    void equalStartAndEndPctIsAStep() {
        Schedule s = Schedules.lin().window(0.5, 0.5);
        assertEquals(3.0, s.value(3.0, 5.0, 0.0), 0.0);
        assertEquals(3.0, s.value(3.0, 5.0, 0.4999), 0.0);
        assertEquals(5.0, s.value(3.0, 5.0, 0.5), EPS);
        assertEquals(5.0, s.value(3.0, 5.0, 1.0), EPS);
    }

    @Test
    void windowAtTheEdgesOfTraining() {
        Schedule early = Schedule.of(POS).window(0.0, 0.0);
        assertEquals(1.0, early.value(7.0, 9.0, 0.0), 0.0);
        Schedule late = Schedule.of(POS).window(1.0, 1.0);
        assertEquals(7.0, late.value(7.0, 9.0, 0.99), 0.0);
        assertEquals(1.0, late.value(7.0, 9.0, 1.0), 0.0);
    }

    @Test
    void windowReturnsAModifiedCopy() {
        Schedule lin = Schedules.lin();
        Schedule moved = lin.window(0.1, 0.9);
        assertEquals(0.0, lin.getStartPct(), 0.0);
        assertEquals(1.0, lin.getEndPct(), 0.0);
        assertEquals(0.1, moved.getStartPct(), 0.0);
        assertEquals(0.9, moved.getEndPct(), 0.0);
        assertSame(lin.getAnnealer(), moved.getAnnealer());
        assertEquals("lin[0.0..1.0]", lin.toString());
        assertEquals("lin[0.1..0.9]", moved.toString());
    }

    @Test
    void progressIsValueFromZeroToOne() {
        Schedule s = Schedules.lin().window(0.2, 1.0);
        assertEquals(0.0, s.progress(0.1), 0.0);
        assertEquals((0.6 - 0.2) / 0.8, s.progress(0.6), EPS);
        assertEquals(1.0, s.progress(1.0), EPS);
    }

    @Test
    void bindFixesTheEndpoints() {
        DoubleUnaryOperator f = Schedules.lin().window(0.5, 1.0).bind(1.0, 3.0);
        assertEquals(1.0, f.applyAsDouble(0.25), 0.0);
        assertEquals(1.0 + 0.5 * 2.0, f.applyAsDouble(0.75), EPS);
        assertEquals(3.0, f.applyAsDouble(1.0), EPS);
        Throwable e = assertThrows(IllegalArgumentException.class, () -> f.applyAsDouble(1.5));
        assertEquals("pctTrain must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void presetsNameThemselvesAndTheirWindow() {
        assertAll(
                () -> assertEquals("agp[0.2..1.0]", Schedules.agp().toString()),
                () -> assertEquals("oneShot[0.5..1.0]", Schedules.oneShot().toString()),
                () -> assertEquals("iterative(3)[0.2..1.0]", Schedules.iterative().toString()),
                () -> assertEquals("poly(2.0)[0.0..1.0]", Schedules.poly(2.0).toString()),
                () -> assertEquals("step(2)[0.0..1.0]", Schedules.step(2).toString()),
                () ->
                        assertEquals(
                                "oneCycle(14.0, 6.0)[0.0..1.0]", Schedules.oneCycle().toString()),
                () -> assertEquals("dsd[0.3..0.7]", Schedules.dsd().window(0.3, 0.7).toString()));
    }

    @Test
    void nullAnnealerIsAnIllegalArgument() {
        assertMessage(() -> Schedule.of(null), "annealer", "null");
    }

    @Test
    void windowBoundsAreValidated() {
        Schedule s = Schedules.lin();
        assertAll(
                () -> assertMessage(() -> s.window(-0.1, 1.0), "startPct", "-0.1", "[0, 1]"),
                () -> assertMessage(() -> s.window(1.5, 1.5), "startPct", "1.5", "[0, 1]"),
                () -> assertMessage(() -> s.window(Double.NaN, 1.0), "startPct", "NaN"),
                () -> assertMessage(() -> s.window(0.0, 1.2), "endPct", "1.2", "[0, 1]"),
                () ->
                        assertMessage(
                                () -> s.window(0.0, Double.POSITIVE_INFINITY),
                                "endPct",
                                "Infinity"),
                () -> assertMessage(() -> s.window(0.0, Double.NaN), "endPct", "NaN"),
                () ->
                        assertMessage(
                                () -> s.window(0.6, 0.4), "endPct", "0.4", ">= startPct", "0.6"));
    }

    @Test
    void pctTrainIsValidated() {
        Schedule s = Schedules.lin();
        Throwable e = assertThrows(IllegalArgumentException.class, () -> s.value(0, 1, 1.5));
        assertEquals("pctTrain must be in [0, 1], got 1.5", e.getMessage());
        assertAll(
                () -> assertMessage(() -> s.value(0, 1, -0.1), "pctTrain", "-0.1", "[0, 1]"),
                () -> assertMessage(() -> s.value(0, 1, Double.NaN), "pctTrain", "NaN"),
                () ->
                        assertMessage(
                                () -> s.value(0, 1, Double.NEGATIVE_INFINITY),
                                "pctTrain",
                                "-Infinity"),
                () -> assertMessage(() -> s.progress(2.0), "pctTrain", "2.0"),
                // Also before the window, where the annealer is not consulted.
                () ->
                        assertMessage(
                                () -> s.window(0.5, 1.0).value(0, 1, -1.0), "pctTrain", "-1.0"));
    }

    @Test
    void endpointsMustBeFinite() {
        Schedule s = Schedules.lin().window(0.5, 1.0);
        assertAll(
                () -> assertMessage(() -> s.value(Double.NaN, 1.0, 0.1), "start", "NaN", "finite"),
                () ->
                        assertMessage(
                                () -> s.value(0.0, Double.POSITIVE_INFINITY, 0.1),
                                "end",
                                "Infinity",
                                "finite"),
                () -> assertMessage(() -> s.bind(Double.NaN, 1.0), "start", "NaN"),
                () ->
                        assertMessage(
                                () -> s.bind(0.0, Double.NEGATIVE_INFINITY), "end", "-Infinity"));
    }

    /** Asserts an {@link IllegalArgumentException} whose message contains every fragment. */
    static void assertMessage(Executable call, String... fragments) {
        Throwable e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(
                    e.getMessage().contains(fragment),
                    () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
