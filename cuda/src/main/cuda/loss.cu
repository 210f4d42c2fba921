// Per-element binary cross-entropy, as org.jgrad.backend.cpu.ReferenceLoss:
//   with logits x, target t, positive weight w:
//     loss = w t softplus(-x) + (1-t) softplus(x),  softplus(z) = max(z,0) + ln(1 + e^-|z|)
//     dx   = scale ((1-t) sigmoid(x) - w t (1 - sigmoid(x)))
//   on probabilities p clamped to [eps, 1-eps]: loss = -(t ln p + (1-t) ln(1-p)),
//     dp = scale (p - t) / (p (1 - p)), zero where p was clamped.
#include "common.cuh"

__device__ __forceinline__ float softplusf(float z) { return fmaxf(z, 0.f) + log1pf(expf(-fabsf(z))); }

__device__ __forceinline__ float sigmoid_stable(float x) {
    if (x >= 0.f) return 1.f / (1.f + expf(-x));
    float e = expf(x);
    return e / (1.f + e);
}

extern "C" __global__ void bce_logits_forward(float* loss, const float* x, const float* t, float w, int n) {
    GRID_STRIDE_LOOP(i, n) loss[i] = w * t[i] * softplusf(-x[i]) + (1.f - t[i]) * softplusf(x[i]);
}

extern "C" __global__ void bce_logits_backward(float* dx, const float* x, const float* t, float w, float scale, int n) {
    GRID_STRIDE_LOOP(i, n) {
        float s = sigmoid_stable(x[i]);
        dx[i] = scale * ((1.f - t[i]) * s - w * t[i] * (1.f - s));
    }
}

// The clamp is in float and the logarithms in double, as in the reference: ln(1 - q) of a q
// clamped to 1e-7 needs more precision than float's 1 - q keeps.
extern "C" __global__ void bce_forward(float* loss, const float* p, const float* t, float eps, int n) {
    GRID_STRIDE_LOOP(i, n) {
        double q = fminf(fmaxf(p[i], eps), 1.f - eps);
        loss[i] = (float)-(t[i] * log(q) + (1.0 - t[i]) * log(1.0 - q));
    }
}

extern "C" __global__ void bce_backward(float* dp, const float* p, const float* t, float eps, float scale, int n) {
    GRID_STRIDE_LOOP(i, n) {
        float q = p[i];
        dp[i] = (q < eps || q > 1.f - eps) ? 0.f : scale * (q - t[i]) / (q * (1.f - q));
    }
}
