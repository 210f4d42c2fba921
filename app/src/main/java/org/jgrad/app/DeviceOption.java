package org.jgrad.app;

import java.util.List;
import java.util.Locale;
import org.jgrad.backend.Backend;
import org.jgrad.device.Devices;
import picocli.CommandLine.Option;

/**
 * The {@code --device auto|cpu|cuda} and {@code --threads N} options, shared by every command
 * that runs a model and by {@code bench} (a picocli mixin); the engine's {@link Devices} turns them
 * into a {@link Backend}.
 *
 * <p>{@code auto} takes CUDA when a GPU is usable and otherwise the fast CPU backend, saying why in
 * one line; {@code cuda} without a usable GPU is an error ({@link Devices#select}).
 */
public final class DeviceOption {
    @Option(
            names = "--device",
            paramLabel = "auto|cpu|cuda",
            defaultValue = "auto",
            description =
                    "Where to compute: auto (CUDA when usable, else CPU), cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device = "auto";

    @Option(
            names = "--threads",
            paramLabel = "N",
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
        Devices.Selection chosen = Devices.use(device(), threads());
        return new Selection(chosen.backend(), threads(), chosen.note());
    }

    /** The resolved backend, the thread count and a one-line description. */
    public record Selection(Backend backend, int threads, String note) {}
}
