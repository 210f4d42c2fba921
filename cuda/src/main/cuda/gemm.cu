// Single-precision matrix product for when cuBLAS cannot be loaded:
//   C[M x N] = alpha op(A)[M x K] op(B)[K x N] + beta C, row-major, op = transpose or not.
//
// The classic shared-memory tiling: each block of 256 threads computes a 128 x 128 tile of C,
// walking K in steps of 8. Every step copies an (op(A) 128 x 8) and an (op(B) 8 x 128) slab to
// shared memory, A stored transposed (k-major) so that both are read as float4 along m and n.
// Each thread accumulates an 8 x 8 block of C in registers: rows ty*4..+3 and 64+ty*4..+3,
// columns tx*4..+3 and 64+tx*4..+3 (two 4-wide halves keep the shared-memory reads conflict-free).
// Two shared-memory buffers let the global loads of step k+1 overlap the arithmetic of step k.
//
// Global loads: each thread reads 4 elements that are adjacent in memory (along k for plain A,
// along m for transposed A, and so on), as one float4 when the host says that the matrix is
// 16-byte aligned with a leading dimension divisible by 4 (VEC), else element by element.
// Out-of-range elements read as zero, so any M, N, K works.
#include "common.cuh"

#define BM 128
#define BN 128
#define BK 8
#define THREADS 256

// Four elements adjacent in memory: row `row` (of rows < rowLimit), columns col..col+3 (< colLimit).
template <bool VEC>
__device__ __forceinline__ float4 load_quad(const float* m, int ld, int row, int rowLimit, int col, int colLimit) {
    float4 v = make_float4(0.f, 0.f, 0.f, 0.f);
    if (row >= rowLimit) return v;
    const float* p = m + (long long)row * ld + col;
    if (VEC && col + 3 < colLimit) return *reinterpret_cast<const float4*>(p);
    if (col < colLimit) v.x = p[0];
    if (col + 1 < colLimit) v.y = p[1];
    if (col + 2 < colLimit) v.z = p[2];
    if (col + 3 < colLimit) v.w = p[3];
    return v;
}

// Reads one step's slabs of op(A) and op(B) into registers.
template <bool TA, bool TB, bool VEC>
__device__ __forceinline__ void load_step(float4& aq, float4& bq, const float* A, int lda, const float* B, int ldb,
                                          int M, int N, int K, int m0, int n0, int k0, int t) {
    if (!TA) aq = load_quad<VEC>(A, lda, m0 + t / 2, M, k0 + (t % 2) * 4, K);          // A[m][k]
    else     aq = load_quad<VEC>(A, lda, k0 + t / 32, K, m0 + (t % 32) * 4, M);        // A[k][m]
    if (!TB) bq = load_quad<VEC>(B, ldb, k0 + t / 32, K, n0 + (t % 32) * 4, N);        // B[k][n]
    else     bq = load_quad<VEC>(B, ldb, n0 + t / 2, N, k0 + (t % 2) * 4, K);          // B[n][k]
}

// Stores the slabs as As[k][m] and Bs[k][n].
template <bool TA, bool TB>
__device__ __forceinline__ void store_step(float (*As)[BM], float (*Bs)[BN], float4 aq, float4 bq, int t) {
    if (!TA) {
        int m = t / 2, k = (t % 2) * 4;
        As[k][m] = aq.x; As[k + 1][m] = aq.y; As[k + 2][m] = aq.z; As[k + 3][m] = aq.w;
    } else {
        *reinterpret_cast<float4*>(&As[t / 32][(t % 32) * 4]) = aq;
    }
    if (!TB) {
        *reinterpret_cast<float4*>(&Bs[t / 32][(t % 32) * 4]) = bq;
    } else {
        int n = t / 2, k = (t % 2) * 4;
        Bs[k][n] = bq.x; Bs[k + 1][n] = bq.y; Bs[k + 2][n] = bq.z; Bs[k + 3][n] = bq.w;
    }
}

