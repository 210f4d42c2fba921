package org.jgrad.app;

import java.util.List;
import java.util.Locale;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Backends;
import org.jgrad.backend.Devices;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.backend.cpu.VectorModule;
import org.jgrad.backend.cuda.CudaSupport;
import picocli.CommandLine.Option;

/**
 * The {@code --device auto|cpu|cuda} and {@code --threads N} options, shared by every command
 * that runs a model (a picocli mixin), and the one place that turns them into a {@link Backend}.
 *
 * <p>{@code auto} takes CUDA when a GPU is usable and otherwise the fast CPU backend, saying why in
 * one line; {@code cuda} without a usable GPU is an error ({@link Devices#select}).
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
        Devices.Selection chosen = Devices.select(device(), threads());
        Backend backend = chosen.backend();
        String detail = backend instanceof FastCpuBackend fast ? fast.describe() : backend.name();
        String note = "device " + device() + " → " + detail
                + (chosen.fellBack() ? " (CUDA not used: " + chosen.fallbackReason() + ")" : "");
        Backends.setDefault(backend);
        return new Selection(backend, threads(), note);
    }

    /** The resolved backend, the thread count and a one-line description. */
    public record Selection(Backend backend, int threads, String note) { }

    /** One line per backend for {@code info}: name, available or not, and why. */
    public static List<String> backendStatus() {
        String cuda = CudaSupport.unavailableReason();
        return List.of(
                "reference cpu  available    (plain Java loops, always present; the test oracle)",
                VectorModule.usable()
                        ? "fast cpu       available    (" + VectorModule.describe() + ")"
                        : "fast cpu       unavailable  (" + VectorModule.reasonUnusable() + "; reference loops are used)",
                cuda == null ? "cuda           available    (see the device lines below)"
                             : "cuda           unavailable  (" + cuda + ")");
    }
}
