package org.jgrad.backend.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Backends;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;

/**
 * Every kernel of the {@link Backend} interface as a list of cases on fresh random inputs of
 * several shapes (1, primes, sizes that are not multiples of a tile or vector width), each
 * runnable on any backend. {@link #compare} runs a case on two backends and reports the worst
 * relative error, max|a - e| / max|e| over each output, and the first element that is off.
 * The GPU tests and the GPU check command ({@link GpuCheck}) both use this one list.
 *
 * <p>Tolerances: {@link #ELEMENTWISE} for maps whose result differs from the reference only by the
 * rounding of library functions, {@link #ACCUMULATED} where sums of up to a few thousand terms
 * are taken in a different order, and 0 where the result must be bit-identical (dropout masks).
 */
public final class KernelCases {
    public static final double ELEMENTWISE = 1e-5;
    public static final double ACCUMULATED = 1e-4;

    /** A case set up on one backend: {@link #run()} calls the kernel; {@link #outputs()} copies its results to the host. */
    public interface Prepared {
        void run();

        float[][] outputs();
    }

    /** One kernel on one shape; {@code prepare} uploads the same inputs to whichever backend it is given. */
    public record Case(String kernel, String shape, double tolerance, Function<Backend, Prepared> prepare) {
        @Override public String toString() { return kernel + " " + shape; }
    }

    /** Outcome of running a case on a reference and a candidate backend. */
    public record Result(Case c, double error, String firstMismatch) {
        public boolean ok() { return firstMismatch == null; }
    }

    private final Random random;
    private final List<Case> cases = new ArrayList<>();

    private KernelCases(long seed) { this.random = new Random(seed); }

    /** Every case, with inputs drawn from {@code seed}. */
    public static List<Case> all(long seed) {
        KernelCases k = new KernelCases(seed);
        k.memory();
        k.freshBuffers();
        k.unary();
        k.binary();
        k.reductions();
        k.gemm();
        k.convolution();
        k.pooling();
        k.batchNorm();
        k.softmax();
        k.losses();
        k.dropout();
        k.optimizers();
        return k.cases;
    }

    // ---------------------------------------------------------------- comparison

    /** Runs {@code c} once on each backend and compares every output. */
    public static Result compare(Case c, Backend reference, Backend candidate) {
        Prepared expectedRun = c.prepare().apply(reference);
        expectedRun.run();
        float[][] expected = expectedRun.outputs();
        Prepared actualRun = c.prepare().apply(candidate);
        actualRun.run();
        float[][] actual = actualRun.outputs();
        double worst = 0;
        String mismatch = null;
        for (int o = 0; o < expected.length; o++) {
            float[] e = expected[o], a = actual[o];
            double scale = 0;
            for (float v : e) if (Float.isFinite(v)) scale = Math.max(scale, Math.abs(v));
            if (scale == 0) scale = 1;   // all-zero reference: compare absolutely
            for (int i = 0; i < e.length; i++) {
                double err = Float.compare(e[i], a[i]) == 0 ? 0 : Math.abs((double) a[i] - e[i]) / scale;
                if (Double.isNaN(err)) err = Double.POSITIVE_INFINITY;   // NaN on one side only
                worst = Math.max(worst, err);
                if (mismatch == null && err > c.tolerance()) {
                    mismatch = String.format("output %d, index %d: expected %s, got %s (relative error %.3g > %.1g)",
                            o, i, e[i], a[i], err, c.tolerance());
                }
            }
        }
        return new Result(c, worst, mismatch);
    }

    // ---------------------------------------------------------------- helpers

    private void add(String kernel, String shape, double tolerance, Function<Backend, Prepared> prepare) {
        cases.add(new Case(kernel, shape, tolerance, prepare));
    }

    private float[] normal(int n, float std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian() * std;
        return v;
    }

