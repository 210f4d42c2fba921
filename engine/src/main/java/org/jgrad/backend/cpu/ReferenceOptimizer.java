package org.jgrad.backend.cpu;

/** In-place parameter updates; formulas on {@link org.jgrad.backend.Backend#sgdUpdate} and {@code adamUpdate}. */
final class ReferenceOptimizer {
    private ReferenceOptimizer() {}

    static void sgd(float[] p, float[] grad, float[] v, int n, float lr, float momentum, float wd, boolean nesterov) {
        for (int i = 0; i < n; i++) {
            float g = grad[i] + wd * p[i];
            if (momentum != 0f) {
                v[i] = momentum * v[i] + g;
                g = nesterov ? g + momentum * v[i] : v[i];
            }
            p[i] -= lr * g;
        }
    }

    static void adam(
            float[] p,
            float[] grad,
            float[] m,
            float[] v,
            int n,
            float lr,
            float b1,
            float b2,
            float eps,
            float wd,
            boolean decoupled,
            int step) {
        float c1 = 1f - (float) Math.pow(b1, step);
        float c2 = 1f - (float) Math.pow(b2, step);
        for (int i = 0; i < n; i++) {
            float g = grad[i];
            if (decoupled) p[i] -= lr * wd * p[i];
            else g += wd * p[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            p[i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + eps);
        }
    }
}
