package org.jgrad.optim;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.List;
import java.util.Map;
import org.jgrad.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba 2015), and AdamW (Loshchilov &amp; Hutter 2019) when weight decay is decoupled:
 * m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  p -= lr · m̂ / (sqrt(v̂) + ε), with the bias
 * corrections m̂ = m / (1-β1^t), v̂ = v / (1-β2^t). Adam adds wd·p to g (L2); AdamW instead
 * shrinks p by lr·wd·p directly, which regularises independently of the gradient scale.
 *
 * <p>t counts the updates of each parameter, as PyTorch does: a parameter that starts learning
 * late (a pretrained backbone unfrozen after the head's epochs) gets the full bias correction on
 * its first steps instead of the uncorrected moments, which would move it about 3× too far.
 *
 * <p>Moments are allocated at a parameter's first update; {@link #stateDict} names them
 * {@code m.i}, {@code v.i} and {@code t.i} for parameter i.
 */
public final class Adam extends Optimizer {
    private final float beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final Tensor[] m, v;
    private final int[] updates;

    /**
     * Adam with PyTorch's defaults: β1 = 0.9, β2 = 0.999, ε = 1e-8, no weight decay.
     *
     * @param params the tensors to train, in a fixed order (state is saved by index); not empty
     * @param lr the learning rate, above 0 (1e-3 is usual)
     * @throws IllegalArgumentException if {@code params} is empty or {@code lr} is not above 0
     */
    public Adam(List<Tensor> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-8f, 0f, false);
    }

    /**
     * Adam or AdamW with every setting given.
     *
     * @param params the tensors to train, in a fixed order (state is saved by index); not empty
     * @param lr the learning rate, above 0
     * @param beta1 decay of the gradient's moving average m, in [0, 1)
     * @param beta2 decay of the squared gradient's moving average v, in [0, 1)
     * @param eps added to √v̂ so the division never blows up
     * @param weightDecay wd: added to the gradient as wd·p (Adam) or taken off p as lr·wd·p (AdamW)
     * @param decoupled true for AdamW's decoupled weight decay
     * @throws IllegalArgumentException if {@code params} is empty, {@code lr} is not above 0, or a beta
     *     is outside [0, 1)
     */
    public Adam(
            List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
        super(params, lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new Tensor[params.size()];
        this.v = new Tensor[params.size()];
        this.updates = new int[params.size()];
    }

    /**
     * AdamW: Adam with decoupled weight decay and the default betas and ε (PyTorch's default decay is
     * 0.01).
     *
     * @param params the tensors to train, in a fixed order (state is saved by index); not empty
     * @param lr the learning rate, above 0
     * @param weightDecay wd: each step first shrinks p by lr·wd·p
     * @return the optimizer
     * @throws IllegalArgumentException if {@code params} is empty or {@code lr} is not above 0
     */
    public static Adam adamW(List<Tensor> params, float lr, float weightDecay) {
        return new Adam(params, lr, 0.9f, 0.999f, 1e-8f, weightDecay, true);
    }

    @Override
    protected void update(int i, Tensor p, Tensor grad) {
        if (m[i] == null) {
            m[i] = Tensor.zeros(p.backend(), p.shape());
            v[i] = Tensor.zeros(p.backend(), p.shape());
        }
        p.backend()
                .adamUpdate(
                        storage(p),
                        storage(grad),
                        storage(m[i]),
                        storage(v[i]),
                        p.size(),
                        learningRateOf(i),
                        beta1,
                        beta2,
                        eps,
                        weightDecay,
                        decoupled,
                        ++updates[i]);
    }

    @Override
    protected void addState(Map<String, Tensor> out) {
        for (int i = 0; i < m.length; i++) {
            if (m[i] != null) {
                out.put("m." + i, m[i]);
                out.put("v." + i, v[i]);
                out.put("t." + i, Tensor.of(params.get(0).backend(), new float[] {updates[i]}, 1));
            }
        }
    }

    @Override
    protected void loadState(Map<String, Tensor> state) {
        for (int i = 0; i < m.length; i++) {
            boolean has = state.containsKey("m." + i);
            m[i] = has ? stateFor(state, "m." + i, params.get(i)) : null;
            v[i] = has ? stateFor(state, "v." + i, params.get(i)) : null;
            // checkpoints written before per-parameter counts: every parameter had been updated at every step
            Tensor t = state.get("t." + i);
            updates[i] = !has ? 0 : t == null ? stepCount : (int) t.item();
        }
    }
}
