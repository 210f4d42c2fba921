package org.jgrad.backend.cuda;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;

/**
 * SGEMM through cuBLAS (JCublas2), used when libcublas.so.12 loads. cuBLAS is column-major, and a
 * row-major matrix is its own transpose in column-major order, so row-major C = op(A) op(B) is
 * computed as column-major C^T = op(B)^T op(A)^T: the operands swap places and keep their flags.
 * cuBLAS's default math mode is plain float32 (no TF32), like jgrad's own kernel.
 */
final class CublasGemm {
    private final cublasHandle handle;
    final int version;

    private CublasGemm(cublasHandle handle, int version) {
        this.handle = handle;
        this.version = version;
    }

    /** Loads cuBLAS 12 and creates a handle; the exception says why it could not. */
    static CublasGemm open(CudaLibraries libraries) throws CudaUnavailableException {
        libraries.load("libcublasLt.so.12");
        CudaLibraries.Outcome cublas = libraries.load("libcublas.so.12");
        try {
            JCublas2.setExceptionsEnabled(true);
            cublasHandle handle = new cublasHandle();
            JCublas2.cublasCreate(handle);
            int[] version = new int[1];
            JCublas2.cublasGetVersion(handle, version);
            return new CublasGemm(handle, version[0]);
        } catch (LinkageError e) {
            String reason = cublas.loaded() ? CudaLibraries.linkProblem(e) : cublas.problem();
            throw new CudaUnavailableException(
                    "cuBLAS 12 (libcublas.so.12, which JCublas 12.6 needs) is not loadable: " + reason, e);
        } catch (RuntimeException e) {
            throw new CudaUnavailableException("cuBLAS did not start: " + e.getMessage(), e);
        }
    }

    void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            CUdeviceptr a,
            int lda,
            CUdeviceptr b,
            int ldb,
            float beta,
            CUdeviceptr c,
            int ldc) {
        JCublas2.cublasSgemm(
                handle,
                transB ? CUBLAS_OP_T : CUBLAS_OP_N,
                transA ? CUBLAS_OP_T : CUBLAS_OP_N,
                n,
                m,
                k,
                Pointer.to(new float[] {alpha}),
                b,
                ldb,
                a,
                lda,
                Pointer.to(new float[] {beta}),
                c,
                ldc);
    }

    String describe() {
        return "cuBLAS " + version / 10000 + "." + (version % 10000) / 100 + "." + version % 100;
    }
}
