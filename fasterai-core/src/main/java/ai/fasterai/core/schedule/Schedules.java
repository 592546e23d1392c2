/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */

package ai.fasterai.core.schedule;

import ai.fasterai.core.util.Checks;

import java.util.function.DoubleUnaryOperator;

/**
 * Ready-made schedules: fastai's annealers ({@code SchedNo}, {@code SchedLin}, {@code SchedCos},
 * {@code SchedExp}, {@code SchedPoly}, {@code combine_scheds}, {@code combined_cos}) and fasterai's
 * sparsity schedules ({@code one_shot}, {@code iterative}, {@code agp}, {@code one_cycle}, {@code
 * dsd}).
 *
 * <p>In the formulas, {@code pos} is the position in the schedule's window, in {@code [0, 1]}. Each
 * preset has a default window {@code [startPct, 1]}; {@link Schedule#window} changes it.
 */
public final class Schedules {

    /** fasterai's default steepness of the logistic one-cycle curve. */
    private static final double ONE_CYCLE_ALPHA = 14.0;

    /** fasterai's default offset of the logistic one-cycle curve. */
    private static final double ONE_CYCLE_BETA = 6.0;

    /** fasterai starts pruning after 20 % of training, so weights first settle. */
    private static final double PRUNE_START_PCT = 0.2;

    /** fasterai's one-shot prunes at the middle of training. */
    private static final double ONE_SHOT_START_PCT = 0.5;

    /** Tolerance of {@link #combine} on the sum of the fractions. */
    private static final double PCTS_SUM_TOLERANCE = 1e-9;

    private static final Schedule NO = Schedule.preset("no", (start, end, pos) -> start, 0.0);
    private static final Schedule LIN =
            Schedule.preset("lin", (start, end, pos) -> start + pos * (end - start), 0.0);
    private static final Schedule COS = Schedule.preset("cos", Schedules::cosine, 0.0);
    private static final Schedule EXP =
            Schedule.preset(
                    "exp",
                    (start, end, pos) -> geometric("exp", start, end, pos),
                    (start, end) -> sameSignNonZero("exp", start, end),
                    0.0);
    private static final Schedule ONE_SHOT =
            Schedule.preset("oneShot", (start, end, pos) -> end, ONE_SHOT_START_PCT);
    private static final Schedule AGP =
            Schedule.preset("agp", Schedules::agpCurve, PRUNE_START_PCT);
    private static final Schedule ONE_CYCLE = oneCycle(ONE_CYCLE_ALPHA, ONE_CYCLE_BETA);
    private static final Schedule DSD = Schedule.preset("dsd", Schedules::dsdCurve, 0.0);

    private Schedules() {}

    /**
     * Constant: {@code start} everywhere (fastai's {@code SchedNo}). Window {@code [0, 1]}.
     *
     * @return the {@code no} schedule
     */
    public static Schedule no() {
        return NO;
    }

    /**
     * Linear: {@code start + pos * (end - start)} (fastai's {@code SchedLin}). Window {@code [0,
     * 1]}.
     *
     * @return the {@code lin} schedule
     */
    public static Schedule lin() {
        return LIN;
    }

    /**
     * Half cosine: {@code start + (1 + cos(pi * (1 - pos))) * (end - start) / 2} (fastai's {@code
     * SchedCos}): flat at both ends. Window {@code [0, 1]}.
     *
     * @return the {@code cos} schedule
     */
    public static Schedule cos() {
        return COS;
    }

    /**
     * Geometric: {@code start * (end / start)^pos} (fastai's {@code SchedExp}). Window {@code [0,
     * 1]}. {@link Schedule#value} throws {@link IllegalArgumentException} unless {@code start} and
     * {@code end} are non-zero with the same sign.
     *
     * @return the {@code exp} schedule
     */
    public static Schedule exp() {
        return EXP;
    }

    /**
     * Polynomial: {@code start + (end - start) * pos^power} (fastai's {@code SchedPoly}). Window
     * {@code [0, 1]}.
     *
     * @param power the exponent, finite and {@code > 0}
     * @return the {@code poly(power)} schedule
     * @throws IllegalArgumentException if {@code power} is not finite and positive
     */
    public static Schedule poly(double power) {
        Checks.positive("power", power);
        return Schedule.preset(
                "poly(" + power + ")",
                (start, end, pos) -> start + (end - start) * Math.pow(pos, power),
                0.0);
    }

