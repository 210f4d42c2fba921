package org.jgrad.backend.cpu;

import java.util.Arrays;
import org.jgrad.backend.PoolGeometry;

/**
 * Pooling with the (n, c) planes shared among threads. The common 2×2 window with stride 2 and no
 * padding (every pooling layer of LesionNet-S) has its own loop with the window unrolled; any other
 * window walks its in-bounds rectangle exactly as {@link ReferencePool} does. Same semantics as the
 * reference: padding never wins a max, the gradient of a max goes to the first maximal input
 * (row-major order in the window), an average counts in-bounds inputs only.
 */
final class FastPool {
    private final Parallel parallel;

    FastPool(Parallel parallel) { this.parallel = parallel; }

    void maxForward(float[] y, float[] x, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> {
            if (isTwoByTwo(g)) maxForward2x2(y, x, g, from, to);
            else forEachWindow(g, from, to, (in, out, h0, h1, w0, w1) -> {
                float best = Float.NEGATIVE_INFINITY;
                for (int h = h0; h < h1; h++)
                    for (int w = w0; w < w1; w++) best = Math.max(best, x[in + h * g.width() + w]);
                y[out] = best;
            });
        });
    }

    void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> {
            if (isTwoByTwo(g)) {
                maxBackward2x2(dx, dy, x, g, from, to);
                return;
            }
            int planeSize = g.height() * g.width();
            Arrays.fill(dx, from * planeSize, to * planeSize, 0f);
            forEachWindow(g, from, to, (in, out, h0, h1, w0, w1) -> {
                int bestAt = -1;
                float best = Float.NEGATIVE_INFINITY;
                for (int h = h0; h < h1; h++)
                    for (int w = w0; w < w1; w++) {
                        int at = in + h * g.width() + w;
                        if (bestAt < 0 || x[at] > best) { best = x[at]; bestAt = at; }
                    }
                dx[bestAt] += dy[out];
            });
        });
    }

    void avgForward(float[] y, float[] x, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> forEachWindow(g, from, to, (in, out, h0, h1, w0, w1) -> {
            float sum = 0f;
            for (int h = h0; h < h1; h++)
                for (int w = w0; w < w1; w++) sum += x[in + h * g.width() + w];
            y[out] = sum / ((h1 - h0) * (w1 - w0));
        }));
    }

    void avgBackward(float[] dx, float[] dy, PoolGeometry g) {
        forPlanes(g, (from, to, part) -> {
            int planeSize = g.height() * g.width();
            Arrays.fill(dx, from * planeSize, to * planeSize, 0f);
            forEachWindow(g, from, to, (in, out, h0, h1, w0, w1) -> {
                float share = dy[out] / ((h1 - h0) * (w1 - w0));
                for (int h = h0; h < h1; h++)
                    for (int w = w0; w < w1; w++) dx[in + h * g.width() + w] += share;
            });
        });
    }

    // ---------------------------------------------------------------- 2×2, stride 2, no padding

    private static boolean isTwoByTwo(PoolGeometry g) {
        return g.kernelH() == 2 && g.kernelW() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0 && g.padW() == 0;
    }

    private static void maxForward2x2(float[] y, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        int width = g.width(), outH = g.outHeight(), outW = g.outWidth();
        for (int plane = fromPlane; plane < toPlane; plane++) {
            for (int i = 0; i < outH; i++) {
                int top = plane * g.height() * width + 2 * i * width;
                VectorKernels.maxPool2x2Row(y, (plane * outH + i) * outW, x, top, top + width, outW);
            }
        }
    }

    /** Writes every dx element: the windows' own four, and zeros in a last odd row or column no window covers. */
    private static void maxBackward2x2(float[] dx, float[] dy, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        int width = g.width(), height = g.height(), outH = g.outHeight(), outW = g.outWidth();
        for (int plane = fromPlane; plane < toPlane; plane++) {
            int planeOffset = plane * height * width;
            for (int i = 0; i < outH; i++) {
                int top = planeOffset + 2 * i * width;
                VectorKernels.maxPool2x2RowBackward(dx, dy, (plane * outH + i) * outW, x, top, top + width, outW);
                if (2 * outW < width) {
                    dx[top + width - 1] = 0f;
                    dx[top + 2 * width - 1] = 0f;
                }
            }
            if (2 * outH < height) Arrays.fill(dx, planeOffset + (height - 1) * width, planeOffset + height * width, 0f);
        }
    }

    // ---------------------------------------------------------------- any window

    private interface Window {
        void visit(int planeOffset, int outIndex, int h0, int h1, int w0, int w1);
    }

    private void forPlanes(PoolGeometry g, Parallel.RangeBody body) {
        int planeSize = g.height() * g.width();
        parallel.forRange(g.n() * g.channels(), Math.max(1, Tuning.STREAM_MIN_CHUNK / planeSize), body);
    }

    private static void forEachWindow(PoolGeometry g, int fromPlane, int toPlane, Window body) {
        int outH = g.outHeight(), outW = g.outWidth();
        for (int plane = fromPlane; plane < toPlane; plane++) {
            int planeOffset = plane * g.height() * g.width();
            for (int i = 0; i < outH; i++) {
                int h0 = Math.max(0, i * g.strideH() - g.padH());
                int h1 = Math.min(g.height(), i * g.strideH() - g.padH() + g.kernelH());
                for (int j = 0; j < outW; j++) {
                    int w0 = Math.max(0, j * g.strideW() - g.padW());
                    int w1 = Math.min(g.width(), j * g.strideW() - g.padW() + g.kernelW());
                    body.visit(planeOffset, (plane * outH + i) * outW + j, h0, h1, w0, w1);
                }
            }
        }
    }
}
