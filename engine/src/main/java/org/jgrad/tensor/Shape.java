package org.jgrad.tensor;

import java.util.Arrays;

/** Small helpers on shapes (int arrays): element counts, row-major strides, broadcasting. */
public final class Shape {
    private Shape() { }

    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape too large: " + Arrays.toString(shape));
        return (int) n;
    }

    /** Row-major strides: the last dimension has stride 1. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) { s[d] = stride; stride *= shape[d]; }
        return s;
    }

    /** The shape two operands broadcast to (NumPy rules), or an error naming the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Strides for reading an operand of {@code shape} as if it had {@code target}'s shape (0 = repeated). */
    public static int[] broadcastStrides(int[] shape, int[] target) {
        int[] own = strides(shape);
        int[] s = new int[target.length];
        int offset = target.length - shape.length;
        for (int i = 0; i < target.length; i++) {
            int d = i - offset;
            s[i] = (d < 0 || shape[d] == 1) ? 0 : own[d];
        }
        return s;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
