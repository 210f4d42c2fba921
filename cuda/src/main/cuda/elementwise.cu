// Elementwise kernels: fill, block copies, the one-input functions of UnaryOp (forward and
// backward), broadcasting binary arithmetic by strides, axpy, permute and the dropout mask.
// The formulas are those of org.jgrad.backend.UnaryOp and the reference loops in
// org.jgrad.backend.cpu.ReferenceElementwise; op codes are the enum ordinals.
#include "common.cuh"

// UnaryOp ordinals.
#define OP_NEG 0
#define OP_EXP 1
#define OP_LOG 2
#define OP_SQRT 3
#define OP_POW 4
#define OP_SCALE 5
#define OP_ADD_SCALAR 6
#define OP_RELU 7
#define OP_LEAKY_RELU 8
#define OP_SIGMOID 9
#define OP_TANH 10
#define OP_ABS 11

__device__ __forceinline__ float sigmoidf(float x) {
    // Two branches so that exp never overflows.
    if (x >= 0.f) return 1.f / (1.f + expf(-x));
    float e = expf(x);
    return e / (1.f + e);
}

__device__ __forceinline__ float unary_apply(int op, float x, float alpha) {
    switch (op) {
        case OP_NEG: return -x;
        case OP_EXP: return expf(x);
        case OP_LOG: return logf(x);
        case OP_SQRT: return sqrtf(x);
        case OP_POW: return powf(x, alpha);
        case OP_SCALE: return alpha * x;
        case OP_ADD_SCALAR: return x + alpha;
        case OP_RELU: return x > 0.f ? x : 0.f;
        case OP_LEAKY_RELU: return x > 0.f ? x : alpha * x;
        case OP_SIGMOID: return sigmoidf(x);
        case OP_TANH: return tanhf(x);
        default: return fabsf(x);   // OP_ABS
    }
}

// dY * f'(x), given the input x and the forward output y.
__device__ __forceinline__ float unary_derivative(int op, float dy, float x, float y, float alpha) {
    switch (op) {
        case OP_NEG: return -dy;
        case OP_EXP: return dy * y;
        case OP_LOG: return dy / x;
        case OP_SQRT: return dy / (2.f * y);
        case OP_POW: return dy * alpha * powf(x, alpha - 1.f);
        case OP_SCALE: return dy * alpha;
        case OP_ADD_SCALAR: return dy;
        case OP_RELU: return x > 0.f ? dy : 0.f;
        case OP_LEAKY_RELU: return x > 0.f ? dy : alpha * dy;
        case OP_SIGMOID: return dy * y * (1.f - y);
        case OP_TANH: return dy * (1.f - y * y);
        default: return x > 0.f ? dy : (x < 0.f ? -dy : 0.f);   // OP_ABS
    }
}

extern "C" __global__ void fill(float* out, float value, int n) {
    GRID_STRIDE_LOOP(i, n) out[i] = value;
}

// dst[r*dstStride + i] = src[r*srcStride + i] for r < rows, i < rowLength (offsets already applied).
extern "C" __global__ void copy_blocks(float* dst, int dstStride, const float* src, int srcStride,
                                       int rows, int rowLength) {
    long long total = (long long)rows * rowLength;
    GRID_STRIDE_LOOP(i, total) {
        long long r = i / rowLength, c = i % rowLength;
        dst[r * dstStride + c] = src[r * srcStride + c];
    }
}

extern "C" __global__ void unary_forward(int op, float* out, const float* in, float alpha, int n) {
    GRID_STRIDE_LOOP(i, n) out[i] = unary_apply(op, in[i], alpha);
}

// `in` or `out` may be null when the op does not read it.
extern "C" __global__ void unary_backward(int op, float* dIn, const float* dOut, const float* in,
                                          const float* out, float alpha, int n) {
    GRID_STRIDE_LOOP(i, n) {
        float x = in == nullptr ? 0.f : in[i];
        float y = out == nullptr ? 0.f : out[i];
        dIn[i] = unary_derivative(op, dOut[i], x, y, alpha);
    }
}

__device__ __forceinline__ float combine(int op, float a, float b) {
    switch (op) {
        case 0: return a + b;
        case 1: return a - b;
        case 2: return a * b;
        default: return a / b;
    }
}

// out[index] = a[index . strideA] (op) b[index . strideB] over every index of shape (BinaryOp ordinal).
extern "C" __global__ void binary_strided(int op, float* out, const float* a, const float* b, Strided2 s, int total) {
    GRID_STRIDE_LOOP(i, total) {
        long long offA, offB;
        offsets2(s, i, offA, offB);
        out[i] = combine(op, a[offA], b[offB]);
    }
}

// Same-shape contiguous inputs: no index arithmetic.
extern "C" __global__ void binary_contiguous(int op, float* out, const float* a, const float* b, int n) {
    GRID_STRIDE_LOOP(i, n) out[i] = combine(op, a[i], b[i]);
}

extern "C" __global__ void axpy(float* y, float alpha, const float* x, int n) {
    GRID_STRIDE_LOOP(i, n) y[i] += alpha * x[i];
}

// y = alpha x: axpy into a buffer that is still all zeros (see CudaBackend's lazy zeroing).
extern "C" __global__ void scale(float* y, float alpha, const float* x, int n) {
    GRID_STRIDE_LOOP(i, n) y[i] = alpha * x[i];
}

// out[i] = in[offset of i]: strideA = the input stride of each output dimension.
extern "C" __global__ void permute(float* out, const float* in, Strided2 s, int total) {
    GRID_STRIDE_LOOP(i, total) {
        long long offIn, unused;
        offsets2(s, i, offIn, unused);
        out[i] = in[offIn];
    }
}

// SplitMix64's finaliser, as org.jgrad.backend.DropoutHash: the same mask on every backend.
extern "C" __global__ void dropout_mask(float* mask, float keep, unsigned long long seed, int n) {
    GRID_STRIDE_LOOP(i, n) {
        unsigned long long z = seed + (unsigned long long)(i + 1) * 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z = z ^ (z >> 31);
        float u = (float)(z >> 40) * 0x1.0p-24f;
        mask[i] = u < keep ? 1.f / keep : 0.f;
    }
}
