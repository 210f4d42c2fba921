package org.jgrad.backend.cuda;

import java.util.Map;

/**
 * Switches of the CUDA backend.
 *
 * @param device     which GPU (CUDA ordinal), {@code JGRAD_CUDA_DEVICE}, default 0
 * @param useCudnn   use cuDNN for convolution, pooling, activations and batch-norm when it loads
 *                   ({@code JGRAD_CUDNN=0} turns it off; jgrad's own kernels then do that work)
 * @param useCublas  use cuBLAS for GEMM when it loads ({@code JGRAD_CUBLAS=0} turns it off)
 * @param allowTf32  let cuDNN use TF32 tensor cores for float32 convolutions, as PyTorch does by
 *                   default ({@code JGRAD_CUDA_TF32=0} restricts it to plain float32)
 */
public record CudaOptions(int device, boolean useCudnn, boolean useCublas, boolean allowTf32) {

    /** Everything on: the fastest configuration. */
    public static CudaOptions defaults() {
        return new CudaOptions(0, true, true, true);
    }

    /** Plain float32 everywhere, for comparing kernels with the CPU reference. */
    public static CudaOptions strictFloat32() {
        return new CudaOptions(0, true, true, false);
    }

    /** Only jgrad's own kernels: no cuDNN, no cuBLAS. */
    public static CudaOptions ownKernelsOnly() {
        return new CudaOptions(0, false, false, false);
    }

    /** Defaults adjusted by the JGRAD_CUDA_* environment variables. */
    public static CudaOptions fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static CudaOptions fromEnvironment(Map<String, String> env) {
        int device = 0;
        String ordinal = env.get("JGRAD_CUDA_DEVICE");
        if (ordinal != null && !ordinal.isBlank()) {
            try {
                device = Integer.parseInt(ordinal.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("JGRAD_CUDA_DEVICE must be a device number, got '" + ordinal + "'");
            }
        }
        return new CudaOptions(
                device, flag(env, "JGRAD_CUDNN"), flag(env, "JGRAD_CUBLAS"), flag(env, "JGRAD_CUDA_TF32"));
    }

    private static boolean flag(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || !(v.equals("0") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off"));
    }
}