    /**
     * Geometric staircase of {@code nDrops + 1} equal segments, the first at {@code start} and the
     * last at {@code end}: {@code start * (end / start)^(min(floor(pos * (nDrops + 1)), nDrops) /
     * nDrops)}. Window {@code [0, 1]}. Like {@link #exp()}, needs {@code start} and {@code end}
     * non-zero with the same sign.
     *
     * @param nDrops the number of drops, {@code >= 1}
     * @return the {@code step(nDrops)} schedule
     * @throws IllegalArgumentException if {@code nDrops < 1}
     */
    public static Schedule step(int nDrops) {
        Checks.atLeast("nDrops", nDrops, 1);
        String name = "step(" + nDrops + ")";
        return Schedule.preset(
                name,
                (start, end, pos) -> {
                    // pos = 1 would open an (nDrops + 2)-th segment; min() folds it into the last
                    // one.
                    double drop = Math.min(Math.floor(pos * (nDrops + 1)), nDrops);
                    return geometric(name, start, end, drop / nDrops);
                },
                (start, end) -> sameSignNonZero(name, start, end),
                0.0);
    }

    /**
     * One shot: {@code end} everywhere in the window (fasterai's {@code one_shot}), so the value
     * jumps from {@code start} to {@code end} at {@code startPct}. Window {@code [0.5, 1]}.
     *
     * @return the {@code oneShot} schedule
     */
    public static Schedule oneShot() {
        return ONE_SHOT;
    }

    /**
     * Equal steps: {@code start + ((end - start) / nSteps) * ceil(pos * nSteps)} (fasterai's {@code
     * iterative}): flat between steps, jumping just after each {@code k / nSteps}. Window {@code
     * [0.2, 1]}.
     *
     * @param nSteps the number of steps, {@code >= 1}
     * @return the {@code iterative(nSteps)} schedule
     * @throws IllegalArgumentException if {@code nSteps < 1}
     */
    public static Schedule iterative(int nSteps) {
        Checks.atLeast("nSteps", nSteps, 1);
        return Schedule.preset(
                "iterative(" + nSteps + ")",
                (start, end, pos) -> start + ((end - start) / nSteps) * Math.ceil(pos * nSteps),
                PRUNE_START_PCT);
    }

    /**
     * Three equal steps: {@code iterative(3)}. Window {@code [0.2, 1]}.
     *
     * @return the {@code iterative(3)} schedule
     */
    public static Schedule iterative() {
        return iterative(3);
    }

    /**
     * Automated gradual pruning: {@code end + (start - end) * (1 - pos)^3} (Zhu and Gupta, 2017):
     * fast at first, while many weights are redundant, then slower. Window {@code [0.2, 1]}.
     *
     * @return the {@code agp} schedule
     */
    public static Schedule agp() {
        return AGP;
    }

    /**
     * fasterai's logistic one-cycle with {@code alpha = 14} and {@code beta = 6}; see {@link
     * #oneCycle(double, double)}. Window {@code [0, 1]}.
     *
     * @return the {@code oneCycle(14.0, 6.0)} schedule
     */
    public static Schedule oneCycle() {
        return ONE_CYCLE;
    }

    /**
     * Logistic curve (fasterai's {@code sched_onecycle}): {@code start + (end - start) * (1 +
     * e^(-alpha + beta)) / (1 + e^(-alpha * pos + beta))}. It is close to {@code start} at {@code
     * pos = 0} and exactly {@code end} at {@code pos = 1}. Window {@code [0, 1]}.
     *
     * @param alpha the steepness, finite and {@code > 0}
     * @param beta the offset of the rise, finite
     * @return the {@code oneCycle(alpha, beta)} schedule
     * @throws IllegalArgumentException if {@code alpha} is not finite and positive, or {@code beta}
     *     is not finite
     */
    public static Schedule oneCycle(double alpha, double beta) {
        Checks.positive("alpha", alpha);
        Checks.finite("beta", beta);
        double numerator = 1.0 + Math.exp(-alpha + beta);
        return Schedule.preset(
                "oneCycle(" + alpha + ", " + beta + ")",
                (start, end, pos) ->
                        start + (end - start) * (numerator / (1.0 + Math.exp(-alpha * pos + beta))),
                0.0);
    }

    /**
     * Dense-sparse-dense: a half cosine up to {@code end} at the middle of the window and back to
     * {@code start} at its end.
     *
     * <pre>
     * pos &lt; 0.5 : start + (1 + cos(pi * (1 - 2 pos))) * (end - start) / 2
     * otherwise : end + (1 - cos(pi * (1 - 2 pos))) * (start - end) / 2
     * </pre>
     *
     * Window {@code [0, 1]}.
     *
     * @return the {@code dsd} schedule
     */
    public static Schedule dsd() {
        return DSD;
    }

