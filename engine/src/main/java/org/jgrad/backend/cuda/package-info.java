/**
 * The CUDA backend: tensors in device memory, cuDNN (JCudnn) for convolution, pooling,
 * activations and batch-norm, cuBLAS (JCublas) for GEMM where it loads, and jgrad's own kernels
 * (C sources in {@code engine/src/main/cuda}, shipped as PTX) for everything else.
 *
 * <p>This is the only package that imports {@code jcuda.*}. It is touched only when a caller asks
 * for CUDA ({@link org.jgrad.backend.Devices#select}); on a machine without a GPU or without the
 * NVIDIA libraries, {@link org.jgrad.backend.cuda.CudaSupport} reports why instead of failing.
 * Start reading at {@link org.jgrad.backend.cuda.CudaBackend}.
 */
package org.jgrad.backend.cuda;
