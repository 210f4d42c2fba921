package org.jgrad.backend.cpu;

/**
 * Fast gather / scatter-add of rows (see {@link ReferenceRows}, the loops these must match).
 * Gather copies whole rows with System.arraycopy, threads splitting the rows. Scatter-add cannot
 * split the rows (a repeated index would make two threads add into the same row), so threads
 * split the columns instead, and each row's part is added with the vector kernel. Both are streaming
 * kernels, so they take the same smallest part per thread as the elementwise ones.
 */
final class FastRows {
    private final Parallel parallel;

    FastRows(Parallel parallel) {
        this.parallel = parallel;
    }

    void gather(float[] out, float[] in, int[] rows, int rowLength) {
        int minRows = Math.max(1, Tuning.STREAM_MIN_CHUNK / Math.max(1, rowLength));
        parallel.forRange(rows.length, minRows, (from, to, part) -> {
            for (int r = from; r < to; r++) System.arraycopy(in, rows[r] * rowLength, out, r * rowLength, rowLength);
        });
    }

    void scatterAdd(float[] dIn, float[] dOut, int[] rows, int rowLength) {
        int minColumns = Math.max(VectorKernels.LANES, Tuning.STREAM_MIN_CHUNK / Math.max(1, rows.length));
        parallel.forRange(rowLength, minColumns, (from, to, part) -> {
            for (int r = 0; r < rows.length; r++) {
                VectorKernels.addInto(dIn, rows[r] * rowLength + from, dOut, r * rowLength + from, to - from);
            }
        });
    }
}
