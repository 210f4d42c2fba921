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
    protected final List<Tensor> params;
    protected float learningRate;
    protected int stepCount;
    private final float[] learningRateScales;

    protected Optimizer(List<Tensor> params, float learningRate) {
        if (params.isEmpty()) throw new IllegalArgumentException("optimizer: no parameters to optimise");
        if (!(learningRate > 0)) throw new IllegalArgumentException("optimizer: learning rate must be > 0, got " + learningRate);
        this.params = new ArrayList<>(params);
        this.learningRate = learningRate;
        this.learningRateScales = new float[this.params.size()];
        java.util.Arrays.fill(learningRateScales, 1f);
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

    /**
     * Parameters in {@code which} learn at {@code scale} × the learning rate from now on (1 = the
     * rate itself). The scale is a setting, not state: it is not saved, the caller sets it again.
     */
    public void setLearningRateScale(java.util.Collection<Tensor> which, float scale) {
        if (!(scale > 0) || Float.isInfinite(scale)) throw new IllegalArgumentException("optimizer: learning-rate scale must be > 0, got " + scale);
        int matched = 0;
        for (int i = 0; i < params.size(); i++) {
            if (containsSame(which, params.get(i))) {
                learningRateScales[i] = scale;
                matched++;
            }
        }
        if (matched != which.size()) {
            throw new IllegalArgumentException("optimizer: " + (which.size() - matched) + " of the tensors given a learning-rate scale are not among its parameters");
        }
    }

    /** The learning rate parameter {@code index} is updated with now. */
    protected float learningRateOf(int index) { return learningRate * learningRateScales[index]; }

    private static boolean containsSame(java.util.Collection<Tensor> tensors, Tensor t) {
        for (Tensor candidate : tensors) if (candidate == t) return true;
        return false;
    }

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
