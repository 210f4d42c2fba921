// Shared helpers for jgrad's CUDA kernels: grid-stride loops and the shape/stride records
// that the host passes by value (see org.jgrad.backend.cuda.KernelArgs).
#pragma once

#define MAX_RANK 8

// Every thread visits i = start, start + stride, ... below n.
#define GRID_STRIDE_LOOP(i, n) \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (long long)(n); \
         i += (long long)blockDim.x * gridDim.x)

// A walk over an index space of `rank` dimensions with two strided views of it.
struct Strided2 {
    int rank;
    int shape[MAX_RANK];
    int strideA[MAX_RANK];
    int strideB[MAX_RANK];
};

// Splits a flat row-major index of `shape` into two offsets, one per stride vector.
__device__ __forceinline__ void offsets2(const Strided2& s, long long flat, long long& offA, long long& offB) {
    offA = 0;
    offB = 0;
#pragma unroll
    for (int d = MAX_RANK - 1; d >= 0; d--) {   // constant indices keep the record in registers
        if (d >= s.rank) continue;
        int extent = s.shape[d];
        long long coord = flat % extent;
        flat /= extent;
        offA += coord * s.strideA[d];
        offB += coord * s.strideB[d];
    }
}
