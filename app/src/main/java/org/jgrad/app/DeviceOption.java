package org.jgrad.app;

import java.util.List;
import java.util.Locale;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Backends;
import picocli.CommandLine.Option;

/**
 * The {@code --device auto|cpu|cuda} and {@code --threads N} options, shared by every command
 * that runs a model (a picocli mixin), and the one place that turns them into a {@link Backend}.
 *
 * <p>For now every choice resolves to the reference CPU backend: the fast CPU backend and the CUDA
 * backend plug in at {@link #resolve()} (and their availability lines at {@link #backendStatus()}),
 * through the backend selector, when those branches are merged.
 */
public final class DeviceOption {
    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "Where to compute: auto (CUDA when usable, else CPU), cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device = "auto";

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for kernels and image loading (default: all cores).")
    Integer threads;

    /** What the user asked for, checked. */
    public String device() {
        String d = device.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "cpu", "cuda").contains(d)) {
            throw new IllegalArgumentException("--device must be auto, cpu or cuda, got '" + device + "'");
        }
        return d;
    }

    /** Threads for the CPU kernels and the image loader (≥ 1). */
    public int threads() {
        if (threads == null) return Math.max(1, Runtime.getRuntime().availableProcessors());
        if (threads < 1) throw new IllegalArgumentException("--threads must be ≥ 1, got " + threads);
        return threads;
    }

    /** The chosen backend, made the default for new tensors, with a one-line note of what was chosen and why. */
    public Selection resolve() {
        String wanted = device();
        int n = threads();
        // PLUG IN the backend selector here: auto → CUDA if usable, else the fast CPU backend with n threads;
        // cuda → CUDA or an error naming why not; cpu → the fast CPU backend (reference where the vector module is absent).
        Backend backend = Backends.reference();
        String note = switch (wanted) {
            case "cuda" -> throw new IllegalArgumentException("--device cuda: no CUDA backend is built into this jar");
            case "auto" -> "device auto → cpu (reference kernels; no CUDA backend in this build)";
            default -> "device cpu (reference kernels)";
        };
        Backends.setDefault(backend);
        return new Selection(backend, n, note);
    }

    /** The resolved backend, the thread count and a one-line description. */
    public record Selection(Backend backend, int threads, String note) { }

    /** One line per backend for {@code info}: name, available or not, and why. */
    public static List<String> backendStatus() {
        // PLUG IN: the selector's probes (fast CPU: vector module usable?; CUDA: driver, device, libraries).
        return List.of(
                "reference cpu  available    (plain Java loops, always present; the test oracle)",
                "fast cpu       unavailable  (not built into this jar yet)",
                "cuda           unavailable  (not built into this jar yet)");
    }
}
