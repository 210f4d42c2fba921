package org.jgrad.backend;

import java.util.Locale;
import org.jgrad.backend.cuda.CudaSupport;
import org.jgrad.backend.cuda.CudaUnavailableException;

/**
 * Turns a device name from the command line or the API ({@code auto}, {@code cpu}, {@code cuda})
 * into a backend. {@code auto} takes CUDA when it works and otherwise the CPU, with a one-line
 * reason; {@code cuda} without a usable GPU is an error that says why.
 */
public final class Devices {
    private Devices() { }

    /** The backend chosen for a requested device, and why it differs from the request (null if it does not). */
    public record Selection(Backend backend, String requested, String fallbackReason) {
        public boolean fellBack() { return fallbackReason != null; }

        /** One line for logs: "cuda" or "cpu-reference (CUDA not used: no NVIDIA driver: ...)". */
        public String describe() {
            return backend.name() + (fellBack() ? " (CUDA not used: " + fallbackReason + ")" : "");
        }
    }

    /**
     * The CPU backend that {@code cpu} and the {@code auto} fallback use: the shared fast CPU backend
     * set to {@code threads} threads; it runs the reference loops, with a one-line notice, where the
     * JVM lacks the vector module.
     */
    public static Backend cpu(int threads) {
        return org.jgrad.backend.cpu.FastCpuBackend.shared().setThreads(threads);
    }

    /** The shared fast CPU backend with its current thread count (all cores unless set). */
    public static Backend cpu() {
        return org.jgrad.backend.cpu.FastCpuBackend.shared();
    }

    /** {@link #select(String, int)} with one CPU thread per available processor. */
    public static Selection select(String device) {
        return select(device, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Chooses a backend.
     *
     * @param device {@code auto}, {@code cpu} or {@code cuda} (case does not matter)
     * @throws IllegalArgumentException for any other name
     * @throws IllegalStateException when {@code cuda} is asked for and no GPU can be used
     */
    public static Selection select(String device, int cpuThreads) {
        String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
        switch (d) {
            case "cpu":
                return new Selection(cpu(cpuThreads), d, null);
            case "cuda":
            case "gpu":
                try {
                    return new Selection(CudaSupport.backend(), d, null);
                } catch (CudaUnavailableException e) {
                    throw new IllegalStateException("--device cuda: no usable GPU: " + e.getMessage()
                            + " (use --device auto to fall back to the CPU)", e);
                }
            case "auto":
                try {
                    return new Selection(CudaSupport.backend(), d, null);
                } catch (CudaUnavailableException e) {
                    return new Selection(cpu(cpuThreads), d, e.getMessage());
                }
            default:
                throw new IllegalArgumentException("unknown device '" + device + "': expected auto, cpu or cuda");
        }
    }

    /** Selects and makes the result the default backend for new tensors; returns the selection. */
    public static Selection use(String device) {
        Selection s = select(device);
        Backends.setDefault(s.backend());
        return s;
    }

    /** What {@code jgrad info} prints about devices: the CPU backend, then the GPU, driver and libraries or why CUDA is unavailable. */
    public static String info() {
        return "CPU: " + ((org.jgrad.backend.cpu.FastCpuBackend) cpu()).describe() + "; " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + "\n" + CudaSupport.describe();
    }
}
