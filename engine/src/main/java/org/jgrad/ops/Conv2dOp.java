package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation) of NCHW input x [N,C,H,W] with weight w [K,C,R,S] and
 * optional bias b [K], stride and zero padding. Output [N,K,P,Q].
 * y[n,k,i,j] = b[k] + Σ_{c,r,s} x[n,c,i·stride+r-pad, j·stride+s-pad] · w[k,c,r,s]
 * dX = the "full" correlation of dY with the flipped kernel (backend conv2dBackwardData);
 * dW[k,c,r,s] = Σ_{n,i,j} dY[n,k,i,j] · x[n,c,..] (conv2dBackwardFilter); dB[k] = Σ dY[n,k,·,·].
 * The derivation is in docs/ENGINE.md.
 */
public final class Conv2dOp {
    private Conv2dOp() {}

    /**
     * The convolution with the same stride and padding in both directions; differentiable in x, w and bias.
     *
     * @param x the input [N,C,H,W]
     * @param w the weight [K,C,R,S]
     * @param bias [K], or null for none
     * @param stride the step between output positions
     * @param padding zeros added on each side
     * @return [N,K,P,Q], P = (H + 2·padding - R) / stride + 1, Q likewise
     * @throws IllegalArgumentException if the shapes do not match or the kernel is larger than the padded input
     */
    public static Tensor apply(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return apply(x, w, bias, stride, stride, padding, padding);
    }

    /**
     * The convolution; differentiable in x, w and bias.
     *
     * @param x the input [N,C,H,W]
     * @param w the weight [K,C,R,S]
     * @param bias [K], or null for none
     * @param strideH the vertical step
     * @param strideW the horizontal step
     * @param padH zero rows added above and below
     * @param padW zero columns added left and right
     * @return [N,K,P,Q], P = (H + 2·padH - R) / strideH + 1, Q = (W + 2·padW - S) / strideW + 1
     * @throws IllegalArgumentException if the shapes do not match or the kernel is larger than the padded input
     */
    public static Tensor apply(Tensor x, Tensor w, Tensor bias, int strideH, int strideW, int padH, int padW) {
        ConvGeometry g = geometry(x, w, bias, strideH, strideW, padH, padW);
        Tensor y = Tensor.empty(
                x.backend(), g.n(), g.outChannels(), g.outHeight(), g.outWidth()); // every kernel overwrites its output
        x.backend().conv2dForward(storage(y), storage(x), storage(w), bias == null ? null : storage(bias), g);
        return Graph.record("conv2d", y, dY -> backward(x, w, bias, g, dY), x, w, bias);
    }

    /** Checks the shapes and returns the geometry (shared with {@link Conv2dReluOp}). */
    static ConvGeometry geometry(Tensor x, Tensor w, Tensor bias, int strideH, int strideW, int padH, int padW) {
        if (x.rank() != 4 || w.rank() != 4 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException(
                    "conv2d: input " + Shape.str(x.shape()) + " and weight " + Shape.str(w.shape())
                            + " do not match (need input [N,C,H,W] and weight [K,C,R,S] with the same C)");
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != w.dim(0))) {
            throw new IllegalArgumentException(
                    "conv2d: bias " + Shape.str(bias.shape()) + " must be [" + w.dim(0) + "]");
        }
        return new ConvGeometry(
                x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3), strideH, strideW, padH, padW);
    }

    /** The gradients of the convolution with geometry g for dY, accumulated into x, w and bias where they want one. */
    static void backward(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Tensor dY) {
        if (x.requiresGrad()) {
            Tensor dX = Tensor.empty(x.backend(), x.shape());
            x.backend().conv2dBackwardData(storage(dX), storage(dY), storage(w), g);
            accumulateFreshGrad(x, dX);
        }
        boolean wantBias = bias != null && bias.requiresGrad();
        if (w.requiresGrad() || wantBias) {
            Tensor dW = Tensor.empty(x.backend(), w.shape());
            Tensor dB = wantBias ? Tensor.empty(x.backend(), bias.shape()) : null;
            x.backend().conv2dBackwardFilter(storage(dW), dB == null ? null : storage(dB), storage(dY), storage(x), g);
            accumulateFreshGrad(w, dW);
            if (wantBias) accumulateFreshGrad(bias, dB);
        }
    }
}
