package org.jgrad.device;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import org.jgrad.backend.Backend;
import org.jgrad.backend.BackendProvider;
import org.jgrad.backend.BackendUnavailableException;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.backend.cpu.VectorModule;

/**
 * The one place that turns a device name from the command line or the API ({@code auto},
 * {@code cpu}, {@code cuda}) into a backend. {@code auto} takes CUDA when it works and otherwise
 * the CPU, with a one-line reason; {@code cuda} without a usable GPU is an error that says why.
 *
 * <p>The CUDA backend is not part of the engine: it is the {@code jgrad-cuda} module, found on the
 * class path as a {@link BackendProvider} named {@code cuda}, so the engine never imports it.
 */
public final class Devices {
    /** Why CUDA is unavailable when no provider for it is on the class path. */
    public static final String NO_CUDA_MODULE = "the jgrad-cuda module is not on the class path";

    private static volatile List<BackendProvider> providers;

    private Devices() {}

    /**
     * The backend chosen for a requested device, and why it differs from the request (null if it does not).
     *
     * @param backend the backend to use
     * @param requested the device asked for, trimmed and lower-cased (null became "auto")
     * @param fallbackReason why {@code auto} did not get CUDA, or null
     */
    public record Selection(Backend backend, String requested, String fallbackReason) {
        /**
         * Whether {@code auto} fell back to the CPU.
         *
         * @return true when {@link #fallbackReason()} is set
         */
        public boolean fellBack() {
            return fallbackReason != null;
        }

        /**
         * One line for logs: "cuda" or "cpu-reference (CUDA not used: no NVIDIA driver: ...)".
         *
         * @return the line
         */
        public String describe() {
            return backend.name() + (fellBack() ? " (CUDA not used: " + fallbackReason + ")" : "");
        }

        /**
         * The line the commands print: "device auto → cpu-fast: 2 threads, ... (CUDA not used: ...)",
         * with the CPU backend's threads and vector width where it is the CPU.
         *
         * @return the line
         */
        public String note() {
            String detail = backend instanceof FastCpuBackend fast ? fast.describe() : backend.name();
            return "device " + requested + " → " + detail
                    + (fellBack() ? " (CUDA not used: " + fallbackReason + ")" : "");
        }
    }

    /**
     * The CPU backend that {@code cpu} and the {@code auto} fallback use: the shared fast CPU backend
     * set to {@code threads} threads; it runs the reference loops, with a one-line notice, where the
     * JVM lacks the vector module.
     *
     * @param threads threads its kernels may use, at least 1 (this changes the shared backend)
     * @return the shared fast CPU backend
     * @throws IllegalArgumentException if threads is below 1
     */
    public static Backend cpu(int threads) {
        return FastCpuBackend.shared().setThreads(threads);
    }

    /**
     * The shared fast CPU backend with its current thread count (all cores unless set).
     *
     * @return the shared fast CPU backend
     */
    public static Backend cpu() {
        return FastCpuBackend.shared();
    }

    /**
     * {@link #select(String, int)} with one CPU thread per available processor.
     *
     * @param device {@code auto}, {@code cpu} or {@code cuda} (also {@code gpu}; case does not matter; null means auto)
     * @return the selection
     * @throws IllegalArgumentException for any other name
     * @throws IllegalStateException when {@code cuda} is asked for and no GPU can be used
     */
    public static Selection select(String device) {
        return select(device, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Chooses a backend.
     *
     * @param device {@code auto}, {@code cpu} or {@code cuda} (also {@code gpu}; case does not matter; null means auto)
     * @param cpuThreads threads for the CPU backend when it is chosen
     * @return the selection
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
                    return new Selection(cuda(), d, null);
                } catch (BackendUnavailableException e) {
                    throw new IllegalStateException(
                            "--device cuda: no usable GPU: " + e.getMessage()
                                    + " (use --device auto to fall back to the CPU)",
                            e);
                }
            case "auto":
                try {
                    return new Selection(cuda(), d, null);
                } catch (BackendUnavailableException e) {
                    return new Selection(cpu(cpuThreads), d, e.getMessage());
                }
            default:
                throw new IllegalArgumentException("unknown device '" + device + "': expected auto, cpu or cuda");
        }
    }

    /**
     * Selects and makes the result the default backend for new tensors ({@link Backends#setDefault}).
     *
     * @param device as for {@link #select(String)}
     * @return the selection
     * @throws IllegalArgumentException for an unknown device name
     * @throws IllegalStateException when {@code cuda} is asked for and no GPU can be used
     */
    public static Selection use(String device) {
        return use(device, Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #use(String)} with {@code cpuThreads} threads for the CPU backend.
     *
     * @param device as for {@link #select(String)}
     * @param cpuThreads threads for the CPU backend when it is chosen
     * @return the selection
     * @throws IllegalArgumentException for an unknown device name
     * @throws IllegalStateException when {@code cuda} is asked for and no GPU can be used
     */
    public static Selection use(String device, int cpuThreads) {
        Selection s = select(device, cpuThreads);
        Backends.setDefault(s.backend());
        return s;
    }

    /**
     * Why CUDA cannot be used here, in one line.
     *
     * @return the reason, or null when it can
     */
    public static String cudaUnavailableReason() {
        return provider("cuda").map(BackendProvider::unavailableReason).orElse(NO_CUDA_MODULE);
    }

    /**
     * One line per backend for {@code jgrad info}: name, available or not, and why.
     *
     * @return three lines: reference CPU, fast CPU, CUDA
     */
    public static List<String> backendStatus() {
        String cuda = cudaUnavailableReason();
        return List.of(
                "reference cpu  available    (plain Java loops, always present; the test oracle)",
                VectorModule.usable()
                        ? "fast cpu       available    (" + VectorModule.describe() + ")"
                        : "fast cpu       unavailable  (" + VectorModule.reasonUnusable()
                                + "; reference loops are used)",
                cuda == null
                        ? "cuda           available    (see the device lines below)"
                        : "cuda           unavailable  (" + cuda + ")");
    }

    /**
     * What {@code jgrad info} prints about devices: the CPU backend, then the GPU, driver and libraries or why CUDA is unavailable.
     *
     * @return the text, several lines
     */
    public static String info() {
        return "CPU: " + FastCpuBackend.shared().describe() + "; "
                + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + "\n"
                + provider("cuda").map(BackendProvider::describe).orElse("CUDA: unavailable: " + NO_CUDA_MODULE);
    }

    private static Backend cuda() throws BackendUnavailableException {
        Optional<BackendProvider> cuda = provider("cuda");
        if (cuda.isEmpty()) throw new BackendUnavailableException(NO_CUDA_MODULE);
        return cuda.get().create();
    }

    /** The provider on the class path with this name, if any (looked up once per process). */
    static Optional<BackendProvider> provider(String name) {
        List<BackendProvider> found = providers;
        if (found == null) {
            found = ServiceLoader.load(BackendProvider.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();
            providers = found;
        }
        return found.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
