package org.jgrad.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.backend.Backend;
import org.jgrad.tensor.Tensor;

/**
 * A layer or a model: a function of one tensor with named parameters (trained), named buffers
 * (state that is saved but not trained, such as batch-norm running statistics) and named child
 * modules. Names nest with dots, as in PyTorch ("layer1.0.conv1.weight"), so checkpoints can be
 * exchanged with it. {@link #train()} and {@link #eval()} switch layers such as dropout and
 * batch-norm between their two behaviours.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    public abstract Tensor forward(Tensor input);

    /** Registers a trainable tensor under {@code name}; it gets requiresGrad. */
    protected Tensor addParameter(String name, Tensor value) {
        parameters.put(name, value.requiresGrad(true).named(name));
        return value;
    }

    protected Tensor addBuffer(String name, Tensor value) {
        buffers.put(name, value.named(name));
        return value;
    }

    protected <M extends Module> M addChild(String name, M child) {
        children.put(name, child);
        return child;
    }

    public Map<String, Module> children() { return java.util.Collections.unmodifiableMap(children); }

    /** All trainable tensors of this module and its children, by dotted name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** Parameters and buffers together: everything a checkpoint stores. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        parameters.forEach((k, v) -> out.put(prefix + k, v));
        if (withBuffers) buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, child) -> child.collect(prefix + k + ".", out, withBuffers));
    }

    public List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    public long parameterCount() {
        long n = 0;
        for (Tensor t : parameters()) n += t.size();
        return n;
    }

    /**
     * Replaces a parameter's or buffer's tensor (used by loading and by moving to a backend).
     * The name is the dotted path from this module.
     */
    public void replaceTensor(String dottedName, Tensor value) {
        int dot = dottedName.indexOf('.');
        if (dot >= 0 && children.containsKey(dottedName.substring(0, dot))) {
            children.get(dottedName.substring(0, dot)).replaceTensor(dottedName.substring(dot + 1), value);
            return;
        }
        if (parameters.containsKey(dottedName)) {
            parameters.put(dottedName, value.requiresGrad(true).named(dottedName));
            onTensorReplaced(dottedName, value);
        } else if (buffers.containsKey(dottedName)) {
            buffers.put(dottedName, value.named(dottedName));
            onTensorReplaced(dottedName, value);
        } else {
            throw new IllegalArgumentException("no parameter or buffer named '" + dottedName + "' in " + getClass().getSimpleName());
        }
    }

    /** Layers that keep their tensors in fields refresh them here. */
    protected void onTensorReplaced(String name, Tensor value) { }

    protected Tensor parameter(String name) { return parameters.get(name); }
    protected Tensor buffer(String name) { return buffers.get(name); }

    /** Moves every parameter and buffer to {@code backend} (a copy when it differs). */
    public Module to(Backend backend) {
        for (Map.Entry<String, Tensor> e : stateDict().entrySet()) {
            if (e.getValue().backend() != backend) replaceTensor(e.getKey(), e.getValue().to(backend));
        }
        return this;
    }

    public Module train() { setTraining(true); return this; }
    public Module eval() { setTraining(false); return this; }
    public boolean isTraining() { return training; }

    private void setTraining(boolean value) {
        training = value;
        children.values().forEach(c -> c.setTraining(value));
    }

    public void zeroGrad() { parameters().forEach(Tensor::zeroGrad); }

    /** One line per child, for printing a model summary. */
    public String describe() { return getClass().getSimpleName(); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(describe());
        if (!children.isEmpty()) {
            sb.append(" (\n");
            children.forEach((k, c) -> sb.append("  ").append(k).append(": ")
                    .append(c.toString().replace("\n", "\n  ")).append('\n'));
            sb.append(')');
        }
        return sb.toString();
    }
}
