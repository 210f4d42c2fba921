package org.jgrad.tensor;

import java.util.Arrays;

/** Small helpers on shapes (int arrays): element counts, row-major strides, broadcasting. */
public final class Shape {
    private Shape() {}

    /**
     * The number of elements of a shape.
     *
     * @param shape the dimensions
     * @return their product (1 for [])
     * @throws IllegalArgumentException if a dimension is negative or the product exceeds Integer.MAX_VALUE
     */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape too large: " + Arrays.toString(shape));
        return (int) n;
    }

    /**
     * Row-major strides: the last dimension has stride 1.
     *
     * @param shape the dimensions
     * @return the step in elements between neighbours along each dimension
     */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = stride;
            stride *= shape[d];
        }
        return s;
    }

    /**
     * The shape two operands broadcast to (NumPy rules: aligned at the last dimension, a 1 or a
     * missing dimension repeats to match the other).
     *
     * @param op the op's name, for the error message
     * @param a the first operand's shape
     * @param b the second operand's shape
     * @return the broadcast shape, of the larger rank
     * @throws IllegalArgumentException naming the op and both shapes if a dimension pair is neither equal nor contains 1
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(
                        op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /**
     * Strides for reading an operand of {@code shape} as if it had {@code target}'s shape (0 = repeated).
     *
     * @param shape the operand's shape, which broadcasts to {@code target}
     * @param target the shape to read it as
     * @return one stride per dimension of {@code target}
     */
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

    /**
     * A shape as text for messages, e.g. {@code [2, 3]}.
     *
     * @param shape the dimensions
     * @return the text
     */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
