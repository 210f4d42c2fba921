package org.jgrad.backend.cpu;

/**
 * Rows picked by index along dimension 0 (PyTorch's index_select(0, rows)), as plain loops.
 * A row of length L starts at row·L. Gather reads rows[r] into row r of the output; its backward
 * scatter-ADDS row r of dOut back into row rows[r], so a row picked twice gets both gradients.
 */
final class ReferenceRows {
    private ReferenceRows() {}

    /** out[r·L + i] = in[rows[r]·L + i];  out: [rows.length, L], in: [inRows, L]. */
    static void gather(float[] out, float[] in, int[] rows, int rowLength) {
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < rowLength; i++) out[r * rowLength + i] = in[rows[r] * rowLength + i];
        }
    }

    /** dIn[rows[r]·L + i] += dOut[r·L + i];  dIn: [inRows, L], dOut: [rows.length, L]. */
    static void scatterAdd(float[] dIn, float[] dOut, int[] rows, int rowLength) {
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < rowLength; i++) dIn[rows[r] * rowLength + i] += dOut[r * rowLength + i];
        }
    }
}
