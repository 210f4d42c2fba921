package org.jgrad.backend.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Which GEMM register tile this JVM uses, decided once in {@link TunedChoice}'s order:
 * {@code -Djgrad.cpu.gemmTile=8x3|6x2|4x3} forces one; else this machine's line in the tuning cache;
 * else, on first use, each shape that fits the register file is timed for about a second and the
 * winner saved; else (with {@code -Djgrad.cpu.tune=false}) the default for the register count
 * ({@link GemmTile#defaultFor}).
 */
final class TileChoice {
    private TileChoice() {}

    /** Ten interleaved slices of 30 ms per shape on first use. */
    private static final int ROUNDS = 10;

    private static final long SLICE_MILLIS = 30;

    private static volatile TunedChoice.Decision<GemmTile> decision;

    /** The tile for this JVM (decided on the first call). */
    static GemmTile gemmTile() {
        return decision().variant();
    }

    static synchronized TunedChoice.Decision<GemmTile> decision() {
        if (decision == null) decision = TunedChoice.decide(KIND, TunedChoice.registers(), ROUNDS, SLICE_MILLIS);
        return decision;
    }

    /** The cache key: CPU model, vector width in use, register count, Java feature version. */
    static String cacheKey() {
        return "gemmTile." + TunedChoice.machineKey();
    }

    /**
     * Times each shape that fits {@code registers} registers ({@link TunedChoice#tune}). The 10 % margin
     * matters here: on a 2-core machine under load, three 150 ms slices each put 4x3 or 6x2 ahead of 8x3
     * on AVX-512 by chance, where 8x3 is 146 against 108-138 GFLOP/s quiet; a spilling 8x3 on AVX2 loses
     * by far more.
     */
    static TunedChoice.Tuned<GemmTile> tune(int registers, long sliceMillis) {
        return TunedChoice.tune(KIND, registers, ROUNDS, sliceMillis);
    }

    /** Times the shapes again now and saves the winner; it takes effect in the next JVM. */
    static TunedChoice.Tuned<GemmTile> retune() {
        return TunedChoice.retune(KIND, TunedChoice.registers(), ROUNDS, SLICE_MILLIS);
    }

    private static final TunedChoice.Kind<GemmTile> KIND = new TunedChoice.Kind<>(
            "GEMM register tile",
            "jgrad.cpu.gemmTile",
            cacheKey(),
            GemmTile::parse,
            GemmTile::label,
            TileChoice::candidates,
            GemmTile::defaultFor,
            TileChoice::warmUp,
            TileChoice::timeSlice);

    /** The shapes whose micro-kernels fit {@code registers} vector registers. */
    private static List<GemmTile> candidates(int registers) {
        List<GemmTile> fit = new ArrayList<>();
        for (GemmTile t : GemmTile.values()) if (t.registersNeeded() <= registers) fit.add(t);
        return fit;
    }

    /** 20 000 calls on a 4-deep panel: past the JIT's thresholds for compiling the kernel fully. */
    private static void warmUp(GemmTile t) {
        int kc = 4, nr = t.vectors * VectorKernels.LANES;
        float[] a = new float[t.rows * kc], b = new float[kc * nr], c = new float[t.rows * nr];
        for (int i = 0; i < 20_000; i++) GemmKernels.run(t, kc, a, 0, b, 0, c, 0, nr, (i & 1) == 0);
    }

    /**
     * GFLOP/s of the micro-kernel where FastGemm runs it: one packed A sliver (rows × 256, in L1)
     * against a packed B block of about 1024 columns (1 MiB, streamed from L2) sliver by sliver, as in
     * {@code FastGemm.macroKernel}, for about {@code millis}. (Timing the kernel on data that all sits
     * in L1 favours shapes that load B more often.)
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
}
