package org.jgrad.backend.cpu;

import org.jgrad.backend.PoolGeometry;

/**
 * Pooling loops. Max: y = max over the window (padding never wins); its gradient goes to the
 * first maximal input. Average: y = mean over the window's in-bounds inputs; the gradient is
 * shared equally among them.
 */
final class ReferencePool {
    private ReferencePool() {}

    // Each kernel works on the (n, c) planes [fromPlane, toPlane): the whole tensor here, and a
    // thread's share when FastPool runs these loops for windows it has no special case for.

    static void maxForward(float[] y, float[] x, PoolGeometry g) {
        maxForward(y, x, g, 0, g.n() * g.channels());
    }

    static void maxForward(float[] y, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        forEachWindow(g, fromPlane, toPlane, (plane, outIndex, h0, h1, w0, w1) -> {
            float best = Float.NEGATIVE_INFINITY;
            for (int h = h0; h < h1; h++)
                for (int w = w0; w < w1; w++) best = Math.max(best, x[plane + h * g.width() + w]);
            y[outIndex] = best;
        });
    }

    static void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g) {
        maxBackward(dx, dy, x, g, 0, g.n() * g.channels());
    }

    static void maxBackward(float[] dx, float[] dy, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        int planeSize = g.height() * g.width();
        java.util.Arrays.fill(dx, fromPlane * planeSize, toPlane * planeSize, 0f);
        forEachWindow(g, fromPlane, toPlane, (plane, outIndex, h0, h1, w0, w1) -> {
            int bestAt = -1;
            float best = Float.NEGATIVE_INFINITY;
            for (int h = h0; h < h1; h++)
                for (int w = w0; w < w1; w++) {
                    int at = plane + h * g.width() + w;
                    if (bestAt < 0 || x[at] > best) {
                        best = x[at];
                        bestAt = at;
                    }
                }
            dx[bestAt] += dy[outIndex];
        });
    }

    /**
     * y = relu(max of each window), and index = where in the window (clipped to the input,
     * row-major) the first maximal input lies: what training keeps instead of the pool's input.
     */
    static void maxReluForwardIndexed(float[] y, float[] index, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        forEachWindow(g, fromPlane, toPlane, (plane, outIndex, h0, h1, w0, w1) -> {
            int bestAt = -1;
            float best = Float.NEGATIVE_INFINITY;
            for (int h = h0; h < h1; h++)
                for (int w = w0; w < w1; w++) {
                    int at = (h - h0) * (w1 - w0) + (w - w0);
                    if (bestAt < 0 || x[plane + h * g.width() + w] > best) {
                        best = x[plane + h * g.width() + w];
                        bestAt = at;
                    }
                }
            y[outIndex] = best > 0f ? best : 0f;
            index[outIndex] = bestAt;
        });
    }

    /** dx = 0, then dy of each output with y &gt; 0 goes to the input its index names (the backward of the above). */
    static void maxReluBackwardIndexed(
            float[] dx, float[] dy, float[] y, float[] index, PoolGeometry g, int fromPlane, int toPlane) {
        int planeSize = g.height() * g.width();
        java.util.Arrays.fill(dx, fromPlane * planeSize, toPlane * planeSize, 0f);
        forEachWindow(g, fromPlane, toPlane, (plane, outIndex, h0, h1, w0, w1) -> {
            if (!(y[outIndex] > 0f)) return;
            int at = (int) index[outIndex], width = w1 - w0;
            dx[plane + (h0 + at / width) * g.width() + w0 + at % width] += dy[outIndex];
        });
    }

    static void avgForward(float[] y, float[] x, PoolGeometry g) {
        avgForward(y, x, g, 0, g.n() * g.channels());
    }

    static void avgForward(float[] y, float[] x, PoolGeometry g, int fromPlane, int toPlane) {
        forEachWindow(g, fromPlane, toPlane, (plane, outIndex, h0, h1, w0, w1) -> {
            float sum = 0f;
            for (int h = h0; h < h1; h++) for (int w = w0; w < w1; w++) sum += x[plane + h * g.width() + w];
            y[outIndex] = sum / ((h1 - h0) * (w1 - w0));
        });
    }

    static void avgBackward(float[] dx, float[] dy, PoolGeometry g) {
        avgBackward(dx, dy, g, 0, g.n() * g.channels());
    }

    static void avgBackward(float[] dx, float[] dy, PoolGeometry g, int fromPlane, int toPlane) {
        int planeSize = g.height() * g.width();
        java.util.Arrays.fill(dx, fromPlane * planeSize, toPlane * planeSize, 0f);
        forEachWindow(g, fromPlane, toPlane, (plane, outIndex, h0, h1, w0, w1) -> {
            float share = dy[outIndex] / ((h1 - h0) * (w1 - w0));
            for (int h = h0; h < h1; h++) for (int w = w0; w < w1; w++) dx[plane + h * g.width() + w] += share;
        });
    }

    /** The in-bounds window [h0,h1)×[w0,w1) of one output element in one (n, c) plane. */
    interface Window {
        void visit(int planeOffset, int outIndex, int h0, int h1, int w0, int w1);
    }

    static void forEachWindow(PoolGeometry g, int fromPlane, int toPlane, Window body) {
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
