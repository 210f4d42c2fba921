// Max and average pooling over NCHW planes, used when cuDNN is not loaded.
// Max: y = max over the window (padding never wins); the gradient goes to the first maximal
// input of each window. Average: y = mean over the in-bounds inputs (count excludes padding).
// The backward kernels gather: one thread per input element visits the windows that contain it,
// in output order, so no atomics are needed and the sums match the reference loops exactly.
#include "common.cuh"

struct PoolArgs {
    int planes;   // n * channels
    int height, width, outH, outW;
    int kernelH, kernelW, strideH, strideW, padH, padW;
};

// The in-bounds window [h0,h1) x [w0,w1) of output (i, j).
__device__ __forceinline__ void window(const PoolArgs& g, int i, int j, int& h0, int& h1, int& w0, int& w1) {
    h0 = max(0, i * g.strideH - g.padH);
    h1 = min(g.height, i * g.strideH - g.padH + g.kernelH);
    w0 = max(0, j * g.strideW - g.padW);
    w1 = min(g.width, j * g.strideW - g.padW + g.kernelW);
}

// Flat index (within the plane) of the first maximal input of window (i, j).
__device__ __forceinline__ int argmax_in_window(const float* plane, const PoolArgs& g, int i, int j) {
    int h0, h1, w0, w1;
    window(g, i, j, h0, h1, w0, w1);
    int bestAt = -1;
    float best = -INFINITY;
    for (int h = h0; h < h1; h++)
        for (int w = w0; w < w1; w++) {
            float v = plane[h * g.width + w];
            if (bestAt < 0 || v > best) { best = v; bestAt = h * g.width + w; }
        }
    return bestAt;
}

// The outputs whose windows contain input row h: i in [first, last].
__device__ __forceinline__ void covering(int h, int pad, int kernel, int stride, int outExtent, int& first, int& last) {
    int top = h + pad - kernel + 1;   // smallest i * stride that still reaches h
    first = top <= 0 ? 0 : (top + stride - 1) / stride;
    last = min(outExtent - 1, (h + pad) / stride);
}

extern "C" __global__ void max_pool_forward(float* y, const float* x, PoolArgs g) {
    long long total = (long long)g.planes * g.outH * g.outW;
    GRID_STRIDE_LOOP(o, total) {
        int j = o % g.outW, i = (o / g.outW) % g.outH;
        long long plane = o / ((long long)g.outW * g.outH);
        const float* xp = x + plane * g.height * g.width;
        int h0, h1, w0, w1;
        window(g, i, j, h0, h1, w0, w1);
        float best = -INFINITY;
        for (int h = h0; h < h1; h++)
            for (int w = w0; w < w1; w++) best = fmaxf(best, xp[h * g.width + w]);
        y[o] = best;
    }
}

extern "C" __global__ void max_pool_backward(float* dx, const float* dy, const float* x, PoolArgs g) {
    long long total = (long long)g.planes * g.height * g.width;
    GRID_STRIDE_LOOP(idx, total) {
        int w = idx % g.width, h = (idx / g.width) % g.height;
        long long plane = idx / ((long long)g.width * g.height);
        const float* xp = x + plane * g.height * g.width;
        const float* dyp = dy + plane * g.outH * g.outW;
        int i0, i1, j0, j1;
        covering(h, g.padH, g.kernelH, g.strideH, g.outH, i0, i1);
        covering(w, g.padW, g.kernelW, g.strideW, g.outW, j0, j1);
        float sum = 0.f;
        int self = h * g.width + w;
        for (int i = i0; i <= i1; i++)
            for (int j = j0; j <= j1; j++)
                if (argmax_in_window(xp, g, i, j) == self) sum += dyp[i * g.outW + j];
        dx[idx] = sum;
    }
}

extern "C" __global__ void avg_pool_forward(float* y, const float* x, PoolArgs g) {
    long long total = (long long)g.planes * g.outH * g.outW;
    GRID_STRIDE_LOOP(o, total) {
        int j = o % g.outW, i = (o / g.outW) % g.outH;
        long long plane = o / ((long long)g.outW * g.outH);
        const float* xp = x + plane * g.height * g.width;
        int h0, h1, w0, w1;
        window(g, i, j, h0, h1, w0, w1);
        float sum = 0.f;
        for (int h = h0; h < h1; h++)
            for (int w = w0; w < w1; w++) sum += xp[h * g.width + w];
        y[o] = sum / ((h1 - h0) * (w1 - w0));
    }
}

extern "C" __global__ void avg_pool_backward(float* dx, const float* dy, PoolArgs g) {
    long long total = (long long)g.planes * g.height * g.width;
    GRID_STRIDE_LOOP(idx, total) {
        int w = idx % g.width, h = (idx / g.width) % g.height;
        long long plane = idx / ((long long)g.width * g.height);
        const float* dyp = dy + plane * g.outH * g.outW;
        int i0, i1, j0, j1;
        covering(h, g.padH, g.kernelH, g.strideH, g.outH, i0, i1);
        covering(w, g.padW, g.kernelW, g.strideW, g.outW, j0, j1);
        float sum = 0.f;
        for (int i = i0; i <= i1; i++)
            for (int j = j0; j <= j1; j++) {
                int h0, h1, w0, w1;
                window(g, i, j, h0, h1, w0, w1);
                sum += dyp[i * g.outW + j] / ((h1 - h0) * (w1 - w0));
            }
        dx[idx] = sum;
    }
}
