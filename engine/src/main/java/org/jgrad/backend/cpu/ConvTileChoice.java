package org.jgrad.backend.cpu;

import java.util.List;

/**
 * Output channels per forward (and backward-data) direct-convolution tile ({@link #CHANNELS}: 8, 4
 * or 3), decided once per JVM in {@link TunedChoice}'s order, like the GEMM tile: forced by
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
    /** Six interleaved slices of 20 ms per block on first use. */
    private static final int ROUNDS = 6;

    private static final long SLICE_MILLIS = 20;

    private static final TunedChoice.Decision<Integer> DECISION =
            TunedChoice.decide(kind(), TunedChoice.registers(), ROUNDS, SLICE_MILLIS);

    /** This JVM's forward/backward-data channel block: 8, 4 or 3. */
    static final int CHANNELS = DECISION.variant();

    /**
     * The filter-gradient tile's block: 8 with the 8-channel forward tile, else 4 (12 accumulators + 3
     * input vectors + the dy vector; it held its speed at 256 bits, unlike the forward tile).
     */
    static final int FILTER_CHANNELS = CHANNELS == 8 ? 8 : 4;

    private ConvTileChoice() {}

    /** Where this JVM's channel block came from, e.g. "tuned on first use". */
    static String source() {
        return DECISION.source();
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
        return "convChannels." + TunedChoice.machineKey();
    }

    /** 8, 4 or 3, else an error naming {@code where}. */
    static int parse(String text, String where) {
        String t = text.trim();
        if (t.equals("8") || t.equals("4") || t.equals("3")) return Integer.parseInt(t);
        throw new IllegalArgumentException(
                where + ": expected 8, 4 or 3, got '" + (t.length() <= 20 ? t : t.substring(0, 20) + "…") + "'");
    }

    /** Times each candidate's forward tile (see {@link #kind}); the default is kept unless beaten by 10 %. */
    static TunedChoice.Tuned<Integer> tune(int registers, long sliceMillis) {
        return TunedChoice.tune(kind(), registers, ROUNDS, sliceMillis);
    }

    /** Times the blocks again now and saves the winner; it takes effect in the next JVM. */
    static TunedChoice.Tuned<Integer> retune() {
        return TunedChoice.retune(kind(), TunedChoice.registers(), ROUNDS, SLICE_MILLIS);
    }

    /** The channel block as a {@link TunedChoice}: each forward tile timed alone on 144 taps, three segments, data in L1. */
    private static TunedChoice.Kind<Integer> kind() {
        return new TunedChoice.Kind<>(
                "direct-convolution tile",
                "jgrad.cpu.convChannels",
                cacheKey(),
                ConvTileChoice::parse,
                channels -> channels + " channels",
                ConvTileChoice::candidates,
                ConvTileChoice::defaultFor,
                ConvTileChoice::warmUp,
                ConvTileChoice::timeSlice);
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
            VectorKernels.convTile(
                    channels, TAPS, offsets, w, 0, x, 0, lanes, 2 * lanes, null, 0, y, 0, lanes, 2 * lanes, 3 * lanes);
        }
    }
}
