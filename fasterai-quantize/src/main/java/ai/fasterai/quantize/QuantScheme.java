/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.fasterai.core.util.Checks;

/**
 * How real values map to integers: bit width, signed or unsigned range, symmetric or affine, per
 * tensor or per channel. Immutable; build with {@link #builder()} or take a preset ({@link
 * #int8Weights()}, {@link #uint8Activations()}) that matches what ONNX Runtime fuses into real int8
 * kernels.
 *
 * <p>Integer range: signed {@code [-2^(b-1), 2^(b-1)-1]}, unsigned {@code [0, 2^b-1]}.
 *
 * <p>Quantization parameters from a range {@code [min, max]} ({@link #qparams(float[], float[])}):
 *
 * <ul>
 *   <li>symmetric: {@code scale = max(|min|, |max|) / (2^(b-1) - 1)} (127 for 8 bits, as PyTorch's
 *       weight observers and ONNX Runtime's quantizer, so that {@code +-max|x|} both land on a
 *       representable value); zero point 0 when signed, {@code 2^(b-1)} (128) when unsigned;
 *   <li>affine: the range is first extended to contain 0 ({@code min <= 0 <= max}) so that 0 (zero
 *       padding, ReLU outputs) is exactly representable; {@code scale = (max - min) / (qmax -
 *       qmin)}, {@code zeroPoint = clamp(round(qmin - min / scale), qmin, qmax)}.
 * </ul>
 *
 * A scale is never below {@link #MIN_SCALE} (the float32 machine epsilon, as PyTorch), so that a
 * zero range (a constant or all-zero tensor) still gives a usable, positive scale. All arithmetic
 * is float32 and rounding is half to even ({@link Math#rint}), like PyTorch and ONNX.
 */
public final class QuantScheme {

    /** The smallest scale ever produced: the float32 epsilon {@code 2^-23}, as PyTorch. */
    public static final float MIN_SCALE = Math.ulp(1.0f);

    /** The smallest allowed bit width. */
    public static final int MIN_BITS = 2;

    /** The largest allowed bit width. */
    public static final int MAX_BITS = 8;

    private final int bits;
    private final boolean signed;
    private final boolean symmetric;
    private final int axis;

    private QuantScheme(Builder builder) {
        this.bits = builder.bits;
        this.signed = builder.signed;
        this.symmetric = builder.symmetric;
        this.axis = builder.axis;
    }

    /**
     * Starts a builder with the defaults: 8 bits, signed, symmetric, per tensor.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The weight scheme ONNX Runtime needs for its int8 kernels: 8-bit signed symmetric, per
     * channel along axis 0 (output channels of Conv and of Linear/Gemm weights).
     *
     * @return the scheme
     */
    public static QuantScheme int8Weights() {
        return builder().setBits(8).optSigned(true).optSymmetric(true).optPerChannel(0).build();
    }

    /**
     * The activation scheme for ONNX Runtime on x86: 8-bit unsigned affine, per tensor.
     *
     * @return the scheme
     */
    public static QuantScheme uint8Activations() {
        return builder().setBits(8).optSigned(false).optSymmetric(false).optPerTensor().build();
    }

    /**
     * Returns the bit width.
     *
     * @return the bit width, 2 to 8
     */
    public int bits() {
        return bits;
    }

    /**
     * Returns whether the integers are signed.
     *
     * @return true for {@code [-2^(b-1), 2^(b-1)-1]}, false for {@code [0, 2^b-1]}
     */
    public boolean isSigned() {
        return signed;
    }

    /**
     * Returns whether the mapping is symmetric (fixed zero point) rather than affine.
     *
     * @return true if symmetric
     */
    public boolean isSymmetric() {
        return symmetric;
    }

    /**
     * Returns whether there is one scale and zero point per channel.
     *
     * @return true if per channel
     */
    public boolean isPerChannel() {
        return axis >= 0;
    }

    /**
     * Returns the channel axis.
     *
     * @return the axis for a per-channel scheme, -1 for a per-tensor one
     */
    public int axis() {
        return axis;
    }

    /**
     * Returns the smallest integer.
     *
     * @return {@code -2^(b-1)} if signed, else 0
     */
    public int qmin() {
        return signed ? -(1 << (bits - 1)) : 0;
    }

