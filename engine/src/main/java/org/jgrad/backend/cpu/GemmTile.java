package org.jgrad.backend.cpu;

import java.util.Locale;

/**
 * The shapes of GEMM register tile that {@link VectorKernels} has a micro-kernel for: {@code rows}
 * rows of A times {@code vectors} vectors of B, i.e. rows × vectors accumulators that must stay in
 * vector registers for the whole k loop, plus {@code vectors} loads of B and one broadcast of A.
 * <ul>
 *   <li>8 × 3: 24 accumulators + 4 = 28 registers; fits the 32 of AVX-512 and AArch64 (NEON/SVE);</li>
 *   <li>6 × 2: 12 + 3 = 15 registers, for x86 without AVX-512 (16 ymm registers); the shape BLIS
 *       uses on Haswell and Zen;</li>
 *   <li>4 × 3: 12 + 4 = 16 registers, the other 16-register shape (longer B rows, fewer A rows).</li>
 * </ul>
 * With 16 registers the 8 × 3 kernel spills accumulators to the stack on every step.
 */
enum GemmTile {
    ROWS_8_BY_3_VECTORS(8, 3),
    ROWS_6_BY_2_VECTORS(6, 2),
    ROWS_4_BY_3_VECTORS(4, 3);

    final int rows;
    final int vectors;

    GemmTile(int rows, int vectors) {
        this.rows = rows;
        this.vectors = vectors;
    }

    /** Vector registers the micro-kernel needs: accumulators, B loads and the A broadcast. */
    int registersNeeded() {
        return rows * vectors + vectors + 1;
    }

    /** "8x3": rows × vectors, the spelling of {@code -Djgrad.cpu.gemmTile} and the tuning cache. */
    String label() {
        return rows + "x" + vectors;
    }

    /** The tile whose {@link #label()} is {@code text}; an error listing the known ones otherwise. */
    static GemmTile parse(String text, String where) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (GemmTile tile : values()) {
            if (tile.label().equals(t)) return tile;
        }
        throw new IllegalArgumentException(where + ": unknown GEMM tile '"
                + (text == null ? "null" : text.length() <= 20 ? text : text.substring(0, 20) + "…")
                + "' (expected 8x3, 6x2 or 4x3)");
    }

    /** The largest tile that fits {@code registers} vector registers (8 × 3 for 32, 6 × 2 for 16). */
    static GemmTile defaultFor(int registers) {
        return registers >= ROWS_8_BY_3_VECTORS.registersNeeded() ? ROWS_8_BY_3_VECTORS : ROWS_6_BY_2_VECTORS;
    }
}
