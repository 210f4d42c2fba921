package org.jgrad.backend.cpu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output channels per forward (and backward-data) direct-convolution tile ({@link #CHANNELS}: 8, 4
 * or 3), decided once per JVM the way {@link TileChoice} decides the GEMM tile: forced by
 * {@code -Djgrad.cpu.convChannels}, else this machine's line in the tuning cache, else (unless
 * {@code -Djgrad.cpu.tune=false}) about 0.2 s timing each tile that fits the register file on data
 * in L1, else the register-count default (8 with 32 registers, 3 with 16). The default is kept unless
 * another block beats it by more than 10 %. Why a timing: on a core held to AVX2 the 4-channel tile,
 * which uses all 16 registers, ran at half the 3-channel tile's rate, a difference no register count
 * predicts exactly on every CPU and JIT.
 *
 * The 3-channel default comes from timing each tile alone at 256 bits: the 4-channel tile (12
 * accumulators + 3 inputs + 1 broadcast = all 16 registers) ran 56 GFLOP/s, the 3-channel one 110-115:
 * with no spare register the JIT spills in the loop (docs/PERFORMANCE.md).
 *
 * <p>The decision is made when this class is initialised, never inside {@link VectorKernels}'
 * initialisation (which does not read it): the timed tiles must belong to an initialised class, or
 * the JIT would not compile them and the timing would measure the interpreter.
 */
final class ConvTileChoice {
    private static volatile String source = "not decided yet"; // before CHANNELS: decide() sets it

    /** This JVM's forward/backward-data channel block: 8, 4 or 3. */
    static final int CHANNELS = decide();

    /**
     * The filter-gradient tile's block: 8 with the 8-channel forward tile, else 4 (12 accumulators + 3
     * input vectors + the dy vector; it held its speed at 256 bits, unlike the forward tile).
     */
    static final int FILTER_CHANNELS = CHANNELS == 8 ? 8 : 4;

    private ConvTileChoice() {}

    /** Where this JVM's channel block came from, e.g. "tuned on first use". */
    static String source() {
        return source;
    }

    /** The register-count default: 8 channels where 28 registers fit the tile, else 3. */
    static int defaultFor(int registers) {
        return registers >= 28 ? 8 : 3;
    }

    /** The blocks whose tiles fit {@code registers} registers without spilling by design. */
    static List<Integer> candidates(int registers) {
        return registers >= 28 ? List.of(8, 4, 3) : List.of(4, 3);
    }

    static String cacheKey() {
        return "convChannels." + TileChoice.machineKey();
    }

    /** The decision; runs once, when this class is initialised. */
    private static int decide() {
        String forced = System.getProperty("jgrad.cpu.convChannels");
        if (forced != null && !forced.isBlank()) {
            source = "forced by -Djgrad.cpu.convChannels";
            return parse(forced, "-Djgrad.cpu.convChannels");
        }
        int registers = TileChoice.registers();
        Path file = TileChoice.cacheFile();
        String key = cacheKey();
        String cached = TileChoice.readCache(file).getProperty(key);
        if (cached != null) {
            try {
                int channels = parse(cached.split(" ", 2)[0], file + " (" + key + ")");
                if (candidates(registers).contains(channels)) {
                    source = "tuned earlier (" + file + ")";
                    return channels;
                }
                System.err.println("jgrad: ignoring cached conv channel block " + channels + " in " + file
                        + ": it does not fit " + registers + " vector registers");
            } catch (IllegalArgumentException e) {
                System.err.println("jgrad: ignoring the tuning cache line: " + e.getMessage());
            }
        }
        if ("false".equalsIgnoreCase(System.getProperty("jgrad.cpu.tune"))) {
            source = "default for " + registers + " vector registers";
            return defaultFor(registers);
        }
        Tuned tuned = tune(registers, 20);
        String note = TileChoice.save(file, key, tuned.best() + " " + tuned.summary());
        System.err.println("jgrad: direct-convolution tile timed on first use: " + tuned.summary() + note);
        source = "tuned on first use";
        return tuned.best();
    }

