package org.jgrad.backend.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * jgrad's own CUDA kernels. Their C sources are in {@code cuda/src/main/cuda}; the build turns
 * each into PTX (virtual architecture compute_80, so any GPU from Ampere on runs it), shipped as a
 * resource and compiled for the actual GPU by the driver when loaded here.
 *
 * <p>{@link #launch} takes the kernel's arguments in order: a {@link CUdeviceptr} (or null for a
 * null pointer), an Integer, Float, Long or Double, or an int[] for a struct of ints passed by value.
 */
final class CudaKernels {
    /** The PTX modules, one per .cu file. */
    static final List<String> MODULES =
            List.of("elementwise", "reduce", "gemm", "conv", "pool", "batchnorm", "softmax", "loss", "optimizer");

    static final String RESOURCE_DIR = "/org/jgrad/backend/cuda/ptx/";

    private final CudaDevice device;
    private final LaunchParameters fast; // null: JCuda's own argument marshalling
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();

    CudaKernels(CudaDevice device) {
        this.device = device;
        this.fast = System.getProperty("jgrad.cuda.slowLaunch") == null ? LaunchParameters.create() : null;
    }

    /** Host scalars 1 and 0 for library calls that take alpha and beta by pointer. */
    Pointer hostOne() {
        return fast != null ? fast.one : Pointer.to(new float[] {1f});
    }

    Pointer hostZero() {
        return fast != null ? fast.zero : Pointer.to(new float[] {0f});
    }

    /** How arguments reach the driver, for reports. */
    String launchPath() {
        return fast != null ? "pinned argument block" : "JCuda argument marshalling";
    }

    /** Loads every module now (the driver compiles the PTX for this GPU; later runs hit its cache). */
    void loadAll() {
        for (String m : MODULES) module(m);
    }

    private synchronized CUmodule module(String name) {
        return modules.computeIfAbsent(name, n -> {
            CUmodule module = new CUmodule();
            cuModuleLoadData(module, ptx(n));
            return module;
        });
    }

    /** The PTX text of a module, null-terminated as the driver wants it. */
    static byte[] ptx(String module) {
        try (InputStream in = CudaKernels.class.getResourceAsStream(RESOURCE_DIR + module + ".ptx")) {
            if (in == null)
                throw new IllegalStateException(
                        "cuda: PTX resource " + RESOURCE_DIR + module + ".ptx is missing from the jar");
            byte[] text = in.readAllBytes();
            byte[] terminated = java.util.Arrays.copyOf(text, text.length + 1);
            return terminated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized CUfunction function(String module, String kernel) {
        return functions.computeIfAbsent(kernel, k -> {
            CUfunction f = new CUfunction();
            cuModuleGetFunction(f, module(module), k);
            return f;
        });
    }

    /** Launches a 1-D grid of {@code blocks} x {@code threads} on the default stream. */
    void launch(String module, String kernel, int blocks, int threads, Object... args) {
        launch2d(module, kernel, blocks, 1, threads, args);
    }

    /** Launches a 2-D grid (blocksX, blocksY) of 1-D blocks on the default stream. */
    synchronized void launch2d(String module, String kernel, int blocksX, int blocksY, int threads, Object... args) {
        device.makeCurrent();
        CUfunction f = function(module, kernel);
        Pointer params;
        if (fast != null) {
            params = fast.write(args);
        } else {
            Pointer[] each = new Pointer[args.length];
            for (int i = 0; i < args.length; i++) each[i] = parameter(args[i]);
            params = Pointer.to(each);
        }
        cuLaunchKernel(f, blocksX, blocksY, 1, threads, 1, 1, 0, null, params, null);
    }

    /** Launches an elementwise grid-stride kernel sized for {@code n} elements. */
    void launchElementwise(String module, String kernel, long n, Object... args) {
        if (n <= 0) return;
        launch(module, kernel, device.blocksFor(n, 256), 256, args);
    }

    private static Pointer parameter(Object arg) {
        if (arg == null) return Pointer.to(new CUdeviceptr());
        if (arg instanceof CUdeviceptr p) return Pointer.to(p);
        if (arg instanceof Integer v) return Pointer.to(new int[] {v});
        if (arg instanceof Float v) return Pointer.to(new float[] {v});
        if (arg instanceof Long v) return Pointer.to(new long[] {v});
        if (arg instanceof Double v) return Pointer.to(new double[] {v});
        if (arg instanceof int[] struct) return Pointer.to(struct);
        throw new IllegalArgumentException("cuda: unsupported kernel argument " + arg.getClass());
    }
}
