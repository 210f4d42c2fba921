package org.jgrad.backend.cpu;

import java.util.Arrays;
import org.jgrad.backend.PoolGeometry;

/**
 * Pooling with the (n, c) planes shared among threads. The common 2×2 window with stride 2 and no
 * padding (every pooling layer of LesionNet-S) has its own loop with the window unrolled; any other
 * window runs {@link ReferencePool}'s loops on the thread's planes. Same semantics as the
 * reference: padding never wins a max, the gradient of a max goes to the first maximal input
 * (row-major order in the window), an average counts in-bounds inputs only.
 */
final class FastPool {
    private final Parallel parallel;

    FastPool(Parallel parallel) {
        this.parallel = parallel;
    }

    void maxForward(float[] y, float[] x, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> {
            if (isTwoByTwo(g)) maxForward2x2(y, x, g, from, to);
            else ReferencePool.maxForward(y, x, g, from, to);
        });
    }

    void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> {
            if (isTwoByTwo(g)) maxBackward2x2(dx, dy, x, g, from, to);
            else ReferencePool.maxBackward(dx, dy, x, g, from, to);
        });
    }

    /** Training's fused max-pool + ReLU with window indices (see {@code Backend.conv2dForwardReluIndexed}). */
    void maxReluForwardIndexed(float[] y, float[] index, float[] x, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> {
            if (isTwoByTwo(g)) {
                int planeIn = g.height() * g.width(), planeOut = g.outHeight() * g.outWidth();
                for (int plane = from; plane < to; plane++)
                    maxPool2x2ReluPlane(y, index, plane * planeOut, x, plane * planeIn, g.height(), g.width());
            } else {
                ReferencePool.maxReluForwardIndexed(y, index, x, g, from, to);
            }
        });
    }

    /** Its backward (see {@code Backend.maxPoolReluBackward}). */
    void maxReluBackwardIndexed(float[] dx, float[] dy, float[] y, float[] index, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> {
            if (isTwoByTwo(g)) maxReluBackward2x2(dx, dy, y, index, g, from, to);
            else ReferencePool.maxReluBackwardIndexed(dx, dy, y, index, g, from, to);
        });
    }

    void avgForward(float[] y, float[] x, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> ReferencePool.avgForward(y, x, g, from, to));
    }

    void avgBackward(float[] dx, float[] dy, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> ReferencePool.avgBackward(dx, dy, g, from, to));
    }

    // ---------------------------------------------------------------- 2×2, stride 2, no padding

    static boolean isTwoByTwo(PoolGeometry g) {
        return g.kernelH() == 2
                && g.kernelW() == 2
                && g.strideH() == 2
                && g.strideW() == 2
                && g.padH() == 0
                && g.padW() == 0;
    }

    private static void maxForward2x2(float[] y, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        int width = g.width(), outH = g.outHeight(), outW = g.outWidth();
        for (int plane = fromPlane; plane < toPlane; plane++) {
            for (int i = 0; i < outH; i++) {
                int top = plane * g.height() * width + 2 * i * width;
                VectorKernels.maxPool2x2Row(y, (plane * outH + i) * outW, x, top, top + width, outW, false);
            }
        }
    }

    /**
     * y[yOff ..] ([height / 2, width / 2]) = relu of the 2×2/2 max-pool of the plane x[xOff ..]
     * ([height, width]); a last odd row or column is dropped, as by the pooling layer.
     */
    static void maxPool2x2ReluPlane(float[] y, int yOff, float[] x, int xOff, int height, int width) {
        maxPool2x2ReluPlane(y, null, yOff, x, xOff, height, width);
    }

    /** As above, also writing each window's winning position to index[yOff ..] unless index is null. */
    static void maxPool2x2ReluPlane(float[] y, float[] index, int yOff, float[] x, int xOff, int height, int width) {
        int outH = height / 2, outW = width / 2;
        for (int i = 0; i < outH; i++) {
            int top = xOff + 2 * i * width;
            if (index == null) VectorKernels.maxPool2x2Row(y, yOff + i * outW, x, top, top + width, outW, true);
            else VectorKernels.maxPool2x2ReluIndexedRow(y, index, yOff + i * outW, x, top, top + width, outW);
        }
    }

    /** One output row's gradient: writes the four dx elements under each of its windows. */
    private interface RowBackward {
        void run(int dyOff, int top, int bottom, int outW);
    }

    private static void maxBackward2x2(float[] dx, float[] dy, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        backward2x2(
                dx,
                g,
                fromPlane,
                toPlane,
                (dyOff, top, bottom, outW) -> VectorKernels.maxPool2x2RowBackward(dx, dy, dyOff, x, top, bottom, outW));
    }

    private static void maxReluBackward2x2(
            float[] dx, float[] dy, float[] y, float[] index, PoolGeometry g, int fromPlane, int toPlane) {
        backward2x2(
                dx,
                g,
                fromPlane,
                toPlane,
                (dyOff, top, bottom, outW) ->
                        VectorKernels.maxPool2x2ReluScatterRow(dx, dy, y, index, dyOff, top, bottom, outW));
    }

    /** Writes every dx element of the planes: each row's windows, and zeros in a last odd row or column no window covers. */
    private static void backward2x2(float[] dx, PoolGeometry g, int fromPlane, int toPlane, RowBackward row) {
        int width = g.width(), height = g.height(), outH = g.outHeight(), outW = g.outWidth();
        for (int plane = fromPlane; plane < toPlane; plane++) {
            int planeOffset = plane * height * width;
            for (int i = 0; i < outH; i++) {
                int top = planeOffset + 2 * i * width;
                row.run((plane * outH + i) * outW, top, top + width, outW);
                if (2 * outW < width) {
                    dx[top + width - 1] = 0f;
                    dx[top + 2 * width - 1] = 0f;
                }
            }
            if (2 * outH < height)
                Arrays.fill(dx, planeOffset + (height - 1) * width, planeOffset + height * width, 0f);
        }
    }

    // ---------------------------------------------------------------- threading

    private void forPlanes(PoolGeometry g, Parallel.RangeBody body) {
        int planeSize = g.height() * g.width();
        parallel.forRange(g.n() * g.channels(), Math.max(1, Tuning.STREAM_MIN_CHUNK / planeSize), body);
    }
}
