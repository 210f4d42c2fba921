package org.jgrad.nn;

import java.util.List;
import org.jgrad.tensor.Tensor;

/**
 * Runs of layers that a {@link Sequential} computes as one fused kernel when no gradient is kept
 * (evaluation, prediction):
 * <pre>
 * Conv2d, [BatchNorm2d in evaluation mode], then ReLU and an optional MaxPool2d in either order
 * </pre>
 * become one {@link org.jgrad.ops.Conv2dReluOp}: the batch-norm is folded into the convolution's
 * weight and bias, and max-pool and ReLU commute, so the values are those of the layers one by one
 * (up to float rounding where a batch-norm is folded). The convolution's output is then never
 * written out at full size, which is where inference spent a quarter of its time (pooling and
 * ReLU passes over it; docs/PERFORMANCE.md). {@code -Djgrad.fuse=false} turns this off, to compare.
 */
final class InferenceFusion {
    /** Whether inference fuses layers (system property {@code jgrad.fuse}, default true). */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("jgrad.fuse", "true"));

    private InferenceFusion() {}

    /**
     * How many layers from {@code first} (before {@code end}) form a fusable run, or 0 for none.
     *
     * @param layers the stack
     * @param first the index of the candidate convolution
     * @param end the index after the last layer that may take part
     * @return the run's length (2 to 4), or 0
     */
    static int runLength(List<Module> layers, int first, int end) {
        if (!ENABLED || !(layers.get(first) instanceof Conv2d conv)) return 0;
        int i = first + 1;
        if (i < end && layers.get(i) instanceof BatchNorm2d bn) {
            if (bn.isTraining() || bn.channels() != conv.outChannels()) return 0; // the layers report the mismatch
            i++;
        }
        if (i < end && isRelu(layers.get(i))) {
            return i + 1 < end && layers.get(i + 1) instanceof MaxPool2d ? i + 2 - first : i + 1 - first;
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