    /**
     * Returns the largest integer.
     *
     * @return {@code 2^(b-1)-1} if signed, else {@code 2^b-1}
     */
    public int qmax() {
        return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    /**
     * Computes scales and zero points from observed ranges, one entry per channel (a single entry
     * for a per-tensor scheme).
     *
     * @param min the smallest observed value of each channel
     * @param max the largest observed value of each channel
     * @return the parameters
     * @throws IllegalArgumentException if the arrays are null, of different or wrong lengths (per
     *     tensor needs exactly 1), hold non-finite values, or {@code min > max}
     */
    public QuantParams qparams(float[] min, float[] max) {
        Checks.notNull("min", min);
        Checks.notNull("max", max);
        if (min.length != max.length || min.length == 0) {
            throw new IllegalArgumentException(
                    "min and max must have the same, non-zero length, got "
                            + min.length
                            + " and "
                            + max.length);
        }
        if (!isPerChannel() && min.length != 1) {
            throw new IllegalArgumentException(
                    "a per-tensor scheme needs exactly 1 range, got " + min.length);
        }
        int qmin = qmin();
        int qmax = qmax();
        float[] scale = new float[min.length];
        int[] zeroPoint = new int[min.length];
        for (int c = 0; c < min.length; c++) {
            float lo = min[c];
            float hi = max[c];
            if (!Float.isFinite(lo) || !Float.isFinite(hi) || lo > hi) {
                throw new IllegalArgumentException(
                        "range "
                                + c
                                + " must be finite with min <= max, got ["
                                + lo
                                + ", "
                                + hi
                                + "]");
            }
            if (symmetric) {
                float absMax = Math.max(Math.abs(lo), Math.abs(hi));
                // Same denominator for signed and unsigned: 2^(b-1)-1 steps on each side of zero.
                scale[c] = Math.max(absMax / ((1 << (bits - 1)) - 1), MIN_SCALE);
                zeroPoint[c] = signed ? 0 : 1 << (bits - 1);
            } else {
                // Extend to contain 0, so that 0 maps to an integer exactly (no bias on padding).
                lo = Math.min(lo, 0f);
                hi = Math.max(hi, 0f);
                float s = Math.max((hi - lo) / (qmax - qmin), MIN_SCALE);
                scale[c] = s;
                double z = Math.rint(qmin - lo / s);
                zeroPoint[c] = (int) Math.max(qmin, Math.min(qmax, z));
            }
        }
        return new QuantParams(scale, zeroPoint, qmin, qmax, axis);
    }

    @Override
    public String toString() {
        return "QuantScheme{bits="
                + bits
                + (signed ? ", signed" : ", unsigned")
                + (symmetric ? ", symmetric" : ", affine")
                + (isPerChannel() ? ", per channel axis " + axis : ", per tensor")
                + "}";
    }

    /** Builds a {@link QuantScheme}; validation happens in {@link #build()}. */
    public static final class Builder {

        private int bits = 8;
        private boolean signed = true;
        private boolean symmetric = true;
        private int axis = -1;
        private boolean perChannel;

        private Builder() {}

        /**
         * Sets the bit width.
         *
         * @param bits 2 to 8 (checked by {@link #build()})
         * @return this builder
         */
        public Builder setBits(int bits) {
            this.bits = bits;
            return this;
        }

        /**
         * Sets whether the integers are signed (default true).
         *
         * @param signed true for int, false for uint
         * @return this builder
         */
        public Builder optSigned(boolean signed) {
            this.signed = signed;
            return this;
        }

        /**
         * Sets whether the mapping is symmetric (default true) or affine.
         *
         * @param symmetric true for symmetric
         * @return this builder
         */
        public Builder optSymmetric(boolean symmetric) {
            this.symmetric = symmetric;
            return this;
        }

        /**
         * Uses one scale and zero point per channel along an axis.
         *
         * @param axis the channel axis, {@code >= 0} (checked by {@link #build()}); 0 for Conv and
         *     Linear weights
         * @return this builder
         */
        public Builder optPerChannel(int axis) {
            this.axis = axis;
            this.perChannel = true;
            return this;
        }

        /**
         * Uses a single scale and zero point for the whole tensor (the default).
         *
         * @return this builder
         */
        public Builder optPerTensor() {
            this.axis = -1;
            this.perChannel = false;
            return this;
        }

        /**
         * Validates and builds the scheme.
         *
         * @return the scheme
         * @throws IllegalArgumentException if {@code bits} is outside 2..8 or the axis is negative
         */
        public QuantScheme build() {
            if (bits < MIN_BITS || bits > MAX_BITS) {
                throw new IllegalArgumentException(
                        "bits must be in [" + MIN_BITS + ", " + MAX_BITS + "], got " + bits);
            }
            if (perChannel && axis < 0) {
                throw new IllegalArgumentException("axis must be >= 0, got " + axis);
            }
            return new QuantScheme(this);
        }
    }
}
