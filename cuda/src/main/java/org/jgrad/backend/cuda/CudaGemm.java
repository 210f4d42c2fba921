package org.jgrad.backend.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * C = alpha op(A) op(B) + beta C on the GPU (row-major, see {@link org.jgrad.backend.Backend#gemm}).
 * Uses cuBLAS when it loaded ({@link CublasGemm}), otherwise jgrad's own tiled kernel in gemm.cu.
 */
final class CudaGemm {
    private final CudaKernels kernels;
    private final CublasGemm cublas; // null when cuBLAS is not used

    CudaGemm(CudaKernels kernels, CublasGemm cublas) {
        this.kernels = kernels;
        this.cublas = cublas;
    }

    boolean usesCublas() {
        return cublas != null;
    }

    void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            CUdeviceptr a,
            int aOffset,
            int lda,
            CUdeviceptr b,
            int bOffset,
            int ldb,
            float beta,
            CUdeviceptr c,
            int cOffset,
            int ldc) {
        if (m == 0 || n == 0) return;
        CUdeviceptr pa = a.withByteOffset(4L * aOffset),
                pb = b.withByteOffset(4L * bOffset),
                pc = c.withByteOffset(4L * cOffset);
        if (cublas != null) {
            cublas.gemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            return;
        }
        ownKernel(transA, transB, m, n, k, alpha, pa, aOffset, lda, pb, bOffset, ldb, beta, pc, ldc);
    }

    /** jgrad's kernel; the float4 variant needs A and B 16-byte aligned with leading dimensions divisible by 4. */
    void ownKernel(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            CUdeviceptr a,
            int aOffset,
            int lda,
            CUdeviceptr b,
            int bOffset,
            int ldb,
            float beta,
            CUdeviceptr c,
            int ldc) {
        boolean vec = aOffset % 4 == 0 && bOffset % 4 == 0 && lda % 4 == 0 && ldb % 4 == 0;
        String name = "sgemm_" + (transA ? "t" : "n") + (transB ? "t" : "n") + (vec ? "_vec" : "");
        int blocksX = (n + 127) / 128, blocksY = (m + 127) / 128;
        kernels.launch2d("gemm", name, blocksX, blocksY, 256, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
