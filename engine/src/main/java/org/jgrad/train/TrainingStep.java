package org.jgrad.train;

import java.util.function.Supplier;
import org.jgrad.autograd.GradientListener;
import org.jgrad.autograd.Graph;
import org.jgrad.autograd.OpProfiler;
import org.jgrad.nn.Module;
import org.jgrad.optim.Optimizer;
import org.jgrad.tensor.Tensor;

/**
 * One optimizer step on one batch, the same for the app's training loop, the benchmarks and the
 * GPU check:
 * <pre>
 * zero the gradients → logits = model(inputs) → loss = lossFunction(logits, targets)
 *   → loss.backward() [telling the step's gradient listener as each parameter's gradient is final]
 *   → [beforeUpdate(loss)] → optimizer.step() → [afterUpdate] → loss (and logits) to the host
 *   → release the step's graph
 * </pre>
 * Releasing the graph hands the step's activations and gradients back to the backend, so the next
 * step reuses them instead of waiting for the garbage collector. Whatever a caller wants to keep
 * from a step (the loss, the logits) is copied to the host before that; nothing else is.
 *
 * <p>The model's training or evaluation mode, learning-rate schedules, checkpoints and metrics stay
 * with the caller: this is the step, not the loop.
 */
public final class TrainingStep {
    /** The loss of a batch from the model's outputs and the targets, e.g. {@code Losses::binaryCrossEntropyWithLogits}. */
    @FunctionalInterface
    public interface LossFunction {
        /**
         * The loss of a batch.
         *
         * @param logits the model's outputs
         * @param targets the batch's targets
         * @return a scalar that requires grad
         */
        Tensor apply(Tensor logits, Tensor targets);
    }

    /** Looks at the loss after backward and before the update; throws to stop training before the weights change. */
    @FunctionalInterface
    public interface BeforeUpdate {
        /**
         * Looks at one step's loss.
         *
         * @param loss the loss, on the host
         */
        void check(float loss);
    }

    /**
     * A finished step: its loss, and its logits when {@link #keepLogits} asked for them (else null).
     *
     * @param loss the batch's loss
     * @param logits the model's outputs copied to the host (row-major), or null
     */
    public record Outcome(float loss, float[] logits) {}

    private final Module model;
    private final Optimizer optimizer;
    private final LossFunction lossFunction;
    private BeforeUpdate beforeUpdate;
    private Runnable afterUpdate;
    private Supplier<GradientListener> gradientListeners;
    private boolean keepLogits;

    /**
     * A step for this model, optimizer and loss, with no hooks and no logits kept.
     *
     * @param model the model; its train or eval mode is left to the caller
     * @param optimizer the optimizer over the model's parameters
     * @param lossFunction the loss of the model's outputs against the targets
     */
    public TrainingStep(Module model, Optimizer optimizer, LossFunction lossFunction) {
        this.model = model;
        this.optimizer = optimizer;
        this.lossFunction = lossFunction;
    }

    /**
     * Runs {@code check} on each step's loss before the update (e.g. a divergence check).
     *
     * @param check the check (replaces any earlier one), or null for none
     * @return this
     */
    public TrainingStep beforeUpdate(BeforeUpdate check) {
        this.beforeUpdate = check;
        return this;
    }

    /**
     * Runs {@code action} after each update (e.g. a moving average of the weights).
     *
     * @param action the action (replaces any earlier one), or null for none
     * @return this
     */
    public TrainingStep afterUpdate(Runnable action) {
        this.afterUpdate = action;
        return this;
    }

    /**
     * Before each backward, asks {@code perStep} for a listener to tell as each leaf's gradient
     * becomes final (see {@link Graph#backward(Tensor, GradientListener)}): a data-parallel step
     * starts sending gradients while backward goes on.
     *
     * @param perStep gives each step's listener, or null for that step's plain backward; null for none at all
     * @return this
     */
    public TrainingStep gradientListener(Supplier<GradientListener> perStep) {
        this.gradientListeners = perStep;
        return this;
    }

    /**
     * Whether each {@link Outcome} carries the batch's logits, copied to the host.
     *
     * @param keep true to copy them
     * @return this
     */
    public TrainingStep keepLogits(boolean keep) {
        this.keepLogits = keep;
        return this;
    }

    /**
     * One step on {@code inputs} with {@code targets}; afterwards the step's graph is released.
     *
     * @param inputs the batch, on the model's backend
     * @param targets the targets, as the loss function expects them
     * @return the loss (and logits if kept)
     */
    public Outcome run(Tensor inputs, Tensor targets) {
        return run(inputs, targets, null);
    }

    /**
     * One step, charging its phases to {@code profiler} (null: none).
     *
     * @param inputs the batch, on the model's backend
     * @param targets the targets, as the loss function expects them
     * @param profiler the running profiler, or null
     * @return the loss (and logits if kept)
     */
    public Outcome run(Tensor inputs, Tensor targets, OpProfiler profiler) {
        optimizer.zeroGrad();
        if (profiler != null) profiler.mark("zero grad");
        Tensor logits = model.forward(inputs);
        Tensor loss = lossFunction.apply(logits, targets);
        GradientListener listener = gradientListeners == null ? null : gradientListeners.get();
        if (listener == null) loss.backward();
        else Graph.backward(loss, listener);
        // Without a check the loss is read after the update, so that a GPU never waits between backward and update.
        float value = Float.NaN;
        if (beforeUpdate != null) {
            value = loss.item();
            beforeUpdate.check(value);
        }
        optimizer.step();
        if (afterUpdate != null) afterUpdate.run();
        if (profiler != null) profiler.mark("optimizer step");
        if (beforeUpdate == null) value = loss.item();
        float[] hostLogits = keepLogits ? logits.toArray() : null;
        if (profiler != null) profiler.mark("loss to the host");
        Graph.release(loss);
        if (profiler != null) profiler.mark("release the graph");
        return new Outcome(value, hostLogits);
    }
}