    private float[] uniform(int n, float low, float high) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = low + (high - low) * random.nextFloat();
        return v;
    }

    private float[] labels(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = random.nextBoolean() ? 1f : 0f;
        return v;
    }

    /** Values of magnitude in [0.5, 2] with random sign (safe divisors). */
    private float[] awayFromZero(int n) {
        float[] v = uniform(n, 0.5f, 2f);
        for (int i = 0; i < n; i++) if (random.nextBoolean()) v[i] = -v[i];
        return v;
    }

    /** An output buffer filled with NaN, so that an element the kernel forgets to write shows up. */
    static Storage poisoned(Backend b, int n) {
        Storage s = b.allocate(Math.max(n, 1));
        b.fill(s, Float.NaN, n);
        return s;
    }

    static float[] get(Backend b, Storage s, int n) {
        float[] out = new float[n];
        b.download(s, 0, out, n);
        return out;
    }

    private static Prepared prepared(Runnable run, java.util.function.Supplier<float[][]> outputs) {
        return new Prepared() {
            @Override public void run() { run.run(); }
            @Override public float[][] outputs() { return outputs.get(); }
        };
    }

    private static int product(int... dims) {
        int p = 1;
        for (int d : dims) p *= d;
        return p;
    }

    // ---------------------------------------------------------------- memory

    private void memory() {
        for (int n : new int[] {1, 7, 4099}) {
            float[] data = normal(n, 1f);
            add("upload/download", "n=" + n, 0, b -> {
                Storage s = b.upload(data);
                return prepared(() -> { }, () -> new float[][] {get(b, s, n)});
            });
            float value = (float) random.nextGaussian();
            add("fill", "n=" + n, 0, b -> {
                Storage s = b.allocate(n + 1);
                return prepared(() -> b.fill(s, value, n), () -> new float[][] {get(b, s, n + 1)});
            });
        }
        int[][] blocks = {{1, 1, 1, 1}, {5, 3, 7, 4}, {33, 17, 19, 20}};   // rows, rowLength, srcStride, dstStride
        for (int[] g : blocks) {
            int rows = g[0], len = g[1], srcStride = g[2], dstStride = g[3];
            float[] src = normal(3 + rows * srcStride, 1f), dst = normal(2 + rows * dstStride, 1f);
            add("copyBlocks", Arrays.toString(g), 0, b -> {
                Storage s = b.upload(src), d = b.upload(dst);
                return prepared(() -> b.copyBlocks(d, 2, dstStride, s, 3, srcStride, rows, len),
                        () -> new float[][] {get(b, d, dst.length)});
            });
        }
    }

    // ---------------------------------------------------------------- fresh (zero) buffers

    /**
     * New buffers must read as zeros whatever touches them first (the CUDA backend defers the
     * zeroing until a kernel reads or partly writes the buffer).
     */
    private void freshBuffers() {
        int n = 1000;
        float[] x = normal(n, 1f);
        float alpha = 0.5f;
        add("fresh buffer", "download", 0, b -> {
            Storage s = b.allocate(n);
            return prepared(() -> { }, () -> new float[][] {get(b, s, n)});
        });
        add("fresh buffer", "axpy over all of it", 0, b -> {
            Storage y = b.allocate(n), sx = b.upload(x);
            return prepared(() -> b.axpy(y, alpha, sx, n), () -> new float[][] {get(b, y, n)});
        });
        add("fresh buffer", "axpy over all but the last", 0, b -> {
            Storage y = b.allocate(n), sx = b.upload(x);
            return prepared(() -> b.axpy(y, alpha, sx, n - 1), () -> new float[][] {get(b, y, n)});
        });
        add("fresh buffer", "copyBlocks into every other row", 0, b -> {
            Storage d = b.allocate(n), sx = b.upload(x);
            return prepared(() -> b.copyBlocks(d, 0, 20, sx, 0, 10, 50, 10), () -> new float[][] {get(b, d, n)});
        });
        add("fresh buffer", "fill part", 0, b -> {
            Storage d = b.allocate(n);
            return prepared(() -> b.fill(d, 3f, n / 2), () -> new float[][] {get(b, d, n)});
        });
        float[] a = normal(20 * 30, 1f), bm = normal(30 * 25, 1f);
        add("fresh buffer", "gemm beta=1 into it", ACCUMULATED, b -> {
            Storage sa = b.upload(a), sb = b.upload(bm), c = b.allocate(20 * 25);
            return prepared(() -> b.gemm(false, false, 20, 25, 30, 1f, sa, 0, 30, sb, 0, 25, 1f, c, 0, 25),
                    () -> new float[][] {get(b, c, 20 * 25)});
        });
        add("fresh buffer", "gemm into its second half", ACCUMULATED, b -> {
            Storage sa = b.upload(a), sb = b.upload(bm), c = b.allocate(2 * 20 * 25);
            return prepared(() -> b.gemm(false, false, 20, 25, 30, 1f, sa, 0, 30, sb, 0, 25, 0f, c, 20 * 25, 25),
                    () -> new float[][] {get(b, c, 2 * 20 * 25)});
        });
        float[] bias = normal(25, 1f);
        add("fresh buffer", "binary ADD in place into it (DenseOp's bias)", 0, b -> {
            Storage y = b.allocate(20 * 25), sb = b.upload(bias);
            return prepared(() -> b.binary(BinaryOp.ADD, y, y, new int[] {25, 1}, sb, new int[] {0, 1}, new int[] {20, 25}),
                    () -> new float[][] {get(b, y, 20 * 25)});
        });
        add("fresh buffer", "unary ADD_SCALAR in place", 0, b -> {
            Storage y = b.allocate(n);
            return prepared(() -> b.unary(UnaryOp.ADD_SCALAR, y, y, 2f, n), () -> new float[][] {get(b, y, n)});
        });
        float[] g = normal(n, 0.1f);
        add("fresh buffer", "adam with fresh moments", ELEMENTWISE, b -> {
            Storage p = b.upload(x), sg = b.upload(g), m = b.allocate(n), v = b.allocate(n);
            return prepared(() -> b.adamUpdate(p, sg, m, v, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 1),
                    () -> new float[][] {get(b, p, n), get(b, m, n), get(b, v, n)});
        });
    }

    // ---------------------------------------------------------------- elementwise

    private float[] domain(UnaryOp op, int n) {
        return switch (op) {
            case LOG, SQRT, POW -> uniform(n, 0.1f, 4f);
            case EXP -> uniform(n, -5f, 5f);
            default -> normal(n, 2f);
        };
    }

    private void unary() {
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : new int[] {1, 1000, 65537}) {
                float[] x = domain(op, n);
                float alpha = op == UnaryOp.POW ? 2.5f : op == UnaryOp.LEAKY_RELU ? 0.1f : 0.75f;
                add("unary " + op, "n=" + n, ELEMENTWISE, b -> {
                    Storage in = b.upload(x), out = poisoned(b, n);
                    return prepared(() -> b.unary(op, out, in, alpha, n), () -> new float[][] {get(b, out, n)});
                });
                // The backward pass gets the reference's forward output, so only the backward kernel is compared.
                Backend ref = Backends.reference();
                Storage refOut = ref.allocate(n);
                ref.unary(op, refOut, ref.upload(x), alpha, n);
                float[] y = get(ref, refOut, n), dy = normal(n, 1f);
                // sigmoid and tanh: dY·y(1-y) and dY·(1-y²) cancel near saturation, so a library that
                // rounds them differently (cuDNN) is off by more than an ulp of the result there.
                double backwardTolerance = op == UnaryOp.SIGMOID || op == UnaryOp.TANH ? ACCUMULATED : ELEMENTWISE;
                add("unaryBackward " + op, "n=" + n, backwardTolerance, b -> {
                    Storage in = b.upload(x), out = b.upload(y), dOut = b.upload(dy), dIn = poisoned(b, n);
                    return prepared(() -> b.unaryBackward(op, dIn, dOut, in, out, alpha, n), () -> new float[][] {get(b, dIn, n)});
                });
            }
        }
    }

    /** A broadcast pattern: output shape and the strides by which a and b are read (0 = broadcast). */
    private record Broadcast(String name, int[] outShape, int aSize, int[] aStrides, int bSize, int[] bStrides) { }

    private void binary() {
        List<Broadcast> patterns = List.of(
                new Broadcast("same [37,53]", new int[] {37, 53}, 37 * 53, new int[] {53, 1}, 37 * 53, new int[] {53, 1}),
                new Broadcast("row [37,53]+[53]", new int[] {37, 53}, 37 * 53, new int[] {53, 1}, 53, new int[] {0, 1}),
                new Broadcast("column [37,53]+[37,1]", new int[] {37, 53}, 37 * 53, new int[] {53, 1}, 37, new int[] {1, 0}),
                new Broadcast("outer [5,1,7]+[1,6,7]", new int[] {5, 6, 7}, 35, new int[] {7, 0, 1}, 42, new int[] {0, 7, 1}),
                new Broadcast("scalar [3,4,5]+[]", new int[] {3, 4, 5}, 60, new int[] {20, 5, 1}, 1, new int[] {0, 0, 0}),
                new Broadcast("transposed a [53,37]^T", new int[] {37, 53}, 37 * 53, new int[] {1, 37}, 37 * 53, new int[] {53, 1}),
                new Broadcast("channel [4,8,5,5]+[1,8,1,1]", new int[] {4, 8, 5, 5}, 800, new int[] {200, 25, 5, 1}, 8, new int[] {0, 1, 0, 0}),
                new Broadcast("one element [1]", new int[] {1}, 1, new int[] {1}, 1, new int[] {1}));
        for (BinaryOp op : BinaryOp.values()) {
            for (Broadcast p : patterns) {
                float[] a = normal(p.aSize(), 1f);
                float[] bv = op == BinaryOp.DIV ? awayFromZero(p.bSize()) : normal(p.bSize(), 1f);
                int total = product(p.outShape());
                add("binary " + op, p.name(), ELEMENTWISE, b -> {
                    Storage sa = b.upload(a), sb = b.upload(bv), out = poisoned(b, total);
                    return prepared(() -> b.binary(op, out, sa, p.aStrides(), sb, p.bStrides(), p.outShape()),
                            () -> new float[][] {get(b, out, total)});
                });
            }
        }
        for (int n : new int[] {1, 1001, 100003}) {
            float[] y = normal(n, 1f), x = normal(n, 1f);
            float alpha = (float) random.nextGaussian();
            add("axpy", "n=" + n, ELEMENTWISE, b -> {
                Storage sy = b.upload(y), sx = b.upload(x);
                return prepared(() -> b.axpy(sy, alpha, sx, n), () -> new float[][] {get(b, sy, n)});
            });
        }
    }

    // ---------------------------------------------------------------- reductions and permutes

    private void reductions() {
        int[][][] sums = {   // {inShape, summed axes (1 = summed)}
                {{6, 7, 8}, {1, 1, 1}}, {{6, 7, 8}, {1, 0, 0}}, {{6, 7, 8}, {0, 1, 0}}, {{6, 7, 8}, {0, 0, 1}},
                {{6, 7, 8}, {1, 0, 1}}, {{4, 3, 5, 6}, {1, 0, 1, 1}}, {{64, 1000}, {1, 0}}, {{3, 100003}, {0, 1}},
                {{1}, {1}}, {{32, 512, 7, 7}, {0, 0, 1, 1}}};
        for (int[][] s : sums) {
            int[] inShape = s[0], summed = s[1];
            int[] outShape = inShape.clone();
            for (int d = 0; d < inShape.length; d++) if (summed[d] == 1) outShape[d] = 1;
            int[] outStrides = KernelArgs.contiguousStrides(outShape);
            for (int d = 0; d < inShape.length; d++) if (summed[d] == 1) outStrides[d] = 0;
            int inSize = product(inShape), outSize = product(outShape);
            float[] x = normal(inSize, 1f);
            add("reduceSum", Arrays.toString(inShape) + " summing " + Arrays.toString(summed), ACCUMULATED, b -> {
                Storage in = b.upload(x), out = poisoned(b, outSize);
                return prepared(() -> b.reduceSum(out, outSize, outStrides, in, inShape), () -> new float[][] {get(b, out, outSize)});
            });
        }
        int[][][] perms = {{{17, 31}, {1, 0}}, {{3, 4, 5}, {2, 0, 1}}, {{2, 3, 4, 5}, {0, 2, 3, 1}}, {{2, 1, 3}, {1, 2, 0}},
                {{8, 16, 9, 9}, {1, 0, 2, 3}}};
        for (int[][] p : perms) {
            int[] shape = p[0], perm = p[1];
            int size = product(shape);
            float[] x = normal(size, 1f);
            add("permute", Arrays.toString(shape) + " by " + Arrays.toString(perm), 0, b -> {
                Storage in = b.upload(x), out = poisoned(b, size);
                return prepared(() -> b.permute(out, in, shape, perm), () -> new float[][] {get(b, out, size)});
            });
        }
        for (int n : new int[] {1, 1000, 1000003}) {
            float[] x = normal(n, 1f);
            add("sumOfSquares", "n=" + n, 1e-6, b -> {
                Storage in = b.upload(x);
                double[] result = new double[1];
                return prepared(() -> result[0] = b.sumOfSquares(in, n), () -> new float[][] {{(float) result[0]}});
            });
        }
    }

    // ---------------------------------------------------------------- matrix product

    private void gemm() {
        int[][] sizes = {{1, 1, 1}, {7, 13, 5}, {33, 65, 17}, {128, 128, 128}, {130, 257, 129}, {32, 64, 4096}, {200, 3, 300}};
        for (int[] s : sizes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 2) != 0, tb = (t & 1) != 0;
                boolean aligned = (s[0] + s[1] + s[2] + t) % 2 == 0;   // half the cases with offsets and padded rows
                gemmCase(s[0], s[1], s[2], ta, tb, aligned, t == 3 ? 0.5f : 0f);
            }
        }
    }

    private void gemmCase(int m, int n, int k, boolean ta, boolean tb, boolean aligned, float beta) {
        int pad = aligned ? 0 : 1, off = aligned ? 0 : 3;
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        float[] a = normal(off + aRows * lda, 1f), bm = normal(off + bRows * ldb, 1f), c = normal(off + m * ldc, 1f);
        float alpha = 0.75f;
        String shape = String.format("%dx%dx%d %s%s%s beta=%s", m, n, k, ta ? "T" : "N", tb ? "T" : "N",
                aligned ? "" : " offset+padded", beta);
        add("gemm", shape, ACCUMULATED, b -> {
            Storage sa = b.upload(a), sb = b.upload(bm), sc = b.upload(c);
            return prepared(() -> b.gemm(ta, tb, m, n, k, alpha, sa, off, lda, sb, off, ldb, beta, sc, off, ldc),
                    () -> new float[][] {get(b, sc, c.length)});
        });
    }

    // ---------------------------------------------------------------- convolution

    static final List<ConvGeometry> CONV_SHAPES = List.of(
            new ConvGeometry(2, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1),
            new ConvGeometry(3, 5, 11, 7, 6, 3, 3, 2, 2, 1, 1),
            new ConvGeometry(1, 1, 5, 5, 1, 1, 1, 1, 1, 0, 0),
            new ConvGeometry(2, 4, 9, 9, 8, 5, 5, 2, 2, 2, 2),
            new ConvGeometry(2, 3, 15, 13, 5, 7, 7, 2, 2, 3, 3),
            new ConvGeometry(2, 16, 12, 12, 32, 1, 1, 2, 2, 0, 0),
            new ConvGeometry(4, 16, 16, 16, 32, 3, 3, 1, 1, 1, 1));

    private void convolution() {
        for (ConvGeometry g : CONV_SHAPES) {
            float[] x = normal(g.inputSize(), 1f), w = normal(g.weightSize(), 0.3f), bias = normal(g.outChannels(), 1f);
            float[] dy = normal(g.outputSize(), 1f);
            String shape = String.format("x[%d,%d,%d,%d] w[%d,%d,%d,%d] stride %d pad %d", g.n(), g.inChannels(), g.height(),
                    g.width(), g.outChannels(), g.inChannels(), g.kernelH(), g.kernelW(), g.strideH(), g.padH());
            add("conv2dForward", shape + " +bias", ACCUMULATED, b -> {
                Storage sx = b.upload(x), sw = b.upload(w), sb = b.upload(bias), y = poisoned(b, g.outputSize());
                return prepared(() -> b.conv2dForward(y, sx, sw, sb, g), () -> new float[][] {get(b, y, g.outputSize())});
            });
            add("conv2dForward", shape, ACCUMULATED, b -> {
                Storage sx = b.upload(x), sw = b.upload(w), y = poisoned(b, g.outputSize());
                return prepared(() -> b.conv2dForward(y, sx, sw, null, g), () -> new float[][] {get(b, y, g.outputSize())});
            });
            add("conv2dBackwardData", shape, ACCUMULATED, b -> {
                Storage sdy = b.upload(dy), sw = b.upload(w), dx = poisoned(b, g.inputSize());
                return prepared(() -> b.conv2dBackwardData(dx, sdy, sw, g), () -> new float[][] {get(b, dx, g.inputSize())});
            });
            add("conv2dBackwardFilter", shape, ACCUMULATED, b -> {
                Storage sdy = b.upload(dy), sx = b.upload(x), dw = poisoned(b, g.weightSize()), db = poisoned(b, g.outChannels());
                return prepared(() -> b.conv2dBackwardFilter(dw, db, sdy, sx, g),
                        () -> new float[][] {get(b, dw, g.weightSize()), get(b, db, g.outChannels())});
            });
        }
    }

    // ---------------------------------------------------------------- pooling

    static final List<PoolGeometry> POOL_SHAPES = List.of(
            new PoolGeometry(2, 3, 8, 8, 2, 2, 2, 2, 0, 0),
            new PoolGeometry(2, 3, 9, 9, 3, 3, 2, 2, 1, 1),
            new PoolGeometry(1, 2, 7, 5, 3, 3, 1, 1, 1, 1),
            new PoolGeometry(3, 4, 11, 13, 2, 3, 2, 1, 0, 1),
            new PoolGeometry(2, 8, 7, 7, 7, 7, 1, 1, 0, 0));

    private void pooling() {
        for (PoolGeometry g : POOL_SHAPES) {
            float[] x = normal(g.inputSize(), 1f), dy = normal(g.outputSize(), 1f);
            String shape = String.format("x[%d,%d,%d,%d] window %dx%d stride %dx%d pad %dx%d", g.n(), g.channels(), g.height(),
                    g.width(), g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), g.padH(), g.padW());
            add("maxPoolForward", shape, 0, b -> {
                Storage sx = b.upload(x), y = poisoned(b, g.outputSize());
                return prepared(() -> b.maxPoolForward(y, sx, g), () -> new float[][] {get(b, y, g.outputSize())});
            });
            add("maxPoolBackward", shape, ELEMENTWISE, b -> {
                Storage sx = b.upload(x), sdy = b.upload(dy), dx = poisoned(b, g.inputSize());
                return prepared(() -> b.maxPoolBackward(dx, sdy, sx, g), () -> new float[][] {get(b, dx, g.inputSize())});
            });
            add("avgPoolForward", shape, ELEMENTWISE, b -> {
                Storage sx = b.upload(x), y = poisoned(b, g.outputSize());
                return prepared(() -> b.avgPoolForward(y, sx, g), () -> new float[][] {get(b, y, g.outputSize())});
            });
            add("avgPoolBackward", shape, ELEMENTWISE, b -> {
                Storage sdy = b.upload(dy), dx = poisoned(b, g.inputSize());
                return prepared(() -> b.avgPoolBackward(dx, sdy, g), () -> new float[][] {get(b, dx, g.inputSize())});
            });
        }
    }

    // ---------------------------------------------------------------- batch norm

    private void batchNorm() {
        int[][] shapes = {{4, 3, 5, 5}, {2, 7, 3, 1}, {8, 16, 4, 4}, {16, 5, 31, 31}};
        for (int[] s : shapes) {
            int n = s[0], c = s[1], spatial = s[2] * s[3], size = n * c * spatial;
            float[] x = normal(size, 2f), gamma = uniform(c, 0.5f, 1.5f), beta = normal(c, 1f), dy = normal(size, 1f);
            for (int i = 0; i < size; i++) x[i] += 1.5f;   // a non-zero mean
            float[] runMean = normal(c, 0.1f), runVar = uniform(c, 0.5f, 1.5f);
            float momentum = 0.1f, eps = 1e-5f;
            String shape = Arrays.toString(s);
            add("batchNormForwardTraining", shape, ACCUMULATED, b -> {
                Storage sx = b.upload(x), sg = b.upload(gamma), sb = b.upload(beta), rm = b.upload(runMean), rv = b.upload(runVar);
                Storage y = poisoned(b, size), mean = poisoned(b, c), invStd = poisoned(b, c);
                return prepared(() -> b.batchNormForwardTraining(y, mean, invStd, rm, rv, sx, sg, sb, n, c, spatial, momentum, eps),
                        () -> new float[][] {get(b, y, size), get(b, mean, c), get(b, invStd, c), get(b, rm, c), get(b, rv, c)});
            });
            add("batchNormForwardInference", shape, ELEMENTWISE, b -> {
                Storage sx = b.upload(x), sg = b.upload(gamma), sb = b.upload(beta), rm = b.upload(runMean), rv = b.upload(runVar);
                Storage y = poisoned(b, size);
                return prepared(() -> b.batchNormForwardInference(y, sx, sg, sb, rm, rv, n, c, spatial, eps),
                        () -> new float[][] {get(b, y, size)});
            });
            // Saved statistics from the reference feed the backward pass on both backends.
            Backend ref = Backends.reference();
            Storage mean = ref.allocate(c), invStd = ref.allocate(c);
            ref.batchNormForwardTraining(ref.allocate(size), mean, invStd, null, null, ref.upload(x), ref.upload(gamma),
                    ref.upload(beta), n, c, spatial, momentum, eps);
            float[] savedMean = get(ref, mean, c), savedInvStd = get(ref, invStd, c);
            add("batchNormBackward", shape, ACCUMULATED, b -> {
                Storage sx = b.upload(x), sg = b.upload(gamma), sdy = b.upload(dy), sm = b.upload(savedMean), si = b.upload(savedInvStd);
                Storage dx = poisoned(b, size), dg = poisoned(b, c), db = poisoned(b, c);
                return prepared(() -> b.batchNormBackward(dx, dg, db, sdy, sx, sg, sm, si, n, c, spatial),
                        () -> new float[][] {get(b, dx, size), get(b, dg, c), get(b, db, c)});
            });
        }
    }

    // ---------------------------------------------------------------- softmax

    private void softmax() {
        int[][] shapes = {{1, 1}, {3, 7}, {5, 1000}, {2, 1025}, {300, 2}};
        for (int[] s : shapes) {
            int rows = s[0], cols = s[1], size = rows * cols;
            float[] x = normal(size, 3f), dy = normal(size, 1f);
            for (boolean log : new boolean[] {false, true}) {
                String kernel = log ? "logSoftmax" : "softmax";
                add(kernel + "Forward", Arrays.toString(s), ELEMENTWISE, b -> {
                    Storage sx = b.upload(x), y = poisoned(b, size);
                    return prepared(() -> b.softmaxForward(y, sx, rows, cols, log), () -> new float[][] {get(b, y, size)});
                });
                Backend ref = Backends.reference();
                Storage refY = ref.allocate(size);
                ref.softmaxForward(refY, ref.upload(x), rows, cols, log);
                float[] y = get(ref, refY, size);
                add(kernel + "Backward", Arrays.toString(s), ACCUMULATED, b -> {
                    Storage sy = b.upload(y), sdy = b.upload(dy), dx = poisoned(b, size);
                    return prepared(() -> b.softmaxBackward(dx, sdy, sy, rows, cols, log), () -> new float[][] {get(b, dx, size)});
                });
            }
        }
    }

    // ---------------------------------------------------------------- losses

    private void losses() {
        for (int n : new int[] {1, 7, 1000}) {
            float[] logits = normal(n, 4f), t = labels(n), p = uniform(n, 0f, 1f);
            p[0] = 0f;   // a clamped probability
            float w = 2.5f, scale = 1f / n, eps = 1e-7f;
            String shape = "n=" + n;
            add("bceWithLogitsForward", shape, ELEMENTWISE, b -> {
                Storage x = b.upload(logits), st = b.upload(t), out = poisoned(b, n);
                return prepared(() -> b.bceWithLogitsForward(out, x, st, w, n), () -> new float[][] {get(b, out, n)});
            });
            add("bceWithLogitsBackward", shape, ELEMENTWISE, b -> {
                Storage x = b.upload(logits), st = b.upload(t), out = poisoned(b, n);
                return prepared(() -> b.bceWithLogitsBackward(out, x, st, w, scale, n), () -> new float[][] {get(b, out, n)});
            });
            add("bceForward", shape, ELEMENTWISE, b -> {
                Storage sp = b.upload(p), st = b.upload(t), out = poisoned(b, n);
                return prepared(() -> b.bceForward(out, sp, st, eps, n), () -> new float[][] {get(b, out, n)});
            });
            add("bceBackward", shape, ELEMENTWISE, b -> {
                Storage sp = b.upload(p), st = b.upload(t), out = poisoned(b, n);
                return prepared(() -> b.bceBackward(out, sp, st, eps, scale, n), () -> new float[][] {get(b, out, n)});
            });
        }
    }

    private void dropout() {
        for (int n : new int[] {1, 1000, 65537}) {
            long seed = random.nextLong();
            float keep = n == 1000 ? 0.9f : 0.5f;
            add("dropoutMask", "n=" + n + " keep=" + keep, 0, b -> {
                Storage mask = poisoned(b, n);
                return prepared(() -> b.dropoutMask(mask, keep, seed, n), () -> new float[][] {get(b, mask, n)});
            });
        }
    }

    // ---------------------------------------------------------------- optimizers

    private void optimizers() {
        for (int n : new int[] {1, 1000, 100003}) {
            float[] p = normal(n, 1f), g = normal(n, 0.1f), v = normal(n, 0.05f), m2 = uniform(n, 0f, 0.01f);
            for (int variant = 0; variant < 3; variant++) {
                float momentum = variant == 0 ? 0f : 0.9f;
                boolean nesterov = variant == 2;
                add("sgdUpdate", "n=" + n + " momentum=" + momentum + (nesterov ? " nesterov" : ""), ELEMENTWISE, b -> {
                    Storage sp = b.upload(p), sg = b.upload(g), sv = momentum == 0f ? null : b.upload(v);
                    return prepared(() -> b.sgdUpdate(sp, sg, sv, n, 0.01f, momentum, 1e-4f, nesterov),
                            () -> sv == null ? new float[][] {get(b, sp, n)} : new float[][] {get(b, sp, n), get(b, sv, n)});
                });
            }
            for (boolean decoupled : new boolean[] {false, true}) {
                int step = decoupled ? 7 : 1;
                add("adamUpdate", "n=" + n + (decoupled ? " AdamW step 7" : " Adam step 1"), ELEMENTWISE, b -> {
                    Storage sp = b.upload(p), sg = b.upload(g), sm = b.upload(v), sv = b.upload(m2);
                    return prepared(() -> b.adamUpdate(sp, sg, sm, sv, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, decoupled, step),
                            () -> new float[][] {get(b, sp, n), get(b, sm, n), get(b, sv, n)});
                });
            }
        }
    }
}
