// Reductions: the strided sum of Backend.reduceSum and the sum of squares used for norms.
// A sum splits the input's dimensions into kept ones (they index the output) and reduced ones
// (summed away). Small reductions use one thread per output; large ones one block per output,
// each thread summing a slice and the block combining the partial sums in shared memory.
#include "common.cuh"

struct ReduceArgs {
    int keptRank;
    int keptShape[MAX_RANK];
    int keptIn[MAX_RANK];    // input stride of each kept dimension
    int keptOut[MAX_RANK];   // output stride of each kept dimension
    int redRank;
    int redShape[MAX_RANK];
    int redIn[MAX_RANK];     // input stride of each reduced dimension
};

__device__ __forceinline__ void kept_offsets(const ReduceArgs& a, long long flat, long long& in, long long& out) {
    in = 0;
    out = 0;
#pragma unroll
    for (int d = MAX_RANK - 1; d >= 0; d--) {   // constant indices keep the record in registers
        if (d >= a.keptRank) continue;
        long long coord = flat % a.keptShape[d];
        flat /= a.keptShape[d];
        in += coord * a.keptIn[d];
        out += coord * a.keptOut[d];
    }
}

__device__ __forceinline__ long long reduced_offset(const ReduceArgs& a, long long flat) {
    long long in = 0;
#pragma unroll
    for (int d = MAX_RANK - 1; d >= 0; d--) {
        if (d >= a.redRank) continue;
        in += (flat % a.redShape[d]) * a.redIn[d];
        flat /= a.redShape[d];
    }
    return in;
}

// One thread per output element; suits few values per output.
extern "C" __global__ void reduce_sum_per_thread(float* out, const float* in, ReduceArgs a,
                                                 int keptCount, int redCount) {
    GRID_STRIDE_LOOP(o, keptCount) {
        long long inBase, outOffset;
        kept_offsets(a, o, inBase, outOffset);
        float sum = 0.f;
        for (int r = 0; r < redCount; r++) sum += in[inBase + reduced_offset(a, r)];
        out[outOffset] = sum;
    }
}

// Sums a block's values; every thread gets the total. blockDim.x must be a power of two <= 1024.
__device__ float block_sum(float v) {
    __shared__ float partial[32];
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    int warps = blockDim.x >> 5;
    v = threadIdx.x < warps ? partial[threadIdx.x] : 0.f;
    if (warp == 0) {
        for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
        if (lane == 0) partial[0] = v;
    }
    __syncthreads();
    float total = partial[0];
    __syncthreads();   // partial[] may be reused by the next call
    return total;
}

// One block per output element (blocks loop when there are more outputs than blocks).
extern "C" __global__ void reduce_sum_per_block(float* out, const float* in, ReduceArgs a,
                                                int keptCount, int redCount) {
    for (long long o = blockIdx.x; o < keptCount; o += gridDim.x) {
        long long inBase, outOffset;
        kept_offsets(a, o, inBase, outOffset);
        float sum = 0.f;
        for (int r = threadIdx.x; r < redCount; r += blockDim.x) sum += in[inBase + reduced_offset(a, r)];
        sum = block_sum(sum);
        if (threadIdx.x == 0) out[outOffset] = sum;
    }
}

// partials[block] = sum of in[i]^2 over the block's share, in double; the host adds the partials.
extern "C" __global__ void sum_of_squares(double* partials, const float* in, int n) {
    __shared__ double shared[1024];
    double sum = 0.0;
    GRID_STRIDE_LOOP(i, n) { double x = in[i]; sum += x * x; }
    shared[threadIdx.x] = sum;
    __syncthreads();
    for (int half = blockDim.x / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) shared[threadIdx.x] += shared[threadIdx.x + half];
        __syncthreads();
    }
    if (threadIdx.x == 0) partials[blockIdx.x] = shared[0];
}
