package org.jgrad.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Elementwise and memory conformance: every unary op forward and backward, broadcasting binary ops
 * (same shape, rows, columns, channels, scalars, both sides broadcast, output aliasing an input),
 * axpy, strided sums, sum of squares, permute, fill and block copies, over the 1-D sweep of
 * {@link #SIZES} (1, primes, around the vector widths, big enough to be threaded).
 *
 * <p>Tolerance: maps and single arithmetic ops rtol 1e-6 + atol 1e-7 of the expected value (a few
 * float ulps, room for a device's own exp/log); sums 1e-4 of Σ|x| (the reference adds sequentially in
 * float, so for 40 009 terms its own error is of that order); memory moves must be exact.
 */
public abstract class ElementwiseConformanceTest extends BackendConformanceTest {
    private static final double MAP_RTOL = 1e-6, MAP_ATOL = 1e-7, SUM_RTOL = 1e-4;

    @Test
    public void unaryForwardAndBackward() {
        for (UnaryOp op : UnaryOp.values()) {
            boolean positiveOnly = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW;
            float alpha = switch (op) {
                case POW -> 1.7f;
                case SCALE -> -2.5f;
                case ADD_SCALAR -> 0.75f;
                case LEAKY_RELU -> 0.1f;
                default -> 0f;
            };
            for (int n : SIZES) {
                float[] x = positiveOnly ? uniform(n, 0.1f, 3f) : randn(n);
                if (!positiveOnly && n > 3) {
                    x[0] = 0f;
                    x[1] = -0f;
                } // the kinks of relu and abs
                float[] dy = randn(n);
                float[][] expected = unaryOn(reference, op, x, dy, alpha);
                float[][] actual = unaryOn(backend(), op, x, dy, alpha);
                assertClose(op + " forward n=" + n, expected[0], actual[0], MAP_RTOL, MAP_ATOL);
                assertClose(op + " backward n=" + n, expected[1], actual[1], MAP_RTOL, MAP_ATOL);
            }
        }
    }

    @Test
    public void binaryWithBroadcasting() {
        int[][][] cases = { // a shape, b shape
            {{1000}, {1000}},
            {{17}, {17}},
            {{40_009}, {40_009}},
            {{9, 33}, {33}},
            {{9, 33}, {9, 1}},
            {{3, 5, 7, 11}, {1, 5, 1, 1}},
            {{4, 16, 64, 64}, {1, 16, 1, 1}},
            {{13, 1}, {1, 31}},
            {{}, {21}},
            {{21}, {}},
            {{}, {}},
            {{2, 1, 3}, {1, 4, 1}},
            {{3, 4, 5}, {4, 1}},
            {{1, 7}, {3, 1, 7}},
        };
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] c : cases) {
                int[] outShape = Shape.broadcast("test", c[0], c[1]);
                float[] a = randn(Shape.size(c[0]));
                float[] b = op == BinaryOp.DIV ? awayFromZero(Shape.size(c[1])) : randn(Shape.size(c[1]));
                float[] expected = binaryOn(reference, op, a, c[0], b, c[1], outShape);
                float[] actual = binaryOn(backend(), op, a, c[0], b, c[1], outShape);
                assertClose(
                        op + " " + Shape.str(c[0]) + " with " + Shape.str(c[1]), expected, actual, MAP_RTOL, MAP_ATOL);
            }
        }
    }

    @Test
    public void binaryIntoItsOwnInput() {
        // out = out + b, as Sum's backward does with broadcast b.
        int[] shape = {6, 5, 33};
        int[] bShape = {6, 1, 33};
        float[] a = randn(Shape.size(shape)), b = randn(Shape.size(bShape));
        float[][] results = new float[2][];
        Backend[] both = {reference, backend()};
        for (int i = 0; i < 2; i++) {
            Storage sa = both[i].upload(a), sb = both[i].upload(b);
            both[i].binary(
                    BinaryOp.ADD, sa, sa, Shape.strides(shape), sb, Shape.broadcastStrides(bShape, shape), shape);
            results[i] = read(sa, a.length);
        }
        assertClose("ADD in place", results[0], results[1], MAP_RTOL, MAP_ATOL);
    }

    @Test
    public void axpyAndSumOfSquares() {
        for (int n : SIZES) {
            float[] y = randn(n), x = randn(n);
            float[][] results = new float[2][];
            double[] squares = new double[2];
            Backend[] both = {reference, backend()};
            for (int i = 0; i < 2; i++) {
                Storage sy = both[i].upload(y);
                both[i].axpy(sy, -0.3f, both[i].upload(x), n);
                results[i] = read(sy, n);
                squares[i] = both[i].sumOfSquares(both[i].upload(x), n);
            }
            assertClose("axpy n=" + n, results[0], results[1], MAP_RTOL, MAP_ATOL);
            assertClose(
                    "sumOfSquares n=" + n, new float[] {(float) squares[0]}, new float[] {(float) squares[1]}, 1e-5, 0);
        }
    }

    @Test
    public void reduceSumOverEveryPattern() {
        int[][][] cases = { // input shape, kept shape (1 where summed)
            {{40_009}, {1}},
            {{1000}, {1}},
            {{17}, {17}},
            {{9, 33}, {1, 33}},
            {{9, 33}, {9, 1}},
            {{9, 33}, {1, 1}},
            {{3, 5, 7, 11}, {1, 5, 1, 1}},
            {{32, 16, 8, 8}, {1, 16, 1, 1}},
            {{2, 3, 4}, {2, 1, 4}},
            {{2, 3, 4}, {1, 3, 1}},
            {{4, 1, 6}, {1, 1, 6}},
            {{5, 7}, {5, 7}},
        };
        for (int[][] c : cases) {
            int[] in = c[0], kept = c[1];
            int[] outStrides = Shape.broadcastStrides(kept, in);
            int outSize = Shape.size(kept);
            float[] x = randn(Shape.size(in));
            float[] expected = reduceOn(reference, x, in, outStrides, outSize);
            float[] actual = reduceOn(backend(), x, in, outStrides, outSize);
            float[] scale = reduceOn(reference, abs(x), in, outStrides, outSize);
            assertClose(
                    "reduceSum " + Shape.str(in) + " to " + Shape.str(kept), expected, actual, scale, SUM_RTOL, 1e-6);
        }
    }

    @Test
    public void permuteFillAndCopies() {
        int[] shape = {3, 5, 7, 2};
        int[][] perms = {{0, 1, 2, 3}, {3, 2, 1, 0}, {0, 2, 1, 3}, {1, 0, 3, 2}};
        float[] x = randn(Shape.size(shape));
        for (int[] perm : perms) {
            float[][] results = new float[2][];
            Backend[] both = {reference, backend()};
            for (int i = 0; i < 2; i++) {
                Storage out = both[i].allocate(x.length);
                both[i].permute(out, both[i].upload(x), shape, perm);
                results[i] = read(out, x.length);
            }
            assertClose("permute " + java.util.Arrays.toString(perm), results[0], results[1], 0, 0);
        }
        Storage filled = backend().allocate(37);
        backend().fill(filled, 2.5f, 33);
        float[] f = read(filled, 37);
        for (int i = 0; i < 37; i++)
            assertTrue(f[i] == (i < 33 ? 2.5f : 0f), backend().name() + " fill: element " + i + " is " + f[i]);
        float[] src = randn(50), dst = randn(60);
        float[][] results = new float[2][];
        Backend[] both = {reference, backend()};
        for (int i = 0; i < 2; i++) {
            Storage d = both[i].upload(dst);
            both[i].copyBlocks(d, 3, 11, both[i].upload(src), 2, 9, 5, 7);
            results[i] = read(d, dst.length);
        }
        assertClose("copyBlocks", results[0], results[1], 0, 0);
        float[] part = new float[10];
        backend().download(backend().upload(src), 13, part, 10);
        assertClose("download with offset", java.util.Arrays.copyOfRange(src, 13, 23), part, 0, 0);
    }

    private float[] awayFromZero(int n) {
        float[] x = uniform(n, 0.5f, 2f);
        for (int i = 0; i < n; i++) if (random.nextBoolean()) x[i] = -x[i];
        return x;
    }

    private static float[][] unaryOn(Backend be, UnaryOp op, float[] x, float[] dy, float alpha) {
        int n = x.length;
        Storage in = be.upload(x), out = be.allocate(n), dIn = be.allocate(n);
        be.unary(op, out, in, alpha, n);
        be.unaryBackward(op, dIn, be.upload(dy), in, out, alpha, n);
        return new float[][] {read(out, n), read(dIn, n)};
    }

    private static float[] binaryOn(
            Backend be, BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, int[] outShape) {
        int size = Shape.size(outShape);
        Storage out = be.allocate(Math.max(1, size));
        be.binary(
                op,
                out,
                be.upload(a),
                Shape.broadcastStrides(aShape, outShape),
                be.upload(b),
                Shape.broadcastStrides(bShape, outShape),
                outShape);
        return read(out, size);
    }

    private static float[] reduceOn(Backend be, float[] x, int[] in, int[] outStrides, int outSize) {
        Storage out = be.allocate(outSize);
        be.fill(out, Float.NaN, outSize); // reduceSum must zero its output first
        be.reduceSum(out, outSize, outStrides, be.upload(x), in);
        return read(out, outSize);
    }
}
