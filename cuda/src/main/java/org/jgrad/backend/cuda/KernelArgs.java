package org.jgrad.backend.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;

/**
 * The structs that kernels take by value (see {@code common.cuh} and the .cu files), laid out as
 * int arrays, and the shape simplification done before a strided kernel runs: dimensions of size
 * 1 are dropped and neighbours that are contiguous in every view are merged, so most broadcasts
 * reach the GPU with rank 1 or 2 and cost little index arithmetic.
 */
final class KernelArgs {
    static final int MAX_RANK = 8;

    private KernelArgs() {}

    /** A shape with one stride vector per view, after simplification. */
    record Collapsed(int[] shape, int[][] strides) {
        int rank() {
            return shape.length;
        }
    }

    /** Drops size-1 dimensions and merges dimension d into d+1 where every view is contiguous across them. */
    static Collapsed collapse(int[] shape, int[]... strides) {
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) if (shape[d] != 1) dims.add(d);
        List<int[]> merged = new ArrayList<>(); // entries: {size, stride view 0, stride view 1, ...}
        for (int d : dims) {
            int[] entry = new int[1 + strides.length];
            entry[0] = shape[d];
            for (int v = 0; v < strides.length; v++) entry[1 + v] = strides[v][d];
            if (!merged.isEmpty()) {
                int[] last = merged.get(merged.size() - 1);
                boolean contiguous = true;
                for (int v = 0; v < strides.length; v++) contiguous &= last[1 + v] == entry[1 + v] * entry[0];
                if (contiguous) {
                    last[0] *= entry[0];
                    for (int v = 0; v < strides.length; v++) last[1 + v] = entry[1 + v];
                    continue;
                }
            }
            merged.add(entry);
        }
        if (merged.isEmpty()) { // a single element
            int[] one = new int[1 + strides.length];
            one[0] = 1;
            merged.add(one);
        }
        int rank = merged.size();
        int[] outShape = new int[rank];
        int[][] outStrides = new int[strides.length][rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = merged.get(d)[0];
            for (int v = 0; v < strides.length; v++) outStrides[v][d] = merged.get(d)[1 + v];
        }
        return new Collapsed(outShape, outStrides);
    }

    /** Row-major strides of a contiguous shape. */
    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }

    /** struct Strided2 { int rank; int shape[8]; int strideA[8]; int strideB[8]; } */
    static int[] strided2(int[] shape, int[] strideA, int[] strideB, String what) {
        checkRank(shape.length, what);
        int[] s = new int[1 + 3 * MAX_RANK];
        s[0] = shape.length;
        for (int d = 0; d < shape.length; d++) {
            s[1 + d] = shape[d];
            s[1 + MAX_RANK + d] = strideA[d];
            s[1 + 2 * MAX_RANK + d] = strideB == null ? 0 : strideB[d];
        }
        return s;
    }

    /**
     * struct ReduceArgs for summing {@code in} (contiguous, inShape) into out (outStrides, 0 = summed away).
     * Returns {struct, keptCount, reducedCount} packed as an int[][]: {struct}, {keptCount, reducedCount}.
     */
    static int[][] reduce(int[] inShape, int[] outStrides) {
        int[] inStrides = contiguousStrides(inShape);
        List<int[]> kept = new ArrayList<>(), reduced = new ArrayList<>(); // {size, inStride, outStride}
        for (int d = 0; d < inShape.length; d++) {
            if (inShape[d] == 1) continue;
            (outStrides[d] == 0 ? reduced : kept).add(new int[] {inShape[d], inStrides[d], outStrides[d]});
        }
        kept = mergeRuns(kept, true);
        reduced = mergeRuns(reduced, false);
        checkRank(kept.size(), "reduceSum (kept dimensions)");
        checkRank(reduced.size(), "reduceSum (summed dimensions)");
        int[] s = new int[2 + 5 * MAX_RANK];
        s[0] = kept.size();
        long keptCount = 1, reducedCount = 1;
        for (int i = 0; i < kept.size(); i++) {
            s[1 + i] = kept.get(i)[0];
            s[1 + MAX_RANK + i] = kept.get(i)[1];
            s[1 + 2 * MAX_RANK + i] = kept.get(i)[2];
            keptCount *= kept.get(i)[0];
        }
        int base = 1 + 3 * MAX_RANK;
        s[base] = reduced.size();
        for (int i = 0; i < reduced.size(); i++) {
            s[base + 1 + i] = reduced.get(i)[0];
            s[base + 1 + MAX_RANK + i] = reduced.get(i)[1];
            reducedCount *= reduced.get(i)[0];
        }
        return new int[][] {s, {Math.toIntExact(keptCount), Math.toIntExact(reducedCount)}};
    }

    private static List<int[]> mergeRuns(List<int[]> dims, boolean checkOut) {
        List<int[]> out = new ArrayList<>();
        for (int[] d : dims) {
            if (!out.isEmpty()) {
                int[] last = out.get(out.size() - 1);
                if (last[1] == d[1] * d[0] && (!checkOut || last[2] == d[2] * d[0])) {
                    last[0] *= d[0];
                    last[1] = d[1];
                    last[2] = d[2];
                    continue;
                }
            }
            out.add(d.clone());
        }
        return out;
    }

    /** struct PoolArgs { planes, height, width, outH, outW, kernelH, kernelW, strideH, strideW, padH, padW } */
    static int[] pool(PoolGeometry g) {
        return new int[] {
            g.n() * g.channels(),
            g.height(),
            g.width(),
            g.outHeight(),
            g.outWidth(),
            g.kernelH(),
            g.kernelW(),
            g.strideH(),
            g.strideW(),
            g.padH(),
            g.padW()
        };
    }

    /** struct ConvArgs { n0, nb, C, H, W, K, P, Q, R, S, strideH, strideW, padH, padW } for images [n0, n0+nb). */
    static int[] conv(ConvGeometry g, int n0, int nb) {
        return new int[] {
            n0,
            nb,
            g.inChannels(),
            g.height(),
            g.width(),
            g.outChannels(),
            g.outHeight(),
            g.outWidth(),
            g.kernelH(),
            g.kernelW(),
            g.strideH(),
            g.strideW(),
            g.padH(),
            g.padW()
        };
    }

    private static void checkRank(int rank, String what) {
        if (rank > MAX_RANK) {
            throw new IllegalArgumentException("cuda " + what + ": rank " + rank
                    + " after merging contiguous dimensions; " + "the kernels handle at most " + MAX_RANK);
        }
    }

    static String str(int[] a) {
        return Arrays.toString(a);
    }
}
