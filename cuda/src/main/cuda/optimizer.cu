// In-place parameter updates, as org.jgrad.backend.cpu.ReferenceOptimizer.
//   SGD:  g = grad + wd p;  v = momentum v + g;  p -= lr (nesterov ? g + momentum v : v)
//   Adam: decoupled (AdamW) p -= lr wd p, else g += wd p;  m = b1 m + (1-b1) g;
//         v = b2 v + (1-b2) g^2;  p -= lr (m / c1) / (sqrt(v / c2) + eps), c1 = 1-b1^t, c2 = 1-b2^t.
#include "common.cuh"

extern "C" __global__ void sgd_update(float* p, const float* grad, float* v, int n,
                                      float lr, float momentum, float wd, int nesterov) {
    GRID_STRIDE_LOOP(i, n) {
        float g = grad[i] + wd * p[i];
        if (momentum != 0.f) {
            float vi = momentum * v[i] + g;
            v[i] = vi;
            g = nesterov ? g + momentum * vi : vi;
        }
        p[i] -= lr * g;
    }
}

extern "C" __global__ void adam_update(float* p, const float* grad, float* m, float* v, int n,
                                       float lr, float b1, float b2, float eps, float wd, int decoupled,
                                       float c1, float c2) {
    GRID_STRIDE_LOOP(i, n) {
        float g = grad[i];
        float pi = p[i];
        if (decoupled) pi -= lr * wd * pi;
        else g += wd * pi;
        float mi = b1 * m[i] + (1.f - b1) * g;
        float vi = b2 * v[i] + (1.f - b2) * g * g;
        m[i] = mi;
        v[i] = vi;
        p[i] = pi - lr * (mi / c1) / (sqrtf(vi / c2) + eps);
    }
}
