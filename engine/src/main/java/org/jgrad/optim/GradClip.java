package org.jgrad.optim;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.List;
import org.jgrad.tensor.Tensor;

/**
 * Gradient clipping by global norm: if ‖g‖ = sqrt(Σ over all parameters of Σ g²) exceeds
 * maxNorm, every gradient is scaled by maxNorm / ‖g‖, so the update keeps its direction.
 */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales every gradient by maxNorm / ‖g‖ when the global norm ‖g‖ exceeds {@code maxNorm}, in
     * place.
     *
     * @param params the parameters; those without a gradient are skipped
     * @param maxNorm the largest norm allowed
     * @return the global norm before clipping
     */
    public static double clipByGlobalNorm(List<Tensor> params, double maxNorm) {
        double sq = 0;
        for (Tensor p : params) if (p.grad() != null) sq += p.backend().sumOfSquares(storage(p.grad()), p.size());
        double norm = Math.sqrt(sq);
        if (norm > maxNorm && norm > 0) {
            float scale = (float) (maxNorm / norm);
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.backend()
                            .unary(
                                    org.jgrad.backend.UnaryOp.SCALE,
                                    storage(p.grad()),
                                    storage(p.grad()),
                                    scale,
                                    p.size());
                }
            }
        }
        return norm;
    }
}
