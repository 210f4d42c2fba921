package org.jgrad.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jgrad.backend.cpu.CpuIdentity;
import org.jgrad.device.Devices;
import picocli.CommandLine.Command;

/** {@code info}: version, JVM, CPU features, threads and each backend with its availability. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Print the version, JVM, CPU features, threads and which backends are available.")
public final class InfoCommand implements Callable<Integer> {
    /** The CPU flags that matter to the kernels (SIMD width, fused multiply-add). */
    private static final List<String> INTERESTING_FLAGS = List.of(
            "sse4_2",
            "avx",
            "avx2",
            "fma",
            "avx512f",
            "avx512bw",
            "avx512_vnni",
            "avx512_bf16",
            "amx_tile",
            "asimd",
            "sve");

    @Override
    public Integer call() {
        String[] version = new Main.Version().getVersion();
        System.out.println(version[0]);
        System.out.println("JVM        " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + "), max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        System.out.println("OS         " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        System.out.println("CPU        " + cpuModel());
        System.out.println("features   " + String.join(" ", cpuFeatures()));
        System.out.println("threads    " + Runtime.getRuntime().availableProcessors() + " available processors");
        System.out.println("vector API "
                + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                        ? "jdk.incubator.vector loaded"
                        : "jdk.incubator.vector not loaded (start java with --add-modules jdk.incubator.vector)"));
        System.out.println("CPU tiles  " + org.jgrad.backend.cpu.CpuTuning.describe());
        System.out.println("backends:");
        for (String line : Devices.backendStatus()) System.out.println("  " + line);
        System.out.println("devices:");
        Devices.info().lines().forEach(line -> System.out.println("  " + line));
        return 0;
    }

    static String cpuModel() {
        String name = CpuIdentity.name();
        return name != null ? name : "unknown (" + System.getProperty("os.arch") + ")";
    }

    static List<String> cpuFeatures() {
        List<String> flags = CpuIdentity.flags();
        if (flags.isEmpty()) return List.of("unknown (no /proc/cpuinfo)");
        List<String> found = new ArrayList<>();
        for (String f : INTERESTING_FLAGS) if (flags.contains(f)) found.add(f);
        return found;
    }
}
