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
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected float learningRate;
    protected int stepCount;

    protected Optimizer(List<Tensor> params, float learningRate) {
        if (params.isEmpty()) throw new IllegalArgumentException("optimizer: no parameters to optimise");
        if (!(learningRate > 0)) throw new IllegalArgumentException("optimizer: learning rate must be > 0, got " + learningRate);
        this.params = new ArrayList<>(params);
        this.learningRate = learningRate;
    }

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        stepCount++;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() != null) update(i, p, p.grad());
        }
    }

    protected abstract void update(int index, Tensor param, Tensor grad);

    public void zeroGrad() { params.forEach(Tensor::zeroGrad); }

    public float learningRate() { return learningRate; }
    public void setLearningRate(float lr) { this.learningRate = lr; }
    public int stepCount() { return stepCount; }
    public List<Tensor> params() { return java.util.Collections.unmodifiableList(params); }

    /** Named state tensors ("m.3" = first moment of parameter 3); "step" holds the step count. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("step", Tensor.of(params.get(0).backend(), new float[] {stepCount}, 1));
        out.put("lr", Tensor.of(params.get(0).backend(), new float[] {learningRate}, 1));
        addState(out);
        return out;
    }

    public void loadStateDict(Map<String, Tensor> state) {
        Tensor step = state.get("step");
        if (step == null) throw new IllegalArgumentException("optimizer state has no 'step' entry");
        stepCount = (int) step.item();
        if (state.containsKey("lr")) learningRate = state.get("lr").item();
        loadState(state);
    }

    protected abstract void addState(Map<String, Tensor> out);

    protected abstract void loadState(Map<String, Tensor> state);

    /** Fetches state entry {@code key} for parameter {@code index}, checking its size. */
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
