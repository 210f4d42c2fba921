package org.jgrad.optim;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jgrad.autograd.GradMode;
import org.jgrad.backend.Storage;
import org.jgrad.tensor.Tensor;

/**
 * Stops a diverging training at the step it happens, before the step reaches the weights:
 * a loss that is not finite, a loss above {@value #GROWTH} times the first loss this guard saw,
 * or a gradient holding NaN or infinity. A NaN-only check lets a run go on with losses of 1e31
 * (a learning rate far too high), and a non-finite gradient would only show as NaN weights a
 * step later.
 */
public final class DivergenceGuard {
    /** How far above its first value the loss may grow before the run counts as diverged. */
    public static final double GROWTH = 1e6;

    private double firstLoss = Double.NaN;

    /** A guard that has seen no loss yet: the first loss it sees becomes the reference. */
    public DivergenceGuard() {}

    /**
     * Throws {@link ArithmeticException} naming {@code epoch} and {@code step} when the run diverged.
     * Call after backward and before the optimizer step; {@code params} are the trained tensors.
     * The first call's loss is the reference for the growth limit.
     *
     * @param loss this step's loss
     * @param params the trained tensors, whose gradients are checked
     * @param epoch the epoch, for the message
     * @param step the step, for the message
     * @throws ArithmeticException if the loss is not finite, exceeds {@link #GROWTH} times the first
     *     loss, or a gradient holds NaN or infinity
     */
    public void stopIfDiverged(float loss, List<Tensor> params, int epoch, long step) {
        LossGuard.requireFinite(loss, epoch, step);
        if (Double.isNaN(firstLoss)) firstLoss = loss;
        if (firstLoss > 0 && loss > GROWTH * firstLoss) {
            throw new ArithmeticException(String.format(
                    Locale.ROOT,
                    "loss %.4g at epoch %d, step %d is more than %.0e times the first"
                            + " loss (%.4g): training diverged and stopped (try a lower learning rate or class weight)",
                    loss,
                    epoch,
                    step,
                    GROWTH,
                    firstLoss));
        }
        if (!gradientsFinite(params)) {
            throw new ArithmeticException(
                    "a gradient became NaN or infinite at epoch " + epoch + ", step " + step
                            + ": training stopped before the weights were changed (try a lower learning rate, or check the inputs)");
        }
    }

    /**
     * True when no gradient holds NaN or ±infinity. Each gradient times zero sums to exactly 0
     * unless one of its values is not finite (0 × ∞ = NaN), so one scalar leaves the device.
     */
    static boolean gradientsFinite(List<Tensor> params) {
        // The temporaries go back to the backend at once (on a GPU they would otherwise wait for the garbage
        // collector).
        Set<Storage> temporaries = Collections.newSetFromMap(new IdentityHashMap<>());
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor total = null;
            for (Tensor p : params) {
                if (p.grad() == null) continue;
                Tensor zeroed = p.grad().mul(0f);
                Tensor zero = zeroed.sum();
                total = total == null ? zero : total.add(zero);
                for (Tensor t : List.of(zeroed, zero, total))
                    if (storage(t) != storage(p.grad())) temporaries.add(storage(t));
            }
            return total == null || total.item() == 0f;
        } finally {
            for (Storage s : temporaries) s.backend().release(s);
        }
    }
}
