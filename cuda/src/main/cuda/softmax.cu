// Softmax over each row of length cols, one block per row:
//   y = e^(x - max) / sum e^(x - max);  log-softmax y = x - max - ln sum e^(x - max)
// Backward: softmax dx = y (dy - sum dy y);  log-softmax dx = dy - e^y sum dy.
#include "common.cuh"

__device__ float block_reduce(float v, bool isMax) {
    __shared__ float partial[32];
    for (int offset = 16; offset > 0; offset >>= 1) {
        float other = __shfl_down_sync(0xffffffffu, v, offset);
        v = isMax ? fmaxf(v, other) : v + other;
    }
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    int warps = blockDim.x >> 5;
    if (warp == 0) {
        v = lane < warps ? partial[lane] : (isMax ? -INFINITY : 0.f);
        for (int offset = 16; offset > 0; offset >>= 1) {
            float other = __shfl_down_sync(0xffffffffu, v, offset);
            v = isMax ? fmaxf(v, other) : v + other;
        }
        if (lane == 0) partial[0] = v;
    }
    __syncthreads();
    float total = partial[0];
    __syncthreads();
    return total;
}

extern "C" __global__ void softmax_forward(float* y, const float* x, int rows, int cols, int logSoftmax) {
    for (long long r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* xr = x + r * cols;
        float* yr = y + r * cols;
        float mx = -INFINITY;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) mx = fmaxf(mx, xr[c]);
        mx = block_reduce(mx, true);
        float sum = 0.f;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) sum += expf(xr[c] - mx);
        sum = block_reduce(sum, false);
        float logSum = logf(sum);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            yr[c] = logSoftmax ? xr[c] - mx - logSum : expf(xr[c] - mx) / sum;
        }
    }
}

extern "C" __global__ void softmax_backward(float* dx, const float* dy, const float* y, int rows, int cols, int logSoftmax) {
    for (long long r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* dyr = dy + r * cols;
        const float* yr = y + r * cols;
        float* dxr = dx + r * cols;
        float dot = 0.f;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) dot += logSoftmax ? dyr[c] : dyr[c] * yr[c];
        dot = block_reduce(dot, false);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            dxr[c] = logSoftmax ? dyr[c] - expf(yr[c]) * dot : yr[c] * (dyr[c] - dot);
        }
    }
}
