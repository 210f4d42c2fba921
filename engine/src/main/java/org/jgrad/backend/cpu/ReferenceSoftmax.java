package org.jgrad.backend.cpu;

/**
 * Softmax over each row: y = e^(x - max) / Σ e^(x - max); log-softmax: y = x - max - ln Σ e^(x - max).
 * Backward: softmax  dx = y · (dy - Σ dy·y);   log-softmax  dx = dy - e^y · Σ dy.
 */
final class ReferenceSoftmax {
    private ReferenceSoftmax() {}

    static void forward(float[] y, float[] x, int rows, int cols, boolean log) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[base + c]);
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += Math.exp(x[base + c] - max);
            for (int c = 0; c < cols; c++) {
                y[base + c] =
                        log ? (float) (x[base + c] - max - Math.log(sum)) : (float) (Math.exp(x[base + c] - max) / sum);
            }
        }
    }

    static void backward(float[] dx, float[] dy, float[] y, int rows, int cols, boolean log) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double dot = 0;
            for (int c = 0; c < cols; c++) dot += log ? dy[base + c] : dy[base + c] * y[base + c];
            for (int c = 0; c < cols; c++) {
                dx[base + c] = log
                        ? (float) (dy[base + c] - Math.exp(y[base + c]) * dot)
                        : (float) (y[base + c] * (dy[base + c] - dot));
            }
        }
    }
}
