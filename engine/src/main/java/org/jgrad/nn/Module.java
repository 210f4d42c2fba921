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

    /** A module with no parameters, buffers or children yet, in training mode. */
    public Module() {}

    /**
     * The layer's function; ops record themselves, so the output carries the graph for backward.
     *
     * @param input the input; its shape is each layer's to state
     * @return the output
     */
    public abstract Tensor forward(Tensor input);

    /**
     * Registers a trainable tensor under {@code name}; it gets requiresGrad.
     *
     * @param name the local name ("weight"); children's names are prefixed with theirs
     * @param value the tensor
     * @return {@code value}, to keep in a field
     */
    protected Tensor addParameter(String name, Tensor value) {
        parameters.put(name, value.requiresGrad(true).named(name));
        return value;
    }

    /**
     * Registers a saved but untrained tensor (running statistics, counters) under {@code name}.
     *
     * @param name the local name ("running_mean")
     * @param value the tensor
     * @return {@code value}, to keep in a field
     */
    protected Tensor addBuffer(String name, Tensor value) {
        buffers.put(name, value.named(name));
        return value;
    }

    /**
     * Registers a child module under {@code name}: its parameters and buffers become this module's,
     * named {@code name.<their name>}, and it follows this module's train/eval mode.
     *
     * @param <M> the child's type
     * @param name the child's name ("conv1", "0")
     * @param child the module
     * @return {@code child}, to keep in a field
     */
    protected <M extends Module> M addChild(String name, M child) {
        children.put(name, child);
        return child;
    }

    /**
     * Returns the direct children.
     *
     * @return an unmodifiable view by name, in registration order
     */
    public Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /**
     * All trainable tensors of this module and its children, by dotted name, in registration order.
     *
     * @return a new map of the live tensors
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /**
     * Parameters and buffers together: everything a checkpoint stores.
     *
     * @return a new map of the live tensors, by dotted name
     */
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

    /**
     * All trainable tensors, in the order of {@link #namedParameters}: what an optimizer takes.
     *
     * @return a new list of the live tensors
     */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Counts the trainable numbers.
     *
     * @return the sum of the parameters' sizes
     */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : parameters()) n += t.size();
        return n;
    }

    /**
     * Replaces a parameter's or buffer's tensor (used by loading and by moving to a backend).
     * The name is the dotted path from this module.
     *
     * @param dottedName the name as in {@link #stateDict}
     * @param value the new tensor (a parameter gets requiresGrad)
     * @throws IllegalArgumentException if no parameter or buffer has that name
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
            throw new IllegalArgumentException("no parameter or buffer named '" + dottedName + "' in "
                    + getClass().getSimpleName());
        }
    }

    /**
     * Layers that keep their tensors in fields refresh them here.
     *
     * @param name the local name of the replaced tensor
     * @param value its new tensor
     */
    protected void onTensorReplaced(String name, Tensor value) {}

    /**
     * Looks up a parameter of this module (not of its children).
     *
     * @param name the local name
     * @return the tensor, or null
     */
    protected Tensor parameter(String name) {
        return parameters.get(name);
    }
    /**
     * Looks up a buffer of this module (not of its children).
     *
     * @param name the local name
     * @return the tensor, or null
     */
    protected Tensor buffer(String name) {
        return buffers.get(name);
    }

    /**
     * Moves every parameter and buffer to {@code backend} (a copy when it differs).
     *
     * @param backend where the tensors should live
     * @return this module
     */
    public Module to(Backend backend) {
        for (Map.Entry<String, Tensor> e : stateDict().entrySet()) {
            if (e.getValue().backend() != backend)
                replaceTensor(e.getKey(), e.getValue().to(backend));
        }
        return this;
    }

    /**
     * Switches this module and its children to training mode (dropout on, batch statistics).
     *
     * @return this module
     */
    public Module train() {
        setTraining(true);
        return this;
    }
    /**
     * Switches this module and its children to evaluation mode (dropout off, running statistics).
     *
     * @return this module
     */
    public Module eval() {
        setTraining(false);
        return this;
    }
    /**
     * Whether the module is in training mode; a new module is.
     *
     * @return true in training mode
     */
    public boolean isTraining() {
        return training;
    }

    private void setTraining(boolean value) {
        training = value;
        children.values().forEach(c -> c.setTraining(value));
    }

    /** Forgets the gradients of every parameter, children included. */
    public void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    /**
     * One line per child, for printing a model summary.
     *
     * @return this layer's one-line description (the class name unless a layer says more)
     */
    public String describe() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describe());
        if (!children.isEmpty()) {
            sb.append(" (\n");
            children.forEach((k, c) -> sb.append("  ")
                    .append(k)
                    .append(": ")
                    .append(c.toString().replace("\n", "\n  "))
                    .append('\n'));
            sb.append(')');
        }
        return sb.toString();
    }
}
