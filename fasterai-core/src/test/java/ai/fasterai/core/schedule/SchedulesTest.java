/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

package ai.fasterai.core.schedule;

import static ai.fasterai.core.schedule.ScheduleTest.assertMessage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * Tests of the presets in {@link Schedules} against closed forms written out here, at the positions
 * {@link #PCTS} and at the edges of each default window.
 */
class SchedulesTest {

    private static final double EPS = 1e-12;

    private static final double[] PCTS = {0.0, 0.1, 0.25, 0.5, 0.75, 0.99, 1.0};

    /** A closed form {@code f(start, end, pos)} written out in the test. */
    @FunctionalInterface
    private interface ClosedForm {
        double at(double start, double end, double pos);
    }

    /**
     * Checks {@code schedule} against {@code form} at every position of {@link #PCTS}, applying the
     * window rule by hand: {@code start} before {@code startPct}, {@code form(.., 1)} from {@code
     * endPct} on, and the stretched position in between.
     */
    private static void assertFollows(
            Schedule schedule, ClosedForm form, double start, double end) {
        double lo = schedule.getStartPct();
        double hi = schedule.getEndPct();
        for (double pct : PCTS) {
            double expected;
            if (pct < lo) {
                expected = start;
            } else if (pct >= hi) {
                expected = form.at(start, end, 1.0);
            } else {
                expected = form.at(start, end, (pct - lo) / (hi - lo));
            }
            assertEquals(
                    expected,
                    schedule.value(start, end, pct),
                    EPS,
                    schedule + " at pctTrain " + pct + " from " + start + " to " + end);
        }
    }

    @Test
    void noStaysAtStart() {
        for (double pct : PCTS) {
            assertEquals(2.0, Schedules.no().value(2.0, 0.5, pct), 0.0);
        }
        assertFollows(Schedules.no(), (s, e, p) -> s, -3.0, 4.0);
    }

    @Test
    void linIsAStraightLine() {
        ClosedForm lin = (s, e, p) -> s + p * (e - s);
        assertFollows(Schedules.lin(), lin, 2.0, 0.5);
        assertFollows(Schedules.lin(), lin, 0.0, 1.0);
        assertEquals(1.25, Schedules.lin().value(2.0, 0.5, 0.5), EPS);
        assertFollows(Schedules.lin().window(0.25, 0.75), lin, 2.0, 0.5);
    }

    @Test
    void cosIsAHalfCosine() {
        ClosedForm cos = (s, e, p) -> s + (1 + Math.cos(Math.PI * (1 - p))) * (e - s) / 2;
        assertFollows(Schedules.cos(), cos, 2.0, 0.5);
        assertFollows(Schedules.cos(), cos, 0.1, 0.9);
        assertEquals(2.0, Schedules.cos().value(2.0, 0.5, 0.0), EPS);
        assertEquals((2.0 + 0.5) / 2, Schedules.cos().value(2.0, 0.5, 0.5), EPS);
        assertEquals(0.5, Schedules.cos().value(2.0, 0.5, 1.0), EPS);
    }

    @Test
    void expIsGeometric() {
        ClosedForm exp = (s, e, p) -> s * Math.pow(e / s, p);
        assertFollows(Schedules.exp(), exp, 2.0, 0.5);
        assertFollows(Schedules.exp(), exp, -1.0, -4.0);
        assertFollows(Schedules.exp().window(0.2, 0.8), exp, 1e-5, 1e-1);
        // Geometric mean at the middle.
        assertEquals(1.0, Schedules.exp().value(2.0, 0.5, 0.5), EPS);
        assertEquals(-2.0, Schedules.exp().value(-1.0, -4.0, 0.5), EPS);
    }

    @Test
    void polyRaisesPosToThePower() {
        assertFollows(Schedules.poly(2.0), (s, e, p) -> s + (e - s) * p * p, 2.0, 0.5);
        assertFollows(Schedules.poly(0.5), (s, e, p) -> s + (e - s) * Math.sqrt(p), 0.0, 1.0);
        assertFollows(Schedules.poly(3.0), (s, e, p) -> s + (e - s) * p * p * p, 1.0, 5.0);
        assertEquals(2.0 - 1.5 * 0.0625, Schedules.poly(2.0).value(2.0, 0.5, 0.25), EPS);
    }

    @Test
    void stepIsAGeometricStaircase() {
        double start = 2.0;
        double end = 0.5;
        // Three equal segments: start, the geometric middle, end.
        ClosedForm step2 = (s, e, p) -> p < 1.0 / 3 ? s : p < 2.0 / 3 ? Math.sqrt(s * e) : e;
        assertFollows(Schedules.step(2), step2, start, end);
        Schedule s2 = Schedules.step(2);
        assertEquals(2.0, s2.value(start, end, 0.0), 0.0);
        assertEquals(2.0, s2.value(start, end, 0.33), 0.0);
        assertEquals(1.0, s2.value(start, end, 0.34), EPS);
        assertEquals(1.0, s2.value(start, end, 0.66), EPS);
        assertEquals(0.5, s2.value(start, end, 0.67), EPS);
        assertEquals(0.5, s2.value(start, end, 1.0), EPS);

        TreeSet<Double> distinct = new TreeSet<>();
        for (int i = 0; i <= 1000; i++) {
            distinct.add(s2.value(start, end, i / 1000.0));
        }
        assertEquals(3, distinct.size(), () -> "values " + distinct);

        // One drop: halves of training at start and end.
        ClosedForm step1 = (s, e, p) -> p < 0.5 ? s : e;
        assertFollows(Schedules.step(1), step1, 3.0, 0.03);
        // Four drops of a factor 10 each, from 1 to 1e-4.
        ClosedForm step4 = (s, e, p) -> s * Math.pow(0.1, Math.min(Math.floor(p * 5), 4));
        assertFollows(Schedules.step(4), step4, 1.0, 1e-4);
    }

    @Test
    void oneShotJumpsToEndAtTheMiddle() {
        Schedule s = Schedules.oneShot();
        assertEquals(0.5, s.getStartPct(), 0.0);
        assertEquals(1.0, s.getEndPct(), 0.0);
        assertEquals(0.0, s.progress(0.0), 0.0);
        assertEquals(0.0, s.progress(0.25), 0.0);
        assertEquals(0.0, s.progress(0.4999), 0.0);
        assertEquals(1.0, s.progress(0.5), 0.0);
        assertEquals(1.0, s.progress(0.99), 0.0);
        assertEquals(1.0, s.progress(1.0), 0.0);
        assertFollows(s, (st, e, p) -> e, 2.0, 0.5);
    }

    @Test
    void iterativeMakesEqualFlatSteps() {
        ClosedForm iter4 = (s, e, p) -> s + ((e - s) / 4) * Math.ceil(p * 4);
        Schedule s4 = Schedules.iterative(4).window(0.0, 1.0);
        assertFollows(s4, iter4, 0.0, 1.0);
        assertFollows(Schedules.iterative(4), iter4, 2.0, 0.5);
        // Flat inside (0, 0.25], jumps right after 0.25, flat again until 0.5.
        assertEquals(0.0, s4.progress(0.0), 0.0);
        assertEquals(0.25, s4.progress(0.01), EPS);
        assertEquals(0.25, s4.progress(0.1), EPS);
        assertEquals(0.25, s4.progress(0.25), EPS);
        assertEquals(0.5, s4.progress(0.2501), EPS);
        assertEquals(0.5, s4.progress(0.5), EPS);
        assertEquals(0.75, s4.progress(0.5001), EPS);
        assertEquals(1.0, s4.progress(0.7501), EPS);
        assertEquals(1.0, s4.progress(1.0), EPS);
    }

    @Test
    void iterativeDefaultsToThreeStepsFromTwentyPercent() {
        Schedule s = Schedules.iterative();
        assertEquals(0.2, s.getStartPct(), 0.0);
        assertEquals(1.0, s.getEndPct(), 0.0);
        ClosedForm iter3 = (st, e, p) -> st + ((e - st) / 3) * Math.ceil(p * 3);
        assertFollows(s, iter3, 0.0, 1.0);
        assertEquals(0.0, s.progress(0.1), 0.0);
        assertEquals(0.0, s.progress(0.2), 0.0);
        // pctTrain 0.5 is pos 0.375: the second step.
        assertEquals(2.0 / 3, s.progress(0.5), EPS);
        assertEquals(1.0, s.progress(1.0), EPS);
    }

    @Test
    void agpIsCubicFromTwentyPercent() {
        Schedule s = Schedules.agp();
        assertEquals(0.2, s.getStartPct(), 0.0);
        assertEquals(0.755859375, s.progress(0.5), EPS);
        assertEquals(1 - Math.pow(0.625, 3), s.progress(0.5), EPS);
        assertEquals(0.0, s.progress(0.1), 0.0);
        assertEquals(0.0, s.progress(0.2), EPS);
        assertEquals(1.0, s.progress(1.0), EPS);
        ClosedForm agp = (st, e, p) -> e + (st - e) * Math.pow(1 - p, 3);
        assertFollows(s, agp, 0.0, 0.9);
        assertFollows(s.window(0.0, 1.0), agp, 0.2, 0.8);
    }

    @Test
    void oneCycleIsLogistic() {
        ClosedForm oneCycle =
                (s, e, p) -> s + (e - s) * (1 + Math.exp(-14 + 6)) / (1 + Math.exp(-14 * p + 6));
        assertFollows(Schedules.oneCycle(), oneCycle, 0.0, 1.0);
        assertFollows(Schedules.oneCycle(), oneCycle, 2.0, 0.5);
        // Near start at 0 (within 0.3 % of the range), exactly end at 1.
        double atZero = (1 + Math.exp(-8)) / (1 + Math.exp(6));
        assertEquals(atZero, Schedules.oneCycle().progress(0.0), EPS);
        assertTrue(atZero < 0.003, "progress at 0 is " + atZero);
        assertEquals(1.0, Schedules.oneCycle().progress(1.0), 0.0);
        assertEquals(0.5, Schedules.oneCycle().value(2.0, 0.5, 1.0), 0.0);

        ClosedForm custom =
                (s, e, p) -> s + (e - s) * (1 + Math.exp(-10 + 5)) / (1 + Math.exp(-10 * p + 5));
        assertFollows(Schedules.oneCycle(10.0, 5.0), custom, 0.1, 0.9);
        assertEquals(1.0, Schedules.oneCycle(10.0, 5.0).progress(1.0), 0.0);
    }

    @Test
    void dsdGoesToEndAndBack() {
        ClosedForm dsd =
                (s, e, p) ->
                        p < 0.5
                                ? s + (1 + Math.cos(Math.PI * (1 - 2 * p))) * (e - s) / 2
                                : e + (1 - Math.cos(Math.PI * (1 - 2 * p))) * (s - e) / 2;
        assertFollows(Schedules.dsd(), dsd, 0.0, 0.8);
        assertFollows(Schedules.dsd(), dsd, 2.0, 0.5);
        Schedule s = Schedules.dsd();
        assertEquals(0.0, s.value(0.0, 0.8, 0.0), EPS);
        assertEquals(0.8, s.value(0.0, 0.8, 0.5), EPS);
        assertEquals(0.0, s.value(0.0, 0.8, 1.0), EPS);
        assertEquals(0.4, s.value(0.0, 0.8, 0.25), EPS);
        assertEquals(0.4, s.value(0.0, 0.8, 0.75), EPS);
        // Both halves meet at the middle.
        assertEquals(s.value(0.0, 0.8, 0.4999999), s.value(0.0, 0.8, 0.5), 1e-9);
    }

    @Test
    void combineCallsThePartOfTheCurrentInterval() {
        // Parts that tag their output with their index: part i returns 10 (i + 1) + pos.
        DoubleUnaryOperator f =
                Schedules.combine(
                        new double[] {0.2, 0.3, 0.5}, p -> 10 + p, p -> 20 + p, p -> 30 + p);
        assertAll(
                () -> assertEquals(10.0, f.applyAsDouble(0.0), EPS),
                () -> assertEquals(10.5, f.applyAsDouble(0.1), EPS),
                () -> assertEquals(10.0 + 0.19 / 0.2, f.applyAsDouble(0.19), EPS),
                () -> assertEquals(20.0, f.applyAsDouble(0.2), EPS),
                () -> assertEquals(20.0 + 0.05 / 0.3, f.applyAsDouble(0.25), EPS),
                () -> assertEquals(20.5, f.applyAsDouble(0.35), EPS),
                () -> assertEquals(30.0, f.applyAsDouble(0.5), EPS),
                () -> assertEquals(30.5, f.applyAsDouble(0.75), EPS),
                () -> assertEquals(30.0 + 0.49 / 0.5, f.applyAsDouble(0.99), EPS),
                () -> assertEquals(31.0, f.applyAsDouble(1.0), EPS));
    }

    @Test
    void combineOfASinglePartIsThatPart() {
        DoubleUnaryOperator f = Schedules.combine(new double[] {1.0}, p -> 3 * p);
        assertEquals(0.0, f.applyAsDouble(0.0), EPS);
        assertEquals(1.5, f.applyAsDouble(0.5), EPS);
        assertEquals(3.0, f.applyAsDouble(1.0), EPS);
    }

    @Test
    void combineCopiesItsArguments() {
        double[] pcts = {0.5, 0.5};
        DoubleUnaryOperator[] parts = {p -> 1.0, p -> 2.0};
        DoubleUnaryOperator f = Schedules.combine(pcts, parts);
        pcts[0] = 0.9;
        parts[1] = p -> 99.0;
        assertEquals(1.0, f.applyAsDouble(0.4), 0.0);
        assertEquals(2.0, f.applyAsDouble(0.6), 0.0);
    }

    @Test
    void combinedCosIsFitOneCyclesLearningRate() {
        double lrMax = 1e-3;
        double start = lrMax / 25;
        double end = lrMax / 1e5;
        DoubleUnaryOperator lr = Schedules.combinedCos(0.25, start, lrMax, end);
        ClosedForm cos = (s, e, p) -> s + (1 + Math.cos(Math.PI * (1 - p))) * (e - s) / 2;
        assertAll(
                () -> assertEquals(start, lr.applyAsDouble(0.0), EPS),
                () -> assertEquals(cos.at(start, lrMax, 0.1 / 0.25), lr.applyAsDouble(0.1), EPS),
                () -> assertEquals((start + lrMax) / 2, lr.applyAsDouble(0.125), EPS),
                () -> assertEquals(lrMax, lr.applyAsDouble(0.25), EPS),
                () -> assertEquals(cos.at(lrMax, end, 0.25 / 0.75), lr.applyAsDouble(0.5), EPS),
                () -> assertEquals((lrMax + end) / 2, lr.applyAsDouble(0.625), EPS),
                () -> assertEquals(cos.at(lrMax, end, 0.74 / 0.75), lr.applyAsDouble(0.99), EPS),
                () -> assertEquals(end, lr.applyAsDouble(1.0), EPS));
        // The peak really is the maximum: just before and after are lower.
        assertTrue(lr.applyAsDouble(0.24) < lrMax);
        assertTrue(lr.applyAsDouble(0.26) < lrMax);
    }

    @Test
    void combinedCosIsFitOneCyclesMomentum() {
        DoubleUnaryOperator mom = Schedules.combinedCos(0.25, 0.95, 0.85, 0.95);
        ClosedForm cos = (s, e, p) -> s + (1 + Math.cos(Math.PI * (1 - p))) * (e - s) / 2;
        assertAll(
                () -> assertEquals(0.95, mom.applyAsDouble(0.0), EPS),
                () -> assertEquals(cos.at(0.95, 0.85, 0.4), mom.applyAsDouble(0.1), EPS),
                () -> assertEquals(0.85, mom.applyAsDouble(0.25), EPS),
                () -> assertEquals(0.90, mom.applyAsDouble(0.625), EPS),
                () -> assertEquals(cos.at(0.85, 0.95, 0.5 / 0.75), mom.applyAsDouble(0.75), EPS),
                () -> assertEquals(0.95, mom.applyAsDouble(1.0), EPS));
        assertNotEquals(mom.applyAsDouble(0.1), mom.applyAsDouble(0.9));
    }

    @Test
    void presetParametersAreValidated() {
        assertAll(
                () -> assertMessage(() -> Schedules.poly(0.0), "power", "0.0", "> 0"),
                () -> assertMessage(() -> Schedules.poly(-1.0), "power", "-1.0", "> 0"),
                () -> assertMessage(() -> Schedules.poly(Double.NaN), "power", "NaN"),
                () ->
                        assertMessage(
                                () -> Schedules.poly(Double.POSITIVE_INFINITY),
                                "power",
                                "Infinity"),
                () -> assertMessage(() -> Schedules.step(0), "nDrops", "0", ">= 1"),
                () -> assertMessage(() -> Schedules.step(-3), "nDrops", "-3", ">= 1"),
                () -> assertMessage(() -> Schedules.iterative(0), "nSteps", "0", ">= 1"),
                () -> assertMessage(() -> Schedules.iterative(-2), "nSteps", "-2", ">= 1"),
                () -> assertMessage(() -> Schedules.oneCycle(0.0, 6.0), "alpha", "0.0", "> 0"),
                () -> assertMessage(() -> Schedules.oneCycle(Double.NaN, 6.0), "alpha", "NaN"),
                () ->
                        assertMessage(
                                () -> Schedules.oneCycle(14.0, Double.NaN),
                                "beta",
                                "NaN",
                                "finite"));
    }

    @Test
    void geometricPresetsNeedNonZeroEndpointsOfOneSign() {
        assertAll(
                () ->
                        assertMessage(
                                () -> Schedules.exp().value(0.0, 1.0, 0.5),
                                "exp",
                                "start=0.0",
                                "end=1.0",
                                "same sign"),
                () ->
                        assertMessage(
                                () -> Schedules.exp().value(1.0, -1.0, 0.5),
                                "start=1.0",
                                "end=-1.0"),
                () ->
                        assertMessage(
                                () -> Schedules.exp().value(2.0, 0.0, 1.0), "start=2.0", "end=0.0"),
                () -> assertMessage(() -> Schedules.exp().progress(0.5), "start=0.0", "end=1.0"),
                // Before the window too: the pair is wrong whatever the time.
                () ->
                        assertMessage(
                                () -> Schedules.exp().window(0.5, 1.0).value(0.0, 1.0, 0.1),
                                "start=0.0",
                                "end=1.0"),
                // bind fails at once, not at the first call.
                () -> assertMessage(() -> Schedules.exp().bind(-1.0, 1.0), "start=-1.0", "end=1.0"),
                () ->
                        assertMessage(
                                () -> Schedules.exp().getAnnealer().anneal(0.0, 1.0, 0.5),
                                "start=0.0",
                                "end=1.0"),
                () ->
                        assertMessage(
                                () -> Schedules.step(2).value(1.0, 0.0, 0.5),
                                "step(2)",
                                "start=1.0",
                                "end=0.0"),
                () ->
                        assertMessage(
                                () -> Schedules.step(2).value(-1.0, 2.0, 0.0),
                                "start=-1.0",
                                "end=2.0"));
    }

    @Test
    void combineArgumentsAreValidated() {
        DoubleUnaryOperator id = p -> p;
        assertAll(
                () -> assertMessage(() -> Schedules.combine(null, id), "pcts", "null"),
                () ->
                        assertMessage(
                                () ->
                                        Schedules.combine(
                                                new double[] {1.0}, (DoubleUnaryOperator[]) null),
                                "parts",
                                "null"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[] {0.5, 0.5}, id, null),
                                "parts[1]",
                                "null"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[] {0.5, 0.5}, id),
                                "pcts.length=2",
                                "parts.length=1"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[0]),
                                "pcts.length=0",
                                "non-zero"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[] {1.0, 0.0}, id, id),
                                "pcts[1]",
                                "0.0",
                                "> 0"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[] {1.5, -0.5}, id, id),
                                "pcts[1]",
                                "-0.5"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[] {Double.NaN}, id),
                                "pcts[0]",
                                "NaN"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[] {0.5, 0.6}, id, id),
                                "pcts",
                                "sum to 1",
                                "1.1"),
                () ->
                        assertMessage(
                                () -> Schedules.combine(new double[] {1.0}, id).applyAsDouble(1.5),
                                "pos",
                                "1.5",
                                "[0, 1]"),
                () ->
                        assertMessage(
                                () ->
                                        Schedules.combine(new double[] {1.0}, id)
                                                .applyAsDouble(Double.NaN),
                                "pos",
                                "NaN"));
    }

    @Test
    void combineToleratesASumJustBelowOne() {
        // The sum is 1 - 5e-10, inside the tolerance; the last part must still cover up to 1
        // and never see a position above 1 (lin().bind rejects it).
        DoubleUnaryOperator f =
                Schedules.combine(
                        new double[] {0.5, 0.4999999995},
                        Schedules.lin().bind(1.0, 2.0),
                        Schedules.lin().bind(3.0, 4.0));
        assertEquals(1.5, f.applyAsDouble(0.25), EPS);
        assertEquals(3.0 + (0.9999999998 - 0.5) / 0.5, f.applyAsDouble(0.9999999998), EPS);
        assertEquals(4.0, f.applyAsDouble(1.0), EPS);
    }

    @Test
    void combinedCosArgumentsAreValidated() {
        assertAll(
                () ->
                        assertMessage(
                                () -> Schedules.combinedCos(0.0, 1, 2, 3), "pct", "0.0", "(0, 1)"),
                () ->
                        assertMessage(
                                () -> Schedules.combinedCos(1.0, 1, 2, 3), "pct", "1.0", "(0, 1)"),
                () -> assertMessage(() -> Schedules.combinedCos(Double.NaN, 1, 2, 3), "pct", "NaN"),
                () ->
                        assertMessage(
                                () -> Schedules.combinedCos(0.25, Double.NaN, 2, 3),
                                "start",
                                "NaN"),
                () ->
                        assertMessage(
                                () -> Schedules.combinedCos(0.25, 1, Double.NaN, 3),
                                "middle",
                                "NaN"),
                () ->
                        assertMessage(
                                () -> Schedules.combinedCos(0.25, 1, 2, Double.POSITIVE_INFINITY),
                                "end",
                                "Infinity"));
    }
}
