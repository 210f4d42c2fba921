package org.jgrad.backend.cuda;

import jcuda.driver.CUdeviceptr;
import org.jgrad.backend.ConvGeometry;

/**
 * Convolution without cuDNN: each chunk of images is lowered to a matrix product (im2col),
 * as in conv.cu's header. Chunks keep the lowered matrix under {@link #MAX_CHUNK_FLOATS}.
 */
final class CudaConvLowered {
    /** Largest lowered matrix (and matching product) per chunk: 64 Mi floats, 256 MiB. */
    static final long MAX_CHUNK_FLOATS = 1L << 26;

    private final CudaBackend backend;
    private final CudaKernels kernels;
    private final CudaGemm gemm;

    CudaConvLowered(CudaBackend backend, CudaKernels kernels, CudaGemm gemm) {
        this.backend = backend;
        this.kernels = kernels;
        this.gemm = gemm;
    }

    /** Images per chunk. */
    static int chunk(ConvGeometry g) {
        long perImage = (long) g.outHeight() * g.outWidth() * Math.max(crs(g), g.outChannels());
        return (int) Math.max(1, Math.min(g.n(), MAX_CHUNK_FLOATS / perImage));
    }

    static int crs(ConvGeometry g) {
        return g.inChannels() * g.kernelH() * g.kernelW();
    }

    void forward(CUdeviceptr y, CUdeviceptr x, CUdeviceptr w, CUdeviceptr bias, ConvGeometry g) {
        int nb = chunk(g), pq = g.outHeight() * g.outWidth();
        try (CudaStorage col = backend.scratch((long) crs(g) * nb * pq);
                CudaStorage tmp = backend.scratch((long) g.outChannels() * nb * pq)) {
            for (int n0 = 0; n0 < g.n(); n0 += nb) {
                int count = Math.min(nb, g.n() - n0), columns = count * pq;
                int[] args = KernelArgs.conv(g, n0, count);
                kernels.launchElementwise("conv", "im2col", (long) crs(g) * columns, col.pointer(), x, args);
                gemm.gemm(
                        false,
                        false,
                        g.outChannels(),
                        columns,
                        crs(g),
                        1f,
                        w,
                        0,
                        crs(g),
                        col.pointer(),
                        0,
                        columns,
                        0f,
                        tmp.pointer(),
                        0,
                        columns);
                kernels.launchElementwise(
                        "conv", "knpq_to_nkpq", (long) g.outChannels() * columns, y, tmp.pointer(), bias, args);
            }
        }
    }

    void backwardData(CUdeviceptr dx, CUdeviceptr dy, CUdeviceptr w, ConvGeometry g) {
        int nb = chunk(g), pq = g.outHeight() * g.outWidth();
        try (CudaStorage col = backend.scratch((long) crs(g) * nb * pq);
                CudaStorage dyt = backend.scratch((long) g.outChannels() * nb * pq)) {
            for (int n0 = 0; n0 < g.n(); n0 += nb) {
                int count = Math.min(nb, g.n() - n0), columns = count * pq;
                int[] args = KernelArgs.conv(g, n0, count);
                kernels.launchElementwise(
                        "conv", "nkpq_to_knpq", (long) g.outChannels() * columns, dyt.pointer(), dy, args);
                gemm.gemm(
                        true,
                        false,
                        crs(g),
                        columns,
                        g.outChannels(),
                        1f,
                        w,
                        0,
                        crs(g),
                        dyt.pointer(),
                        0,
                        columns,
                        0f,
                        col.pointer(),
                        0,
                        columns);
                kernels.launchElementwise(
                        "conv",
                        "col2im",
                        (long) count * g.inChannels() * g.height() * g.width(),
                        dx,
                        col.pointer(),
                        args);
            }
        }
    }

    void backwardFilter(CUdeviceptr dw, CUdeviceptr dy, CUdeviceptr x, ConvGeometry g) {
        int nb = chunk(g), pq = g.outHeight() * g.outWidth();
        try (CudaStorage col = backend.scratch((long) crs(g) * nb * pq);
                CudaStorage dyt = backend.scratch((long) g.outChannels() * nb * pq)) {
            for (int n0 = 0; n0 < g.n(); n0 += nb) {
                int count = Math.min(nb, g.n() - n0), columns = count * pq;
                int[] args = KernelArgs.conv(g, n0, count);
                kernels.launchElementwise("conv", "im2col", (long) crs(g) * columns, col.pointer(), x, args);
                kernels.launchElementwise(
                        "conv", "nkpq_to_knpq", (long) g.outChannels() * columns, dyt.pointer(), dy, args);
                gemm.gemm(
                        false,
                        true,
                        g.outChannels(),
                        crs(g),
                        columns,
                        1f,
                        dyt.pointer(),
                        0,
                        columns,
                        col.pointer(),
                        0,
                        columns,
                        n0 == 0 ? 0f : 1f,
                        dw,
                        0,
                        crs(g));
            }
        }
    }
}
