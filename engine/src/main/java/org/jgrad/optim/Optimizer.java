package org.jgrad.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.tensor.Tensor;

/**
 * Updates parameters from their gradients. Usage per training step:
 * {@code opt.zeroGrad(); loss.backward(); opt.step();}. The update itself runs in the
 * parameters' backend ({@code sgdUpdate}, {@code adamUpdate}), in place.
 * State (momentum buffers, Adam moments, the step count) is exposed by name so that a
 * checkpoint can store it and a resumed run continues exactly.
 *
 * <p>Parameter groups in PyTorch's sense are reduced to what fine-tuning needs: a learning-rate
 * scale per parameter ({@link #setLearningRateScale}), so that a pretrained backbone can learn at
 * a tenth of the head's rate while the schedule still sets one rate for the whole model.
 */
public abstract class Optimizer {
    /** The trained tensors, in the order the state names index them. */
    protected final List<Tensor> params;
    /** The learning rate of the next step (before any per-parameter scale). */
    protected float learningRate;
    /** Steps taken so far, saved in checkpoints as {@code step}. */
    protected int stepCount;

    private final float[] learningRateScales;

    /**
     * Starts an optimizer with every learning-rate scale at 1.
     *
     * @param params the tensors to train, in a fixed order (state is saved by index); not empty
     * @param learningRate the learning rate, above 0
     * @throws IllegalArgumentException if {@code params} is empty or {@code learningRate} is not above
     *     0
     */
    protected Optimizer(List<Tensor> params, float learningRate) {
        if (params.isEmpty()) throw new IllegalArgumentException("optimizer: no parameters to optimise");
        if (!(learningRate > 0))
            throw new IllegalArgumentException("optimizer: learning rate must be > 0, got " + learningRate);
        this.params = new ArrayList<>(params);
        this.learningRate = learningRate;
        this.learningRateScales = new float[this.params.size()];
        java.util.Arrays.fill(learningRateScales, 1f);
    }

    /** Applies one update to every parameter that has a gradient ({@link #update}), and counts the step. */
    public final void step() {
        stepCount++;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() != null) update(i, p, p.grad());
        }
    }

    /**
     * Updates one parameter in place from its gradient: the optimizer's rule, run in the parameter's
     * backend.
     *
     * @param index the parameter's position in {@link #params}, which indexes its state
     * @param param the parameter, changed in place
     * @param grad its gradient, same shape
     */
    protected abstract void update(int index, Tensor param, Tensor grad);

    /** Forgets every parameter's gradient; call before the next backward pass, as gradients add up. */
    public void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }

    /**
     * Parameters in {@code which} learn at {@code scale} × the learning rate from now on (1 = the
     * rate itself). The scale is a setting, not state: it is not saved, the caller sets it again.
     *
     * @param which parameters of this optimizer (compared by identity)
     * @param scale the factor, above 0 and finite
     * @throws IllegalArgumentException if {@code scale} is not a positive finite number, or a tensor in
     *     {@code which} is not one of the parameters
     */
    public void setLearningRateScale(java.util.Collection<Tensor> which, float scale) {
        if (!(scale > 0) || Float.isInfinite(scale))
            throw new IllegalArgumentException("optimizer: learning-rate scale must be > 0, got " + scale);
        int matched = 0;
        for (int i = 0; i < params.size(); i++) {
            if (containsSame(which, params.get(i))) {
                learningRateScales[i] = scale;
                matched++;
            }
        }
        if (matched != which.size()) {
            throw new IllegalArgumentException("optimizer: " + (which.size() - matched)
                    + " of the tensors given a learning-rate scale are not among its parameters");
        }
    }

    /**
     * The learning rate parameter {@code index} is updated with now.
     *
     * @param index the parameter's position in {@link #params}
     * @return the learning rate times the parameter's scale
     */
    protected float learningRateOf(int index) {
        return learningRate * learningRateScales[index];
    }

    private static boolean containsSame(java.util.Collection<Tensor> tensors, Tensor t) {
        for (Tensor candidate : tensors) if (candidate == t) return true;
        return false;
    }

    /**
     * Returns the learning rate of the next step.
     *
     * @return the rate, before per-parameter scales
     */
    public float learningRate() {
        return learningRate;
    }
    /**
     * Sets the learning rate from the next step on (a schedule calls this once per epoch).
     *
     * @param lr the new rate
     */
    public void setLearningRate(float lr) {
        this.learningRate = lr;
    }
    /**
     * Returns the steps taken so far.
     *
     * @return the number of {@link #step()} calls, including those before a checkpoint was loaded
     */
    public int stepCount() {
        return stepCount;
    }
    /**
     * Returns the trained tensors.
     *
     * @return an unmodifiable view, in state order
     */
    public List<Tensor> params() {
        return java.util.Collections.unmodifiableList(params);
    }

    /**
     * Named state tensors ("m.3" = first moment of parameter 3); "step" holds the step count and "lr"
     * the learning rate.
     *
     * @return the live state tensors (not copies), by name, for a checkpoint
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("step", Tensor.of(params.get(0).backend(), new float[] {stepCount}, 1));
        out.put("lr", Tensor.of(params.get(0).backend(), new float[] {learningRate}, 1));
        addState(out);
        return out;
    }

    /**
     * Restores what {@link #stateDict} saved, so that training continues exactly; tensors are copied
     * onto each parameter's backend.
     *
     * @param state the named state tensors
     * @throws IllegalArgumentException if "step" is missing, or an entry is missing or has the wrong
     *     size (naming it)
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Tensor step = state.get("step");
        if (step == null) throw new IllegalArgumentException("optimizer state has no 'step' entry");
        stepCount = (int) step.item();
        if (state.containsKey("lr")) learningRate = state.get("lr").item();
        loadState(state);
    }

    /**
     * Adds the subclass's state (momentum, moments, counts) to a state dictionary.
     *
     * @param out the dictionary being built
     */
    protected abstract void addState(Map<String, Tensor> out);

    /**
     * Restores the subclass's state from a state dictionary; use {@link #stateFor} to fetch each entry.
     *
     * @param state the saved entries
     */
    protected abstract void loadState(Map<String, Tensor> state);

    /**
     * Fetches state entry {@code key} for parameter {@code index}, checking its size.
     *
     * @param state the saved entries
     * @param key the entry's name
     * @param param the parameter the entry belongs to
     * @return a copy on the parameter's backend, reshaped to its shape and detached
     * @throws IllegalArgumentException if the entry is missing or its size differs from the parameter's
     */
    protected static Tensor stateFor(Map<String, Tensor> state, String key, Tensor param) {
        Tensor t = state.get(key);
        if (t == null) throw new IllegalArgumentException("optimizer state is missing '" + key + "'");
        if (t.size() != param.size()) {
            throw new IllegalArgumentException("optimizer state '" + key + "' has " + t.size() + " values, parameter "
                    + param.name() + " has " + param.size());
        }
        return t.to(param.backend()).reshape(param.shape()).detach();
    }
}
