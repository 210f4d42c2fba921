package org.jgrad.nn;

import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.ops.DropoutOp;
import org.jgrad.tensor.Tensor;

/**
 * Inverted dropout layer: in training, zeroes each value with probability p and scales the rest
 * by 1/(1-p); in evaluation, passes values through. Each call draws a fresh mask from
 * (seed, call number); the call counter is a buffer so that a resumed run draws the same masks.
 * Any input shape; output the same shape; differentiable (the gradient takes the same mask).
 */
public final class Dropout extends Module {
    private final float p;
    private final long seed;
    private Tensor calls; // the saved counter (a buffer, so checkpoints carry it)
    private long callCount; // the same count on the host, so forward never reads the device

    /**
     * A dropout layer.
     *
     * @param p the probability of zeroing a value, in [0, 1)
     * @param seed the masks' seed
     * @throws IllegalArgumentException if {@code p} is outside [0, 1)
     */
    public Dropout(float p, long seed) {
        if (p < 0f || p >= 1f) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.seed = seed;
        calls = addBuffer("calls", Tensor.zeros(1));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining()) return x;
        long n = callCount++;
        calls.backend().fill(storage(calls), callCount, 1);
        return DropoutOp.apply(x, p, true, Init.derive(seed, (int) n));
    }

    /** Loading a checkpoint replaces the buffer: take the count from it (one read, at load time). */
    @Override
    protected void onTensorReplaced(String name, Tensor value) {
        calls = value;
        callCount = (long) value.item();
    }

    @Override
    public String describe() {
        return "Dropout(p=" + p + ")";
    }
}
