package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Graph;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.tensor.Tensor;

/**
 * Convolution + bias + ReLU, optionally with a max-pool between them, as one kernel when nothing
 * needs a gradient (evaluation, prediction):
 * <pre>
 * y = relu(conv(x, w) + b)                 or   y = relu(maxPool(conv(x, w) + b))
 * </pre>
 * Max-pool and ReLU commute (both keep order), so the pooled form is also pool-after-ReLU. The
 * fused kernel ({@code Backend.conv2dForwardRelu}) never writes the convolution's full output to
 * memory on the fast CPU backend: each image is convolved, pooled and rectified while it is in cache.
 *
 * <p>When a gradient is wanted (grad mode on and x, w or the bias requiring it): with pooling, on a
 * backend that {@linkplain org.jgrad.backend.Backend#fusesConvPoolTraining() fuses it for
 * training}, one op whose forward keeps each pooling window's winning position (not the
 * convolution's output) and whose backward routes dY through those positions and the ReLU's gate,
 * then runs {@link Conv2dOp}'s backward; otherwise {@link Conv2dOp}, {@link MaxPool2dOp} and ReLU
 * as separate ops. Values and gradients are the same either way.
 */
public final class Conv2dReluOp {
    private Conv2dReluOp() {}

    /**
     * relu(conv(x, w) + bias) with the same stride and padding in both directions.
     *
     * @param x the input [N,C,H,W]
     * @param w the weight [K,C,R,S]
     * @param bias [K], or null for none
     * @param stride the convolution's step
     * @param padding the convolution's zero padding on each side
     * @return [N,K,P,Q] as {@link Conv2dOp#apply(Tensor, Tensor, Tensor, int, int)}
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static Tensor apply(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        ConvGeometry g = Conv2dOp.geometry(x, w, bias, stride, stride, padding, padding);
        if (needsGradient(x, w, bias))
            return Conv2dOp.apply(x, w, bias, stride, padding).relu();
        Tensor y = Tensor.empty(x.backend(), g.n(), g.outChannels(), g.outHeight(), g.outWidth());
        x.backend().conv2dForwardRelu(storage(y), storage(x), storage(w), optional(bias), g, null);
        return Graph.record("conv2dRelu", y, Conv2dReluOp::noGradient, x, w, bias);
    }

    /**
     * relu(maxPool(conv(x, w) + bias)): the convolution, then square max-pooling windows, then ReLU.
     *
     * @param x the input [N,C,H,W]
     * @param w the weight [K,C,R,S]
     * @param bias [K], or null for none
     * @param stride the convolution's step
     * @param padding the convolution's zero padding on each side
     * @param poolKernel the pooling window's side
     * @param poolStride the step between pooling windows
     * @param poolPadding the pooling's padding on each side (never wins the max)
     * @return the pooled map, shaped as {@link MaxPool2dOp#apply} of the convolution's output
     * @throws IllegalArgumentException if the shapes do not match or the pooling does not fit
     */
    public static Tensor apply(
            Tensor x, Tensor w, Tensor bias, int stride, int padding, int poolKernel, int poolStride, int poolPadding) {
        ConvGeometry g = Conv2dOp.geometry(x, w, bias, stride, stride, padding, padding);
        PoolGeometry pool = new PoolGeometry(
                g.n(),
                g.outChannels(),
                g.outHeight(),
                g.outWidth(),
                poolKernel,
                poolKernel,
                poolStride,
                poolStride,
                poolPadding,
                poolPadding);
        if (needsGradient(x, w, bias)) {
            if (x.backend().fusesConvPoolTraining()) return pooledWithGradient(x, w, bias, g, pool);
            Tensor convolved = Conv2dOp.apply(x, w, bias, stride, padding);
            return MaxPool2dOp.apply(convolved, poolKernel, poolStride, poolPadding)
                    .relu();
        }
        Tensor y = Tensor.empty(x.backend(), g.n(), g.outChannels(), pool.outHeight(), pool.outWidth());
        x.backend().conv2dForwardRelu(storage(y), storage(x), storage(w), optional(bias), g, pool);
        return Graph.record("conv2dMaxPoolRelu", y, Conv2dReluOp::noGradient, x, w, bias);
    }

    /**
     * Training's fused form: the forward keeps each window's winning position instead of the
     * convolution's output; the backward routes dY (where y &gt; 0) to those positions, then runs the
     * convolution's own backward ({@link Conv2dOp}).
     */
    private static Tensor pooledWithGradient(Tensor x, Tensor w, Tensor bias, ConvGeometry g, PoolGeometry pool) {
        Tensor y = Tensor.empty(x.backend(), g.n(), g.outChannels(), pool.outHeight(), pool.outWidth());
        Tensor windowIndex = Tensor.empty(x.backend(), y.shape());
        x.backend()
                .conv2dForwardReluIndexed(
                        storage(y), storage(windowIndex), storage(x), storage(w), optional(bias), g, pool);
        return Graph.record(
                "conv2dMaxPoolRelu",
                y,
                dY -> {
                    Tensor dConv = Tensor.empty(x.backend(), g.n(), g.outChannels(), g.outHeight(), g.outWidth());
                    x.backend()
                            .maxPoolReluBackward(storage(dConv), storage(dY), storage(y), storage(windowIndex), pool);
                    Conv2dOp.backward(x, w, bias, g, dConv);
                    x.backend()
                            .release(storage(
                                    dConv)); // read only by the kernels above: its memory serves the next allocation
                },
                x,
                w,
                bias);
    }

    private static boolean needsGradient(Tensor x, Tensor w, Tensor bias) {
        return GradMode.isEnabled() && (x.requiresGrad() || w.requiresGrad() || (bias != null && bias.requiresGrad()));
    }

    private static org.jgrad.backend.Storage optional(Tensor t) {
        return t == null ? null : storage(t);
    }

    /** Never runs: the fused kernel is used only when no input needs a gradient, so no graph node is made. */
    private static void noGradient(Tensor dY) {
        throw new IllegalStateException("conv2dRelu: the fused kernel keeps no gradient");
    }
}
