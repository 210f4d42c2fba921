package org.jgrad.backend.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fast CPU backend chose for this machine, for {@code jgrad info} and {@code jgrad bench
 * tune}: the vector width, the register count and the GEMM register tile with where the choice came
 * from (see {@link TileChoice}).
 */
public final class CpuTuning {
    private CpuTuning() {}

    /**
     * The fast CPU kernels' tuning in one line, e.g. "GEMM tile 8x3 (tuned earlier (...)), direct-convolution
     * tile 8 channels x 3 vectors; 32 vector registers, ...".
     *
     * @return the line, or why the fast path is off
     */
    public static String describe() {
        if (!VectorModule.usable()) return "fast CPU kernels off (" + VectorModule.reasonUnusable() + ")";
        TunedChoice.Decision<GemmTile> d = TileChoice.decision();
        return "GEMM tile " + d.variant().label() + " (" + d.source() + "), direct-convolution tile "
                + ConvTileChoice.CHANNELS + " channels x 3 vectors (" + ConvTileChoice.source() + "; filter gradient "
                + ConvTileChoice.FILTER_CHANNELS + " channels); " + TunedChoice.registers() + " vector registers, "
                + VectorKernels.describe();
    }

    /**
     * Times the GEMM register tiles and the direct-convolution channel blocks again on this machine
     * and saves the winners in the tuning cache (they take effect at the next start).
     *
     * @return one line per shape and one for the choice
     * @throws IllegalStateException if the fast CPU kernels are off
     */
    public static List<String> retune() {
        if (!VectorModule.usable()) {
            throw new IllegalStateException(
                    "cannot tune: fast CPU kernels off (" + VectorModule.reasonUnusable() + ")");
        }
        TunedChoice.Tuned<GemmTile> t = TileChoice.retune();
        List<String> lines = new ArrayList<>();
        t.gflops()
                .forEach((tile, g) -> lines.add(String.format(
                        java.util.Locale.ROOT,
                        "name=gemm-tile tile=%s registers_needed=%d gflops=%.1f",
                        tile.label(),
                        tile.registersNeeded(),
                        g)));
        lines.add("name=gemm-tile-choice tile=" + t.best().label() + " cpu=\"" + CpuIdentity.model() + "\" registers="
                + TunedChoice.registers() + " saved=" + TunedChoice.cacheFile());
        TunedChoice.Tuned<Integer> c = ConvTileChoice.retune();
        c.gflops()
                .forEach((channels, g) -> lines.add(
                        String.format(java.util.Locale.ROOT, "name=conv-tile channels=%d gflops=%.1f", channels, g)));
        lines.add("name=conv-tile-choice channels=" + c.best() + " saved=" + TunedChoice.cacheFile());
        return lines;
    }

    /**
     * One line naming the machine behind CPU figures, printed by {@code jgrad bench} before them:
     * {@code name=machine cpu="..." isa=avx512 vector_bits=512 registers=32 gemm_tile=8x3 conv_channels=8}.
     *
     * @return the line; without the vector module it ends in {@code vector=off}
     */
    public static String machineLine() {
        String head = "name=machine cpu=\"" + CpuIdentity.model() + "\" isa=" + CpuIdentity.isa();
        if (!VectorModule.usable()) return head + " vector=off";
        return head + " vector_bits=" + VectorKernels.SPECIES.vectorBitSize() + " registers=" + TunedChoice.registers()
                + " gemm_tile=" + TileChoice.gemmTile().label() + " conv_channels=" + ConvTileChoice.CHANNELS
                + " filter_channels=" + ConvTileChoice.FILTER_CHANNELS;
    }
}
