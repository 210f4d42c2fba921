package org.jgrad.optim;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.List;
import java.util.Map;
import org.jgrad.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay
 * (PyTorch's definition): g = grad + wd·p;  v = μ·v + g;  p -= lr · (nesterov ? g + μ·v : v).
 */
public final class Sgd extends Optimizer {
    private final float momentum, weightDecay;
    private final boolean nesterov;
    private final Tensor[] velocity;

    /**
     * Plain SGD, p ← p − lr·g: no momentum, no weight decay.
     *
     * @param params the tensors to train, in a fixed order (state is saved by index); not empty
     * @param lr the learning rate, above 0
     * @throws IllegalArgumentException if {@code params} is empty or {@code lr} is not above 0
     */
    public Sgd(List<Tensor> params, float lr) {
        this(params, lr, 0f, 0f, false);
    }

    /**
     * SGD with momentum, weight decay and Nesterov momentum as chosen.
     *
     * @param params the tensors to train, in a fixed order (state is saved by index); not empty
     * @param lr the learning rate, above 0
     * @param momentum μ, ≥ 0 (0 = none; 0.9 is usual)
     * @param weightDecay the L2 factor wd added to the gradient as wd·p, ≥ 0
     * @param nesterov Nesterov's look-ahead form; needs momentum above 0
     * @throws IllegalArgumentException if {@code params} is empty, {@code lr} is not above 0, momentum
     *     or weight decay is negative, or Nesterov is asked without momentum
     */
    public Sgd(List<Tensor> params, float lr, float momentum, float weightDecay, boolean nesterov) {
        super(params, lr);
        if (momentum < 0 || weightDecay < 0)
            throw new IllegalArgumentException("sgd: momentum and weight decay must be ≥ 0");
        if (nesterov && momentum == 0) throw new IllegalArgumentException("sgd: Nesterov needs momentum > 0");
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.velocity = new Tensor[params.size()];
    }

    @Override
    protected void update(int i, Tensor p, Tensor grad) {
        if (momentum != 0f && velocity[i] == null) velocity[i] = Tensor.zeros(p.backend(), p.shape());
        p.backend()
                .sgdUpdate(
                        storage(p),
                        storage(grad),
                        velocity[i] == null ? null : storage(velocity[i]),
                        p.size(),
                        learningRateOf(i),
                        momentum,
                        weightDecay,
                        nesterov);
    }

    @Override
    protected void addState(Map<String, Tensor> out) {
        for (int i = 0; i < velocity.length; i++) if (velocity[i] != null) out.put("velocity." + i, velocity[i]);
    }

    @Override
    protected void loadState(Map<String, Tensor> state) {
        for (int i = 0; i < velocity.length; i++) {
            velocity[i] = state.containsKey("velocity." + i) ? stateFor(state, "velocity." + i, params.get(i)) : null;
        }
    }
}
