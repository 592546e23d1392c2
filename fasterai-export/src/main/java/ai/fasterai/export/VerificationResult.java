/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.export;

import java.util.Arrays;
import java.util.Locale;

/**
 * How far an ONNX file's outputs are from its DJL network's on the same inputs, as {@link
 * OnnxVerifier} measures them. A difference is NaN if an output is NaN on either side.
 */
public final class VerificationResult {

    private final double maxAbsDiff;
    private final double outputScale;
    private final double[] sampleMaxAbsDiffs;

    VerificationResult(double maxAbsDiff, double outputScale, double[] sampleMaxAbsDiffs) {
        this.maxAbsDiff = maxAbsDiff;
        this.outputScale = outputScale;
        this.sampleMaxAbsDiffs = sampleMaxAbsDiffs.clone();
    }

    /**
     * Returns the largest absolute difference between the two outputs over every sample and
     * element.
     *
     * @return the difference
     */
    public double getMaxAbsDiff() {
        return maxAbsDiff;
    }

    /**
     * Returns the largest absolute value of the DJL outputs, the scale the difference is measured
     * against.
     *
     * @return the scale
     */
    public double getOutputScale() {
        return outputScale;
    }

    /**
     * Returns the largest absolute difference divided by the output scale: the error relative to
     * the size of the outputs, which an absolute tolerance cannot judge alone (1e-4 is large for
     * outputs near 1e-3, tiny for logits near 1e3). It is 0 when both are 0 and infinite when only
     * the scale is.
     *
     * @return the relative difference
     */
    public double getMaxRelativeDiff() {
        if (maxAbsDiff == 0) {
            return 0;
        }
        return outputScale == 0 ? Double.POSITIVE_INFINITY : maxAbsDiff / outputScale;
    }

    /**
     * Returns the largest absolute difference for each sample array, in the order given.
     *
     * @return a copy of the differences
     */
    public double[] getSampleMaxAbsDiffs() {
        return sampleMaxAbsDiffs.clone();
    }

    /**
     * Tells whether the outputs agree within an absolute tolerance (false if a difference is NaN).
     *
     * @param tolerance the largest accepted absolute difference
     * @return whether the maximum absolute difference is at most the tolerance
     */
    public boolean isWithin(double tolerance) {
        return maxAbsDiff <= tolerance;
    }

    /**
     * Formats the result, e.g. {@code max abs diff 1.19e-07 (relative 2.38e-08 of output scale
     * 5.00) over 2 samples: [1.1920929E-7, 0.0]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "max abs diff %.3g (relative %.3g of output scale %.3g) over %d samples: %s",
                maxAbsDiff,
                getMaxRelativeDiff(),
                outputScale,
                sampleMaxAbsDiffs.length,
                Arrays.toString(sampleMaxAbsDiffs));
    }
}
