/**
 * The CUDA backend: tensors in device memory, cuDNN (JCudnn) for convolution, pooling,
 * activations and batch-norm, cuBLAS (JCublas) for GEMM where it loads, and jgrad's own kernels
 * (C sources in {@code cuda/src/main/cuda}, shipped as PTX) for everything else.
 *
 * <p>This is the only package that imports {@code jcuda.*}, and the engine never imports it: the
 * engine's {@code org.jgrad.device.Devices} finds it through {@link org.jgrad.backend.cuda.CudaProvider}
 * (a {@link org.jgrad.backend.BackendProvider} registered for {@link java.util.ServiceLoader}) when
 * a caller asks for CUDA; on a machine without a GPU or without the NVIDIA libraries,
 * {@link org.jgrad.backend.cuda.CudaSupport} reports why instead of failing.
 * Start reading at {@link org.jgrad.backend.cuda.CudaBackend}.
 */
package org.jgrad.backend.cuda;
