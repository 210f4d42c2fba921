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
final class CpuIdentity {
    private CpuIdentity() {}

    /** e.g. "AMD EPYC 7B13 (amd64)"; from /proc/cpuinfo where there is one, else the JVM's arch. */
    static String model() {
        String arch = System.getProperty("os.arch", "unknown");
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (key.equals("model name") || key.equals("cpu model") || key.equals("hardware")) {
                    String name = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                    if (!name.isEmpty()) return name + " (" + arch + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (macOS, Windows) or unreadable: fall through to the architecture alone.
        }
        return "unknown " + arch + " CPU";
    }

    /**
     * The widest SIMD instruction set the CPU reports: "avx512" (avx512f), "avx2", "avx", "sse4",
     * "neon" (asimd), "sve", or the JVM's arch name where /proc/cpuinfo says nothing.
     */
    static String isa() {
        String arch = System.getProperty("os.arch", "unknown");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                String key = line.contains(":")
                        ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT)
                        : "";
                if (!key.equals("flags") && !key.equals("features")) continue;
                List<String> flags =
                        List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
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
                break;
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: fall through.
        }
        return arch;
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
