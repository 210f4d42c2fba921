package org.jgrad.backend.cpu;

import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.UnaryOp;

/**
 * Elementwise maps, broadcasting arithmetic and sums, split into contiguous ranges across threads
 * with vector loops inside. Broadcasting ops are first simplified: dimensions of size 1 are dropped
 * and neighbours that walk memory the same way are merged, so [N,C,H,W] + [1,C,1,1] becomes rows of
 * H·W elements each plus one repeated value, and [N,F] + [F] becomes N rows plus one shared row.
 * When the innermost merged dimension is neither contiguous nor repeated, the reference loop runs.
 */
final class FastElementwise {
    private final Parallel parallel;

    FastElementwise(Parallel parallel) {
        this.parallel = parallel;
    }

    void unary(UnaryOp op, float[] out, float[] in, float alpha, int n) {
        boolean vector = VectorKernels.vectorisesUnary(op);
        parallel.forRange(n, Tuning.STREAM_MIN_CHUNK, (from, to, part) -> {
            if (vector) VectorKernels.unary(op, out, in, alpha, from, to);
            else for (int i = from; i < to; i++) out[i] = ReferenceElementwise.apply(op, in[i], alpha);
        });
    }

    void unaryBackward(UnaryOp op, float[] dIn, float[] dOut, float[] in, float[] out, float alpha, int n) {
        boolean vector = VectorKernels.vectorisesUnaryBackward(op);
        parallel.forRange(n, Tuning.STREAM_MIN_CHUNK, (from, to, part) -> {
            if (vector) {
                VectorKernels.unaryBackward(op, dIn, dOut, in, out, alpha, from, to);
            } else {
                for (int i = from; i < to; i++) {
                    dIn[i] = ReferenceElementwise.derivative(
                            op, dOut[i], in == null ? 0f : in[i], out == null ? 0f : out[i], alpha);
                }
            }
        });
    }

    void axpy(float[] y, float alpha, float[] x, int n) {
        parallel.forRange(n, Tuning.STREAM_MIN_CHUNK, (from, to, part) -> VectorKernels.axpy(y, alpha, x, from, to));
    }

    double sumOfSquares(float[] x, int n) {
        int parts = parallel.parts(n, Tuning.STREAM_MIN_CHUNK);
        double[] partial = new double[Math.max(1, parts)];
        parallel.forRange(
                n,
                Tuning.STREAM_MIN_CHUNK,
                (from, to, part) -> partial[part] = VectorKernels.sumOfSquares(x, from, to));
        double total = 0;
        for (double p : partial) total += p;
        return total;
    }

    /** out = a (op) b with broadcasting by strides (the contract of {@code Backend.binary}). */
    void binary(BinaryOp op, float[] out, float[] a, int[] aStrides, float[] b, int[] bStrides, int[] outShape) {
        Collapsed dims = Collapsed.of(outShape, aStrides, bStrides);
        if (dims.total == 0) return;
        int last = dims.rank - 1;
        int aStep = dims.rank == 0 ? 0 : dims.stridesA[last], bStep = dims.rank == 0 ? 0 : dims.stridesB[last];
        if (dims.rank > 0 && (aStep > 1 || bStep > 1)) {
            ReferenceElementwise.binary(op, out, a, aStrides, b, bStrides, outShape);
            return;
        }
        int rowLength = dims.rank == 0 ? 1 : dims.sizes[last];
        int rows = dims.total / rowLength;
        int minRows = Math.max(1, Tuning.STREAM_MIN_CHUNK / Math.max(1, rowLength));
        parallel.forRange(rows, minRows, (from, to, part) -> {
            for (int row = from; row < to; row++) {
                int aOff = dims.outerOffset(row, dims.stridesA), bOff = dims.outerOffset(row, dims.stridesB);
                VectorKernels.binaryRow(op, out, row * rowLength, a, aOff, aStep, b, bOff, bStep, rowLength);
            }
        });
    }

    /** out (zeroed) += in summed over the dimensions whose out-stride is 0 (the contract of {@code Backend.reduceSum}). */
    void reduceSum(float[] out, int outSize, int[] outStrides, float[] in, int[] inShape) {
        Collapsed dims = Collapsed.of(inShape, outStrides, null);
        if (dims.total == 0) {
            java.util.Arrays.fill(out, 0, outSize, 0f);
            return;
        }
        int last = dims.rank - 1;
        int step = dims.rank == 0 ? 0 : dims.stridesA[last];
        if (step > 1) {
            ReferenceElementwise.reduceSum(out, outSize, outStrides, in, inShape);
            return;
        }
        java.util.Arrays.fill(out, 0, outSize, 0f);
        int rowLength = dims.rank == 0 ? 1 : dims.sizes[last];
        int rows = dims.total / rowLength;
        if (step == 0 && rows == 1) { // everything into one number: partial sums per thread
            int parts = parallel.parts(rowLength, Tuning.STREAM_MIN_CHUNK);
            float[] partial = new float[Math.max(1, parts)];
            parallel.forRange(
                    rowLength,
                    Tuning.STREAM_MIN_CHUNK,
                    (from, to, part) -> partial[part] = VectorKernels.sum(in, from, to - from));
            float total = 0f;
            for (float p : partial) total += p;
            out[0] = total;
            return;
        }
        for (int row = 0; row < rows; row++) {
            int o = dims.outerOffset(row, dims.stridesA);
            if (step == 0) out[o] += VectorKernels.sum(in, row * rowLength, rowLength);
            else VectorKernels.addInto(out, o, in, row * rowLength, rowLength);
        }
    }

    /**
     * A shape with up to two stride vectors, simplified: size-1 dimensions dropped and neighbours
     * merged where every stride vector steps through them as through one dimension.
     */
    static final class Collapsed {
        final int rank;
        final int total;
        final int[] sizes;
        final int[] stridesA;
        final int[] stridesB;

        private Collapsed(int rank, int total, int[] sizes, int[] stridesA, int[] stridesB) {
            this.rank = rank;
            this.total = total;
            this.sizes = sizes;
            this.stridesA = stridesA;
            this.stridesB = stridesB;
        }

        static Collapsed of(int[] shape, int[] stridesA, int[] stridesB) {
            int n = shape.length, rank = 0, total = 1;
            int[] sizes = new int[n], sa = new int[n], sb = new int[n];
            for (int d = 0; d < n; d++) {
                total *= shape[d];
                if (shape[d] == 1) continue;
                int a = stridesA[d], b = stridesB == null ? 0 : stridesB[d];
                if (rank > 0 && sa[rank - 1] == a * shape[d] && sb[rank - 1] == b * shape[d]) {
                    sizes[rank - 1] *= shape[d]; // previous dim steps exactly over this one: merge
                    sa[rank - 1] = a;
                    sb[rank - 1] = b;
                } else {
                    sizes[rank] = shape[d];
                    sa[rank] = a;
                    sb[rank] = b;
                    rank++;
                }
            }
            return new Collapsed(rank, total, sizes, sa, sb);
        }

        /** Offset, through {@code strides}, of the first element of outer row {@code row} (all dims but the last). */
        int outerOffset(int row, int[] strides) {
            int offset = 0;
            for (int d = rank - 2; d >= 0 && row > 0; d--) {
                offset += (row % sizes[d]) * strides[d];
                row /= sizes[d];
            }
            return offset;
        }
    }
}
