package org.jgrad.nn;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.GradMode;
import org.jgrad.tensor.Tensor;

/**
 * Layers applied one after another; children are named "0", "1", ... as in PyTorch. A model built
 * as such a stack extends it (keeping those names) to add what it knows about its own parts.
 */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /**
     * Chains the modules in order, naming them "0", "1", ...
     *
     * @param modules the layers, first applied first
     */
    public Sequential(Module... modules) {
        for (Module m : modules) add(m);
    }

    /**
     * Appends a layer, named by its position.
     *
     * @param m the layer
     * @return this container
     */
    public Sequential add(Module m) {
        addChild(Integer.toString(layers.size()), m);
        layers.add(m);
        return this;
    }

    /**
     * Returns the layers.
     *
     * @return an unmodifiable view, in order
     */
    public List<Module> layers() {
        return java.util.Collections.unmodifiableList(layers);
    }

    /**
     * Each layer's output feeds the next. Under {@link GradMode#noGrad()} (evaluation, prediction)
     * no graph holds those in-between outputs, so each is released as soon as the next layer has
     * made its own, and its memory serves the next allocation. Never released: the caller's input,
     * the result, and an output the next layer returned a view of (flatten, identity). This relies
     * on every layer returning a new tensor or a view of its input, never a parameter, buffer or
     * cached tensor (a released one would refuse use afterwards, not corrupt anything). A
     * convolution followed by ReLU and max-pool (under no-grad also by an evaluation-mode batch-norm,
     * or by ReLU alone) runs as one fused op ({@link LayerFusion}).
     */
    @Override
    public Tensor forward(Tensor x) {
        return forwardLayers(0, layers.size(), x);
    }

    /**
     * Layers {@code from} (inclusive) to {@code to} (exclusive) applied to x, releasing as {@link #forward} does.
     *
     * @param from the first layer's index
     * @param to the index after the last layer
     * @param x the input of layer {@code from}
     * @return the output of layer {@code to - 1} (x itself when from equals to)
     */
    protected final Tensor forwardLayers(int from, int to, Tensor x) {
        boolean release = !GradMode.isEnabled();
        Tensor input = x;
        for (int i = from; i < to; ) {
            int fused = LayerFusion.runLength(layers, i, to, !release);
            Tensor next = fused > 0
                    ? LayerFusion.apply(layers, i, fused, x)
                    : layers.get(i).forward(x);
            i += Math.max(fused, 1);
            if (release && storage(x) != storage(input) && storage(x) != storage(next))
                x.backend().release(storage(x));
            x = next;
        }
        return x;
    }
}
