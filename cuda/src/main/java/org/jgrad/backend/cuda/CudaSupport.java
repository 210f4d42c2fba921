package org.jgrad.backend.cuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point to CUDA that the rest of jgrad uses. Nothing here needs a GPU or JCuda's native
 * libraries to load: {@link #backend(CudaOptions)} tries, and turns every failure into a
 * {@link CudaUnavailableException} with a one-line reason; {@link #describe()} reports what was
 * found (GPU, driver, libraries and where they came from) or why CUDA is unavailable.
 *
 * <p>The device and the libraries are opened once per process; backends with different
 * {@link CudaOptions} share them.
 */
public final class CudaSupport {
    private static CudaLibraries libraries;
    private static CudaDevice device;
    private static CudaUnavailableException deviceFailure;
    private static Cudnn cudnn;
    private static CudaUnavailableException cudnnFailure;
    private static CublasGemm cublas;
    private static CudaUnavailableException cublasFailure;
    private static final Map<CudaOptions, CudaBackend> backends = new HashMap<>();

    private CudaSupport() {}

    /** The CUDA backend with the environment's options (see {@link CudaOptions#fromEnvironment()}). */
    public static CudaBackend backend() throws CudaUnavailableException {
        return backend(CudaOptions.fromEnvironment());
    }

    /** A CUDA backend with these options, opening the device on first use. */
    public static synchronized CudaBackend backend(CudaOptions options) throws CudaUnavailableException {
        CudaBackend existing = backends.get(options);
        if (existing != null) return existing;
        CudaDevice d = openDevice(options.device());
        Cudnn dnn = options.useCudnn() ? openCudnn(d) : null;
        CublasGemm blas = options.useCublas() ? openCublas() : null;
        CudaBackend backend = new CudaBackend(d, dnn, blas, options);
        backends.put(options, backend);
        return backend;
    }

    /** Whether a GPU can be used; cheap after the first call. */
    public static boolean isAvailable() {
        try {
            openDevice(CudaOptions.fromEnvironment().device());
            return true;
        } catch (CudaUnavailableException e) {
            return false;
        }
    }

    /** Why CUDA cannot be used, or null when it can. */
    public static String unavailableReason() {
        try {
            openDevice(CudaOptions.fromEnvironment().device());
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }

    private static synchronized CudaLibraries libraries() {
        if (libraries == null) libraries = CudaLibraries.fromEnvironment();
        return libraries;
    }

    private static synchronized CudaDevice openDevice(int ordinal) throws CudaUnavailableException {
        if (device != null && device.ordinal == ordinal) return device;
        if (deviceFailure != null) throw deviceFailure;
        if (device != null)
            throw new CudaUnavailableException("this process already uses CUDA device " + device.ordinal);
        try {
            device = CudaDevice.open(libraries(), ordinal);
            return device;
        } catch (CudaUnavailableException e) {
            deviceFailure = e;
            throw e;
        } catch (RuntimeException | LinkageError e) {
            deviceFailure = new CudaUnavailableException("CUDA could not start: " + e, e);
            throw deviceFailure;
        }
    }

    /** cuDNN, or null (with the reason kept for {@link #describe()}) when it does not load. */
    private static synchronized Cudnn openCudnn(CudaDevice d) {
        if (cudnn == null && cudnnFailure == null) {
            try {
                cudnn = Cudnn.open(d, libraries());
            } catch (CudaUnavailableException e) {
                cudnnFailure = e;
            } catch (RuntimeException | LinkageError e) {
                cudnnFailure = new CudaUnavailableException("cuDNN could not start: " + e, e);
            }
        }
        return cudnn;
    }

    private static synchronized CublasGemm openCublas() {
        if (cublas == null && cublasFailure == null) {
            try {
                cublas = CublasGemm.open(libraries());
            } catch (CudaUnavailableException e) {
                cublasFailure = e;
            } catch (RuntimeException | LinkageError e) {
                cublasFailure = new CudaUnavailableException("cuBLAS could not start: " + e, e);
            }
        }
        return cublas;
    }

    /**
     * A few lines for {@code jgrad info}: the GPU, driver, JCuda and library versions and where each
     * library was loaded from, or why CUDA is unavailable.
     */
    public static synchronized String describe() {
        List<String> lines = new ArrayList<>();
        CudaOptions options = CudaOptions.fromEnvironment();
        CudaBackend backend;
        try {
            backend = backend(options);
        } catch (CudaUnavailableException e) {
            lines.add("CUDA: unavailable: " + e.getMessage());
            lines.add("  library search path: " + libraries().directories().size() + " directories ("
                    + CudaLibraries.PATH_VARIABLE + ", LD_LIBRARY_PATH, common locations)");
            return String.join("\n", lines);
        }
        CudaDevice d = device;
        lines.add(String.format(
                "CUDA: available: GPU %d %s, compute capability %d.%d, %d SMs, %.1f GiB",
                d.ordinal, d.name, d.ccMajor, d.ccMinor, d.multiprocessors, d.totalMemory / 1073741824.0));
        lines.add("  driver: " + d.driverVersionText() + "; JCuda " + jcuda.JCudaVersion.get() + " (CUDA runtime "
                + runtimeVersion() + ", linked statically)");
        lines.add("  kernels: jgrad PTX for compute_80 (" + CudaKernels.MODULES.size()
                + " modules), JIT-compiled by the driver for sm_" + d.ccMajor + d.ccMinor);
        lines.add("  cuDNN: "
                + (cudnn != null
                        ? cudnn.describe() + " loaded from " + where("libcudnn.so.9")
                        : options.useCudnn() ? "not used: " + cudnnFailure.getMessage() : "off (JGRAD_CUDNN=0)"));
        lines.add("  cuBLAS: "
                + (cublas != null
                        ? cublas.describe() + " loaded from " + where("libcublas.so.12")
                        : options.useCublas()
                                ? "not used: " + cublasFailure.getMessage() + "; GEMM runs on jgrad's own kernel"
                                : "off (JGRAD_CUBLAS=0); GEMM runs on jgrad's own kernel"));
        lines.add("  routes: " + backend.routes());
        return String.join("\n", lines);
    }

    private static String where(String soname) {
        return libraries().find(soname).map(Object::toString).orElse("the system loader's default path");
    }

    private static String runtimeVersion() {
        try {
            int[] v = new int[1];
            jcuda.runtime.JCuda.cudaRuntimeGetVersion(v);
            return v[0] / 1000 + "." + (v[0] % 1000) / 10;
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }
}
