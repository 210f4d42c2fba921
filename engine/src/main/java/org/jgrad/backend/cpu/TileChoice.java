package org.jgrad.backend.cpu;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Which GEMM register tile this JVM uses, decided once, in this order:
 * <ol>
 *   <li>{@code -Djgrad.cpu.gemmTile=8x3|6x2|4x3} forces one (tests, comparisons);</li>
 *   <li>the tuning cache ({@code ~/.cache/jgrad/cpu-tuning.properties}, or the folder in
 *       {@code -Djgrad.cache.dir}) holds the result of an earlier timing on this CPU model, vector
 *       width and Java version;</li>
 *   <li>otherwise, on first use, each shape that fits the register file is timed for about a
 *       second ({@link #tune}) and the winner is saved in the cache — so a new kind of CPU needs no
 *       code change; {@code jgrad bench tune} redoes it. {@code -Djgrad.cpu.tune=false} skips the
 *       timing (the tests do, to stay deterministic) and takes:</li>
 *   <li>the default for the register count ({@link GemmTile#defaultFor}).</li>
 * </ol>
 * A cache line that does not parse is ignored with a one-line warning and timed again.
 */
final class TileChoice {
    private TileChoice() {}

    /** The decision and where it came from, e.g. "tuned on first use". */
    record Decision(GemmTile tile, String source) {}

    private static volatile Decision decision;

    /** The tile for this JVM (decided on the first call). */
    static GemmTile gemmTile() {
        return decision().tile();
    }

    static synchronized Decision decision() {
        if (decision == null) decision = decide();
        return decision;
    }

    /** Vector registers of this machine at the JVM's preferred width (not a narrower forced one). */
    static int registers() {
        return CpuIdentity.vectorRegisters(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize());
    }

    /** The cache key: CPU model, vector width in use, register count, Java feature version. */
    static String cacheKey() {
        return "gemmTile." + machineKey();
    }

    /** CPU model, vector width in use, register count, Java feature version: what a cached choice depends on. */
    static String machineKey() {
        return CpuIdentity.model() + "|" + VectorKernels.SPECIES.vectorBitSize() + "-bit|" + registers()
                + "-registers|java-" + Runtime.version().feature();
    }

    static Path cacheFile() {
        String dir = System.getProperty("jgrad.cache.dir");
        Path base = dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "jgrad");
        return base.resolve("cpu-tuning.properties");
    }

    private static Decision decide() {
        String forced = System.getProperty("jgrad.cpu.gemmTile");
        if (forced != null && !forced.isBlank()) {
            return new Decision(GemmTile.parse(forced, "-Djgrad.cpu.gemmTile"), "forced by -Djgrad.cpu.gemmTile");
        }
        int registers = registers();
        Path file = cacheFile();
        String key = cacheKey();
        String cached = readCache(file).getProperty(key);
        if (cached != null) {
            try {
                GemmTile tile = GemmTile.parse(cached.split(" ", 2)[0], file + " (" + key + ")");
                if (tile.registersNeeded() <= registers) return new Decision(tile, "tuned earlier (" + file + ")");
                System.err.println("jgrad: ignoring cached GEMM tile " + tile.label() + " in " + file + ": it needs "
                        + tile.registersNeeded() + " vector registers, this CPU has " + registers);
            } catch (IllegalArgumentException e) {
                System.err.println("jgrad: ignoring the tuning cache line: " + e.getMessage());
            }
        }
        if ("false".equalsIgnoreCase(System.getProperty("jgrad.cpu.tune"))) {
            return new Decision(GemmTile.defaultFor(registers), "default for " + registers + " vector registers");
        }
        Tuned tuned = tune(registers, 30);
        String note = save(file, key, tuned);
        System.err.println("jgrad: GEMM register tile timed on first use: " + tuned.summary() + note);
        return new Decision(tuned.best(), "tuned on first use");
    }

    /** Timing results: GFLOP/s per shape (micro-kernel alone, data in L1) and the one chosen. */
    record Tuned(Map<GemmTile, Double> gflops, GemmTile best) {
        String summary() {
            StringBuilder s = new StringBuilder();
            gflops.forEach((t, g) -> s.append(t.label())
                    .append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.1f", g))
                    .append(", "));
            return s.append("GFLOP/s → ").append(best.label()).toString();
        }
    }

    /**
     * Times each shape that fits {@code registers} registers: first many calls on a 4-deep panel
     * each, so that the JIT compiles every micro-kernel before it is timed (a long interpreted call
     * would take the whole slice), then ten short slices of {@code sliceMillis} each, interleaved, keeping
     * each shape's best slice (the least disturbed by other work on the machine). The register-count
     * default is kept unless another shape beats it by more than 10 %, so noise does not flip it: on a
     * 2-core machine under load, three 150 ms slices each put 4x3 or 6x2 ahead of 8x3 on AVX-512 by
     * chance, where 8x3 is 146 against 108-138 GFLOP/s quiet; a spilling 8x3 on AVX2 loses by far more.
     */
    static Tuned tune(int registers, long sliceMillis) {
        List<GemmTile> candidates = new ArrayList<>();
        for (GemmTile t : GemmTile.values()) if (t.registersNeeded() <= registers) candidates.add(t);
        Map<GemmTile, Double> best = new EnumMap<>(GemmTile.class);
        for (GemmTile t : candidates) warmUp(t);
        for (int round = 0; round < 10; round++) {
            for (GemmTile t : candidates) best.merge(t, timeSlice(t, sliceMillis), Math::max);
        }
        GemmTile chosen = GemmTile.defaultFor(registers);
        for (GemmTile t : candidates) {
            if (best.get(t) > best.get(chosen) * 1.10) chosen = t;
        }
        return new Tuned(best, chosen);
    }

    /** 20 000 calls on a 4-deep panel: past the JIT's thresholds for compiling the kernel fully. */
    private static void warmUp(GemmTile t) {
        int kc = 4, nr = t.vectors * VectorKernels.LANES;
        float[] a = new float[t.rows * kc], b = new float[kc * nr], c = new float[t.rows * nr];
        for (int i = 0; i < 20_000; i++) GemmKernels.run(t, kc, a, 0, b, 0, c, 0, nr, (i & 1) == 0);
    }

    /**
     * GFLOP/s of one shape's micro-kernel where FastGemm runs it: one packed A sliver (rows × 256,
     * in L1) against a packed B block of about 1024 columns (1 MiB, streamed from L2) sliver by
     * sliver, as in {@code FastGemm.macroKernel}, repeated for about {@code millis}. (Timing the
     * kernel on data that all sits in L1 favours shapes that load B more often.)
     */
    private static double timeSlice(GemmTile t, long millis) {
        int kc = 256, nr = t.vectors * VectorKernels.LANES, slivers = Math.max(1, 1024 / nr), nc = slivers * nr;
        float[] a = new float[t.rows * kc], b = new float[kc * nc], c = new float[t.rows * nc];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.01f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.01f;
        long calls = 0, start = System.nanoTime(), end = start + millis * 1_000_000L, now;
        do {
            for (int jr = 0; jr < slivers; jr++) GemmKernels.run(t, kc, a, 0, b, jr * kc * nr, c, jr * nr, nc, true);
            calls += slivers;
            now = System.nanoTime();
        } while (now < end);
        if (c[0] == 12345f) System.err.print(""); // keeps the result alive
        return 2.0 * t.rows * nr * kc * calls / (now - start);
    }

    static Properties readCache(Path file) {
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) return p;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("jgrad: ignoring unreadable tuning cache " + file + ": " + e.getMessage());
            return new Properties();
        }
        return p;
    }

    /**
     * Adds this machine's line to the cache file (written to a temporary file, then moved over it);
     * returns a note for the log line: where it went, or why it could not be saved.
     */
    static String save(Path file, String key, Tuned tuned) {
        return save(file, key, tuned.best().label() + " " + tuned.summary());
    }

    /** As above for any choice: the line's value is {@code value} and today's date. */
    static String save(Path file, String key, String value) {
        Properties p = readCache(file);
        p.setProperty(key, value + " " + LocalDate.now());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "cpu-tuning", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "jgrad: fast CPU kernel choices per machine; delete to time them again");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return " (saved in " + file + ")";
        } catch (IOException | RuntimeException e) {
            return " (not saved: " + e.getMessage() + ")";
        }
    }

    /** Times the shapes again now and saves the winner; it takes effect in the next JVM. */
    static Tuned retune() {
        Tuned tuned = tune(registers(), 30);
        save(cacheFile(), cacheKey(), tuned);
        return tuned;
    }
}