    /** 8, 4 or 3, else an error naming {@code where}. */
    static int parse(String text, String where) {
        String t = text.trim();
        if (t.equals("8") || t.equals("4") || t.equals("3")) return Integer.parseInt(t);
        throw new IllegalArgumentException(
                where + ": expected 8, 4 or 3, got '" + (t.length() <= 20 ? t : t.substring(0, 20) + "…") + "'");
    }

    /** GFLOP/s per channel block (tile alone, data in L1) and the block chosen. */
    record Tuned(Map<Integer, Double> gflops, int best) {
        String summary() {
            StringBuilder s = new StringBuilder();
            gflops.forEach((c, g) -> s.append(c)
                    .append(" channels ")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", g))
                    .append(", "));
            return s.append("GFLOP/s → ").append(best).toString();
        }
    }

    /**
     * Times each candidate's forward tile (144 taps, three segments, the weights and input in L1): a
     * warm-up of 20,000 calls each so that the JIT compiles every tile, then six interleaved slices of
     * {@code sliceMillis}, keeping each block's best; the default is kept unless beaten by 10 %.
     */
    static Tuned tune(int registers, long sliceMillis) {
        List<Integer> blocks = new ArrayList<>(candidates(registers));
        Map<Integer, Double> best = new LinkedHashMap<>();
        for (int c : blocks) warmUp(c);
        for (int round = 0; round < 6; round++) {
            for (int c : blocks) best.merge(c, timeSlice(c, sliceMillis), Math::max);
        }
        int chosen = defaultFor(registers);
        for (int c : blocks) if (best.get(c) > best.get(chosen) * 1.10) chosen = c;
        return new Tuned(best, chosen);
    }

    /** 20,000 calls: past the JIT's thresholds for compiling the tile fully. */
    private static void warmUp(int channels) {
        Bench b = new Bench(channels);
        for (int i = 0; i < 20_000; i++) b.call();
    }

    /** GFLOP/s of one block's tile over about {@code millis}. */
    private static double timeSlice(int channels, long millis) {
        Bench b = new Bench(channels);
        long calls = 0, start = System.nanoTime(), end = start + millis * 1_000_000L, now;
        do {
            for (int i = 0; i < 64; i++) b.call();
            calls += 64;
            now = System.nanoTime();
        } while (now < end);
        if (b.y[0] == 12345f) System.err.print(""); // keeps the result alive
        return 2.0 * Bench.TAPS * channels * 3 * VectorKernels.LANES * calls / (now - start);
    }

    /** One tile's inputs: 144 taps at consecutive offsets, three segments, weights and input in L1. */
    private static final class Bench {
        static final int TAPS = 144;
        final int channels, lanes = VectorKernels.LANES;
        final int[] offsets = new int[TAPS];
        final float[] x = new float[TAPS + 3 * lanes + 1], w, y;

        Bench(int channels) {
            this.channels = channels;
            w = new float[TAPS * channels];
            y = new float[channels * 3 * lanes];
            for (int t = 0; t < TAPS; t++) offsets[t] = t;
            for (int i = 0; i < x.length; i++) x[i] = (i % 7) * 0.01f;
            for (int i = 0; i < w.length; i++) w[i] = (i % 5) * 0.01f;
        }

        void call() {
            run(channels, TAPS, offsets, w, x, y, lanes);
        }
    }

    private static void run(int channels, int taps, int[] offsets, float[] w, float[] x, float[] y, int lanes) {
        switch (channels) {
            case 8 ->
                VectorKernels.convTile8(
                        taps, offsets, w, 0, x, 0, lanes, 2 * lanes, null, 0, y, 0, lanes, 2 * lanes, 3 * lanes);
            case 4 ->
                VectorKernels.convTile4(
                        taps, offsets, w, 0, x, 0, lanes, 2 * lanes, null, 0, y, 0, lanes, 2 * lanes, 3 * lanes);
            default ->
                VectorKernels.convTile3(
                        taps, offsets, w, 0, x, 0, lanes, 2 * lanes, null, 0, y, 0, lanes, 2 * lanes, 3 * lanes);
        }
    }

    /** Times the blocks again now and saves the winner; it takes effect in the next JVM. */
    static Tuned retune() {
        Tuned tuned = tune(TileChoice.registers(), 20);
        TileChoice.save(TileChoice.cacheFile(), cacheKey(), tuned.best() + " " + tuned.summary());
        return tuned;
    }
}
