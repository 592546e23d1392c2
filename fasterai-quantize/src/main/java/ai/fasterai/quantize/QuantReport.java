/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.quantize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a quantization did: each quantized layer with its weight scales, each activation quantizer
 * with its scale, zero point and observer, and each layer left in fp32 with the reason.
 */
public final class QuantReport {

    /**
     * A quantized layer.
     *
     * @param path the layer's path in the original model
     * @param type {@code Conv2d} or {@code Linear}
     * @param weightScheme the weights' scheme
     * @param minWeightScale the smallest weight scale (over channels)
     * @param maxWeightScale the largest weight scale
     * @param int32Bias whether the bias is int32 (static, QAT) rather than float
     */
    public record Layer(
            String path,
            String type,
            QuantScheme weightScheme,
            float minWeightScale,
            float maxWeightScale,
            boolean int32Bias) {}

    /**
     * An activation quantizer.
     *
     * @param path its path in the quantized model
     * @param mode {@code FROZEN} (static, QAT) or {@code DYNAMIC}
     * @param scale its scale (NaN when dynamic)
     * @param zeroPoint its zero point (0 when dynamic)
     * @param observer the observer that set the range
     */
    public record Activation(
            String path,
            ActivationQuantizer.Mode mode,
            float scale,
            int zeroPoint,
            ObserverType observer) {}

    private final QuantMethod method;
    private final ObserverType observer;
    private final List<Layer> layers;
    private final List<Activation> activations;
    private final Map<String, String> fp32;

    private QuantReport(
            QuantMethod method,
            ObserverType observer,
            List<Layer> layers,
            List<Activation> activations,
            Map<String, String> fp32) {
        this.method = method;
        this.observer = observer;
        this.layers = Collections.unmodifiableList(layers);
        this.activations = Collections.unmodifiableList(activations);
        this.fp32 = Collections.unmodifiableMap(fp32);
    }

    static QuantReport of(
            QuantMethod method,
            ObserverType observer,
            Map<String, QuantizedLayer> layerPaths,
            Map<String, ActivationQuantizer> quantizers,
            Map<String, String> fp32) {
        List<Layer> layers = new ArrayList<>();
        for (Map.Entry<String, QuantizedLayer> e : layerPaths.entrySet()) {
            QuantizedLayer q = e.getValue();
            QuantParams wp = q.getWeightParams();
            float min = Float.POSITIVE_INFINITY;
            float max = 0f;
            for (float s : wp.scale()) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            layers.add(
                    new Layer(
                            e.getKey(),
                            q.getLayer().getClass().getSimpleName(),
                            q.getWeightScheme(),
                            min,
                            max,
                            q.getBiasScale() != null));
        }
        List<Activation> activations = new ArrayList<>();
        for (Map.Entry<String, ActivationQuantizer> e : quantizers.entrySet()) {
            ActivationQuantizer q = e.getValue();
            QuantParams p = q.getParams();
            activations.add(
                    new Activation(
                            e.getKey(),
                            q.getMode(),
                            p == null ? Float.NaN : p.scale(0),
                            p == null ? 0 : p.zeroPoint(0),
                            q.getObserverType()));
        }
        return new QuantReport(method, observer, layers, activations, new LinkedHashMap<>(fp32));
    }

    /**
     * Returns the method.
     *
     * @return the method
     */
    public QuantMethod getMethod() {
        return method;
    }

    /**
     * Returns the activation observer used.
     *
     * @return the observer type
     */
    public ObserverType getObserver() {
        return observer;
    }

    /**
     * Returns the quantized layers, in model order.
     *
     * @return the layers
     */
    public List<Layer> getLayers() {
        return layers;
    }

    /**
     * Returns the activation quantizers, in model order.
     *
     * @return the quantizers
     */
    public List<Activation> getActivations() {
        return activations;
    }

    /**
     * Returns the layers (and parameterized blocks) left in fp32, with the reason.
     *
     * @return path to reason, in model order
     */
    public Map<String, String> getFp32() {
        return fp32;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s quantization: %d layers quantized, %d activation quantizers (%s),"
                                + " %d kept in fp32%n",
                        method,
                        layers.size(),
                        activations.size(),
                        observer,
                        fp32.size()));
        for (Layer l : layers) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  %-40s %-7s int%d %s, weight scale %.3g..%.3g, %s bias%n",
                            l.path(),
                            l.type(),
                            l.weightScheme().bits(),
                            l.weightScheme().isPerChannel() ? "per channel" : "per tensor",
                            l.minWeightScale(),
                            l.maxWeightScale(),
                            l.int32Bias() ? "int32" : "float"));
        }
        for (Activation a : activations) {
            sb.append(
                    a.mode() == ActivationQuantizer.Mode.DYNAMIC
                            ? String.format(Locale.ROOT, "  %-40s dynamic%n", a.path())
                            : String.format(
                                    Locale.ROOT,
                                    "  %-40s scale %.4g, zero point %d%n",
                                    a.path(),
                                    a.scale(),
                                    a.zeroPoint()));
        }
        for (Map.Entry<String, String> e : fp32.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-40s fp32: %s%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }
}
