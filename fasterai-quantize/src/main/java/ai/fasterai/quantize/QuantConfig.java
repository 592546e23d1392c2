/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import ai.fasterai.core.util.Checks;
import ai.fasterai.sparse.SensitivityResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to quantize and how: the weights' and activations' schemes, the activation observer and the
 * layers kept in fp32 (mixed precision). Shared by {@link Quantizer} and {@link QuantizeCallback}.
 *
 * <pre>{@code
 * QuantConfig config = QuantConfig.builder()
 *         .optObserver(ObserverType.PERCENTILE)
 *         .optKeepFp32("01SequentialBlock/01Conv2d")   // the first conv stays float
 *         .build();
 * }</pre>
 */
public final class QuantConfig {

    private final QuantScheme weightScheme;
    private final QuantScheme activationScheme;
    private final boolean reduceRange;
    private final ObserverType observer;
    private final List<String> keepFp32;

    private QuantConfig(Builder builder, QuantScheme weightScheme, boolean reduceRange) {
        this.weightScheme = weightScheme;
        this.reduceRange = reduceRange;
        this.activationScheme = builder.activationScheme;
        this.observer = builder.observer;
        this.keepFp32 = Collections.unmodifiableList(new ArrayList<>(builder.keepFp32));
    }

    /**
     * Returns the default configuration: int8 per-channel symmetric weights (7-bit on x86 CPUs
     * without VNNI, see {@link Builder#optReduceRange}), uint8 per-tensor affine activations, the
     * method's default observer, nothing kept in fp32.
     *
     * @return the configuration
     */
    public static QuantConfig defaults() {
        return builder().build();
    }

    /**
     * Creates a builder.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the weights' scheme.
     *
     * @return the scheme
     */
    public QuantScheme getWeightScheme() {
        return weightScheme;
    }

    /**
     * Returns whether the weights use the reduced 7-bit range.
     *
     * @return true for 7-bit weights chosen by {@code optReduceRange}
     */
    public boolean isReduceRange() {
        return reduceRange;
    }

    /**
     * Returns the activations' scheme.
     *
     * @return the per-tensor scheme
     */
    public QuantScheme getActivationScheme() {
        return activationScheme;
    }

    /**
     * Returns the activation observer.
     *
     * @return the observer type, or null for the method's default ({@code MIN_MAX} for static
     *     quantization, {@code MOVING_AVERAGE} for QAT)
     */
    public ObserverType getObserver() {
        return observer;
    }

    /**
     * Returns the paths kept in fp32 (a container keeps everything below it).
     *
     * @return the paths, in the order given
     */
    public List<String> getKeepFp32() {
        return keepFp32;
    }

    /** The observer to use for a method. */
    ObserverType observerFor(QuantMethod method) {
        if (observer != null) {
            return observer;
        }
        return method == QuantMethod.QAT ? ObserverType.MOVING_AVERAGE : ObserverType.MIN_MAX;
    }

    /** Builds a {@link QuantConfig}; validation happens in {@link #build()}. */
    public static final class Builder {

        private QuantScheme weightScheme;
        private boolean reduceRange = CpuFeatures.needsReducedRange();
        private boolean perTensorWeights;
        private QuantScheme activationScheme = QuantScheme.uint8Activations();
        private ObserverType observer;
        private final Set<String> keepFp32 = new LinkedHashSet<>();

        Builder() {}

        /**
         * Quantizes the weights to 7 bits ({@code [-63, 63]}) instead of 8, ONNX Runtime's {@code
         * reduce_range}: on x86 CPUs without VNNI (AVX2 only) the u8 x s8 int8 kernels add pairs of
         * products in 16 bits, which overflows with full-range weights and makes the int8 results
         * differ from the simulation. Default: on when this JVM runs on such a CPU (read from
         * {@code /proc/cpuinfo}), off elsewhere. Ignored when {@link #optWeightScheme(QuantScheme)}
         * sets a scheme.
         *
         * @param reduceRange whether to use 7-bit weights
         * @return this builder
         */
        public Builder optReduceRange(boolean reduceRange) {
            this.reduceRange = reduceRange;
            return this;
        }

