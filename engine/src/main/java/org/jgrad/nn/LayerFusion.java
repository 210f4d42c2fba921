package org.jgrad.nn;

import java.util.List;
import org.jgrad.tensor.Tensor;

/**
 * Runs of layers that a {@link Sequential} computes as one fused op ({@link org.jgrad.ops.Conv2dReluOp},
 * {@link org.jgrad.ops.BatchNorm2dReluOp}):
 * <pre>
 * inference (no grad):  Conv2d, [BatchNorm2d in evaluation mode], then ReLU and an optional MaxPool2d in either order
 * training:             Conv2d, then ReLU and a MaxPool2d in either order
 * a training-mode BatchNorm2d, then ReLU (the convolution before it runs alone)
 * </pre>
 * In inference the batch-norm is folded into the convolution's weight and bias, and max-pool and
 * ReLU commute, so the values are those of the layers one by one (up to float rounding where a
 * batch-norm is folded); the convolution's output is never written out at full size, where
 * inference spent a quarter of its time (pooling and ReLU passes over it; docs/PERFORMANCE.md). In
 * training the op keeps each pooling window's winning position instead of the convolution's
 * output, with the same values and gradients. {@code -Djgrad.fuse=false} turns fusion off, to compare.
 */
final class LayerFusion {
    /** Whether layers are fused (system property {@code jgrad.fuse}, default true). */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("jgrad.fuse", "true"));

    private LayerFusion() {}

    /**
     * How many layers from {@code first} (before {@code end}) form a fusable run, or 0 for none.
     *
     * @param layers the stack
     * @param first the index of the candidate convolution (or training-mode batch-norm)
     * @param end the index after the last layer that may take part
     * @param gradients whether the pass keeps a graph (training): then a convolution fuses only with
     *     a max-pool and no batch-norm
     * @return the run's length (2 to 4), or 0
     */
    static int runLength(List<Module> layers, int first, int end, boolean gradients) {
        if (!ENABLED) return 0;
        if (layers.get(first) instanceof BatchNorm2d bn) {
            return bn.isTraining() && first + 1 < end && isRelu(layers.get(first + 1)) ? 2 : 0;
        }
        if (!(layers.get(first) instanceof Conv2d conv)) return 0;
        int i = first + 1;
        if (i < end && layers.get(i) instanceof BatchNorm2d bn) {
            if (gradients) return 0;
            if (bn.isTraining() || bn.channels() != conv.outChannels()) return 0; // the layers report the mismatch
            i++;
        }
        if (i < end && isRelu(layers.get(i))) {
            if (i + 1 < end && layers.get(i + 1) instanceof MaxPool2d) return i + 2 - first;
            return gradients ? 0 : i + 1 - first;
        }
        if (i < end && layers.get(i) instanceof MaxPool2d && i + 1 < end && isRelu(layers.get(i + 1))) {
            return i + 2 - first;
        }
        return 0;
    }

    /**
     * Applies the run of {@code length} layers from {@code first} (as found by {@link #runLength}) to x.
     *
     * @param layers the stack
     * @param first the run's convolution
     * @param length the run's length
     * @param x the convolution's input
     * @return the run's output
     */
    static Tensor apply(List<Module> layers, int first, int length, Tensor x) {
        if (layers.get(first) instanceof BatchNorm2d bn) return bn.forwardRelu(x);
        Conv2d conv = (Conv2d) layers.get(first);
        Tensor w = conv.weight(), b = conv.bias();
        MaxPool2d pool = null;
        for (Module m : layers.subList(first + 1, first + length)) {
            if (m instanceof BatchNorm2d bn) {
                Tensor[] folded = bn.foldInto(w, b);
                w = folded[0];
                b = folded[1];
            } else if (m instanceof MaxPool2d p) {
                pool = p;
            }
        }
        return conv.forwardRelu(x, w, b, pool);
    }

    private static boolean isRelu(Module m) {
        return m instanceof Activation a && a.isRelu();
    }
}