    /**
     * Chains schedules over consecutive parts of training (fastai's {@code combine_scheds}). Part
     * {@code i} covers {@code [c_i, c_(i+1))} with {@code c_0 = 0} and {@code c_(i+1) = c_i +
     * pcts[i]}; at {@code pos} in that interval it is called with {@code (pos - c_i) / (c_(i+1) -
     * c_i)}, and {@code pos >= 1} calls the last part with {@code 1}.
     *
     * @param pcts the fraction of training of each part, each finite and {@code > 0}, summing to 1
     *     within {@code 1e-9}; copied
     * @param parts the schedules of the parts, as many as {@code pcts}, none null; copied
     * @return the function {@code pos -> value}; it throws {@link IllegalArgumentException} if
     *     {@code pos} is not in {@code [0, 1]}
     * @throws IllegalArgumentException if an argument breaks the rules above
     */
    public static DoubleUnaryOperator combine(double[] pcts, DoubleUnaryOperator... parts) {
        Checks.notNull("pcts", pcts);
        Checks.notNull("parts", parts);
        if (pcts.length == 0 || pcts.length != parts.length) {
            throw new IllegalArgumentException(
                    "pcts and parts must have the same, non-zero"
                            + " length, got pcts.length="
                            + pcts.length
                            + ", parts.length="
                            + parts.length);
        }
        double[] bounds = new double[pcts.length + 1];
        for (int i = 0; i < pcts.length; i++) {
            Checks.positive("pcts[" + i + "]", pcts[i]);
            Checks.notNull("parts[" + i + "]", parts[i]);
            bounds[i + 1] = bounds[i] + pcts[i];
        }
        double sum = bounds[pcts.length];
        if (Math.abs(sum - 1.0) > PCTS_SUM_TOLERANCE) {
            throw new IllegalArgumentException("pcts must sum to 1 (within 1e-9), got sum " + sum);
        }
        // Pin the last bound to 1 so that rounding in the sum cannot leave a gap below 1.
        bounds[pcts.length] = 1.0;
        DoubleUnaryOperator[] chain = parts.clone();
        return pos -> {
            Checks.unit("pos", pos);
            int last = chain.length - 1;
            if (pos >= 1.0) {
                return chain[last].applyAsDouble(1.0);
            }
            int i = last;
            while (pos < bounds[i]) {
                i--;
            }
            return chain[i].applyAsDouble((pos - bounds[i]) / (bounds[i + 1] - bounds[i]));
        };
    }

    /**
     * Two half cosines, {@code start -> middle} over the first {@code pct} of training and {@code
     * middle -> end} over the rest (fastai's {@code combined_cos}): {@code combine([pct, 1 - pct],
     * cos().bind(start, middle), cos().bind(middle, end))}. fastai's {@code fit_one_cycle} uses
     * {@code (0.25, lrMax / 25, lrMax, lrMax / 1e5)} for the learning rate and {@code (0.25, 0.95,
     * 0.85, 0.95)} for the momentum.
     *
     * @param pct the fraction of training of the first half cosine, in {@code (0, 1)}
     * @param start the value at the beginning, finite
     * @param middle the value at {@code pct}, finite
     * @param end the value at the end, finite
     * @return the function {@code pos -> value}
     * @throws IllegalArgumentException if {@code pct} is not in {@code (0, 1)} or a value is not
     *     finite
     */
    public static DoubleUnaryOperator combinedCos(
            double pct, double start, double middle, double end) {
        if (!(pct > 0.0 && pct < 1.0)) {
            throw new IllegalArgumentException("pct must be in (0, 1), got " + pct);
        }
        Checks.finite("middle", middle);
        return combine(
                new double[] {pct, 1.0 - pct}, COS.bind(start, middle), COS.bind(middle, end));
    }

    private static double cosine(double start, double end, double pos) {
        return start + (1.0 + Math.cos(Math.PI * (1.0 - pos))) * (end - start) / 2.0;
    }

    private static double agpCurve(double start, double end, double pos) {
        double remaining = 1.0 - pos;
        return end + (start - end) * remaining * remaining * remaining;
    }

    private static double dsdCurve(double start, double end, double pos) {
        double c = Math.cos(Math.PI * (1.0 - 2.0 * pos));
        if (pos < 0.5) {
            return start + (1.0 + c) * (end - start) / 2.0;
        }
        return end + (1.0 - c) * (start - end) / 2.0;
    }

    // start * (end / start)^pos. Re-checks the pair because the annealer can also be called
    // directly, through Schedule.getAnnealer(), bypassing Schedule's endpoint check.
    private static double geometric(String preset, double start, double end, double pos) {
        sameSignNonZero(preset, start, end);
        return start * Math.pow(end / start, pos);
    }

    /**
     * Requires {@code start} and {@code end} non-zero with the same sign, as geometric
     * interpolation ({@code start * (end / start)^pos}) needs: otherwise the ratio is zero,
     * infinite or negative and the power is NaN or meaningless.
     *
     * @param preset the preset name for the message
     * @param start the start value
     * @param end the end value
     */
    private static void sameSignNonZero(String preset, double start, double end) {
        boolean ok = (start > 0.0 && end > 0.0) || (start < 0.0 && end < 0.0);
        if (!ok) {
            throw new IllegalArgumentException(
                    preset
                            + " needs start and end non-zero with the"
                            + " same sign, got start="
                            + start
                            + ", end="
                            + end);
        }
    }
}