        /**
         * Sets the weights' scheme (default {@link QuantScheme#int8Weights()}: int8, symmetric, per
         * output channel, as ONNX Runtime's int8 kernels need; 7 bits with {@link
         * #optReduceRange}).
         *
         * @param scheme per channel along axis 0, or per tensor
         * @return this builder
         */
        public Builder optWeightScheme(QuantScheme scheme) {
            this.weightScheme = scheme;
            return this;
        }

        /**
         * Quantizes the weights per tensor (one scale per layer) instead of per channel, as
         * fasterai's {@code use_per_tensor}. Ignored when {@link #optWeightScheme} sets a scheme.
         *
         * @return this builder
         */
        public Builder optPerTensorWeights() {
            this.perTensorWeights = true;
            return this;
        }

        /**
         * Sets the activations' scheme (default {@link QuantScheme#uint8Activations()}: uint8,
         * affine, per tensor: what ONNX Runtime wants on x86).
         *
         * @param scheme a per-tensor scheme
         * @return this builder
         */
        public Builder optActivationScheme(QuantScheme scheme) {
            this.activationScheme = scheme;
            return this;
        }

        /**
         * Sets the activation observer (default: {@code MIN_MAX} for static quantization, {@code
         * MOVING_AVERAGE} for QAT).
         *
         * @param observer the observer type
         * @return this builder
         */
        public Builder optObserver(ObserverType observer) {
            this.observer = observer;
            return this;
        }

        /**
         * Keeps layers in fp32 by path (as listed by core's {@code LayerPaths.all}); a container
         * keeps every layer below it. Typical: the first conv and the classifier.
         *
         * @param paths the paths
         * @return this builder
         */
        public Builder optKeepFp32(String... paths) {
            Checks.notNull("paths", paths);
            for (String path : paths) {
                Checks.notNull("path", path);
                keepFp32.add(path);
            }
            return this;
        }

        /**
         * Keeps in fp32 the layers that fasterai-sparse's sensitivity analysis found fragile: those
         * whose metric drops by more than {@code maxDrop} at sparsity {@code level}. A layer that
         * cannot lose weights without hurting the model is also the one to spare from rounding.
         *
         * @param sensitivity the analysis
         * @param level one of its levels
         * @param maxDrop the largest acceptable drop, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if the level was not analyzed or {@code maxDrop < 0}
         */
        public Builder optKeepFp32(SensitivityResult sensitivity, double level, double maxDrop) {
            Checks.notNull("sensitivity", sensitivity);
            if (!(maxDrop >= 0)) {
                throw new IllegalArgumentException("maxDrop must be >= 0, got " + maxDrop);
            }
            for (String layer : sensitivity.getLayers()) {
                if (sensitivity.getDrop(layer, level) > maxDrop) {
                    keepFp32.add(layer);
                }
            }
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if a scheme is null, the weights are per channel along
         *     another axis than 0, or the activations are per channel
         */
        public QuantConfig build() {
            QuantScheme weights = weightScheme;
            if (weights == null) {
                QuantScheme.Builder b =
                        QuantScheme.builder()
                                .setBits(reduceRange ? 7 : 8)
                                .optSigned(true)
                                .optSymmetric(true);
                weights = (perTensorWeights ? b.optPerTensor() : b.optPerChannel(0)).build();
            }
            Checks.notNull("activationScheme", activationScheme);
            if (weights.isPerChannel() && weights.axis() != 0) {
                throw new IllegalArgumentException(
                        "weightScheme must be per tensor or per channel along axis 0 (output"
                                + " channels), got "
                                + weights);
            }
            if (activationScheme.isPerChannel()) {
                throw new IllegalArgumentException(
                        "activationScheme must be per tensor, got " + activationScheme);
            }
            return new QuantConfig(this, weights, weightScheme == null && reduceRange);
        }
    }
}
