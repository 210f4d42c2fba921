package org.jgrad.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What kind of CPU this is, as far as the register tiles care: its model name (the key of the
 * tuning cache) and how many vector registers its widest vector unit has. x86 has 16 of them
 * (xmm/ymm0–15) unless AVX-512 is present, which brings 32 (zmm0–31; they also serve narrower
 * vectors); AArch64 has 32 (v0–v31, and z0–z31 with SVE). The JVM does not say whether AVX-512
 * is present, but it prefers 512-bit vectors exactly when it is (and is allowed to use it), so
 * the preferred vector width stands in for it.
 */
public final class CpuIdentity {
    /** /proc/cpuinfo, read once per JVM (empty where there is none: macOS, Windows). */
    private static final List<String> CPUINFO = readCpuinfo();

    private CpuIdentity() {}

    private static List<String> readCpuinfo() {
        try {
            return List.copyOf(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The value of the first /proc/cpuinfo line whose key is one of {@code keys}, or null. */
    private static String field(String... keys) {
        for (String line : CPUINFO) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (List.of(keys).contains(key)) return line.substring(colon + 1).trim();
        }
        return null;
    }

    /**
     * The CPU's model name as /proc/cpuinfo gives it ("model name" on x86, "CPU model" or "Hardware"
     * elsewhere), white space folded.
     *
     * @return the name, or null where the system does not say
     */
    public static String name() {
        String name = field("model name", "cpu model", "hardware");
        return name == null || name.isEmpty() ? null : name.replaceAll("\\s+", " ");
    }

    /**
     * The CPU's feature flags ("flags" on x86, "Features" on ARM).
     *
     * @return the flags, empty where the system does not say
     */
    public static List<String> flags() {
        String flags = field("flags", "features");
        return flags == null || flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    /** e.g. "AMD EPYC 7B13 (amd64)"; the key of the tuning cache. */
    static String model() {
        String arch = System.getProperty("os.arch", "unknown");
        String name = name();
        return name != null ? name + " (" + arch + ")" : "unknown " + arch + " CPU";
    }

    /**
     * The widest SIMD instruction set the CPU reports: "avx512" (avx512f), "sve", "avx2", "avx",
     * "neon" (asimd), "sse4", or the JVM's arch name where /proc/cpuinfo says nothing.
     */
    static String isa() {
        List<String> flags = flags();
        for (String[] f : new String[][] {
            {"avx512f", "avx512"},
            {"sve", "sve"},
            {"avx2", "avx2"},
            {"avx", "avx"},
            {"asimd", "neon"},
            {"sse4_2", "sse4"}
        }) {
            if (flags.contains(f[0])) return f[1];
        }
        return System.getProperty("os.arch", "unknown");
    }

    /** Vector registers of this CPU for the JVM's preferred vector width {@code preferredBits}. */
    static int vectorRegisters(int preferredBits) {
        return vectorRegisters(System.getProperty("os.arch", ""), preferredBits);
    }

    static int vectorRegisters(String arch, int preferredBits) {
        String a = arch.toLowerCase(Locale.ROOT);
        if (a.equals("aarch64") || a.equals("arm64")) return 32;
        if (a.equals("amd64") || a.equals("x86_64") || a.equals("x86")) return preferredBits >= 512 ? 32 : 16;
        return 16; // unknown architectures: assume the smaller register file, which never spills
    }
}