__device__ __forceinline__ void store_row(float* c, int ldc, int row, int col, int M, int N,
                                          const float* acc4, float alpha, float beta, bool vec) {
    if (row >= M) return;
    float* p = c + (long long)row * ldc + col;
    if (vec && col + 3 < N) {
        float4 v = make_float4(alpha * acc4[0], alpha * acc4[1], alpha * acc4[2], alpha * acc4[3]);
        if (beta != 0.f) {
            float4 old = *reinterpret_cast<float4*>(p);
            v.x += beta * old.x; v.y += beta * old.y; v.z += beta * old.z; v.w += beta * old.w;
        }
        *reinterpret_cast<float4*>(p) = v;
        return;
    }
    for (int j = 0; j < 4; j++) {
        if (col + j < N) p[j] = alpha * acc4[j] + (beta == 0.f ? 0.f : beta * p[j]);
    }
}

template <bool TA, bool TB, bool VEC>
__device__ __forceinline__ void sgemm_body(int M, int N, int K, float alpha, const float* A, int lda,
                                           const float* B, int ldb, float beta, float* C, int ldc) {
    __shared__ __align__(16) float As[2][BK][BM];
    __shared__ __align__(16) float Bs[2][BK][BN];
    const int t = threadIdx.x;
    const int tx = t % 16, ty = t / 16;
    const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;

    float acc[8][8];
#pragma unroll
    for (int i = 0; i < 8; i++)
#pragma unroll
        for (int j = 0; j < 8; j++) acc[i][j] = 0.f;

    float4 aq, bq;
    load_step<TA, TB, VEC>(aq, bq, A, lda, B, ldb, M, N, K, m0, n0, 0, t);
    store_step<TA, TB>(As[0], Bs[0], aq, bq, t);
    __syncthreads();

    int buf = 0;
    for (int k0 = 0; k0 < K; k0 += BK) {
        bool more = k0 + BK < K;
        if (more) load_step<TA, TB, VEC>(aq, bq, A, lda, B, ldb, M, N, K, m0, n0, k0 + BK, t);
#pragma unroll
        for (int k = 0; k < BK; k++) {
            float4 a0 = *reinterpret_cast<const float4*>(&As[buf][k][ty * 4]);
            float4 a1 = *reinterpret_cast<const float4*>(&As[buf][k][64 + ty * 4]);
            float4 b0 = *reinterpret_cast<const float4*>(&Bs[buf][k][tx * 4]);
            float4 b1 = *reinterpret_cast<const float4*>(&Bs[buf][k][64 + tx * 4]);
            float a[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
            float b[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
#pragma unroll
            for (int i = 0; i < 8; i++)
#pragma unroll
                for (int j = 0; j < 8; j++) acc[i][j] += a[i] * b[j];
        }
        if (more) {
            store_step<TA, TB>(As[buf ^ 1], Bs[buf ^ 1], aq, bq, t);
            __syncthreads();
            buf ^= 1;
        }
    }

    bool vecC = VEC && (ldc % 4 == 0) && ((reinterpret_cast<unsigned long long>(C) & 15) == 0);
#pragma unroll
    for (int i = 0; i < 8; i++) {
        int row = m0 + (i < 4 ? ty * 4 + i : 64 + ty * 4 + (i - 4));
        store_row(C, ldc, row, n0 + tx * 4, M, N, &acc[i][0], alpha, beta, vecC);
        store_row(C, ldc, row, n0 + 64 + tx * 4, M, N, &acc[i][4], alpha, beta, vecC);
    }
}

#define SGEMM_KERNEL(name, TA, TB, VEC) \
    extern "C" __global__ void __launch_bounds__(THREADS, 2) name(int M, int N, int K, float alpha, \
            const float* A, int lda, const float* B, int ldb, float beta, float* C, int ldc) { \
        sgemm_body<TA, TB, VEC>(M, N, K, alpha, A, lda, B, ldb, beta, C, ldc); \
    }

SGEMM_KERNEL(sgemm_nn, false, false, false)
SGEMM_KERNEL(sgemm_nt, false, true, false)
SGEMM_KERNEL(sgemm_tn, true, false, false)
SGEMM_KERNEL(sgemm_tt, true, true, false)
SGEMM_KERNEL(sgemm_nn_vec, false, false, true)
SGEMM_KERNEL(sgemm_nt_vec, false, true, true)
SGEMM_KERNEL(sgemm_tn_vec, true, false, true)
SGEMM_KERNEL(sgemm_tt_vec, true, true, true)
