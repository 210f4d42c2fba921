package org.jgrad.backend;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A new buffer reads as zeros, whatever touches it first: a download, a kernel that writes all of
 * it or only part of it, a kernel that reads it (GEMM with beta = 1, an add in place, Adam's
 * moments). The CPU backends zero at allocation; the CUDA backend defers the zeroing until a kernel
 * reads or partly writes the buffer, which is what these cases catch.
 *
 * <p>Tolerance: exact where a kernel only moves or adds once; GEMM as in {@link GemmConformanceTest}
 * (1e-5 of the summed products' magnitude); Adam as in {@link OptimizerConformanceTest}.
 */
public abstract class FreshBufferConformanceTest extends BackendConformanceTest {
    private static final int N = 1000;

    /** Runs {@code body} on a backend and returns the buffer it reports, read back. */
    private float[][] onBoth(Function<Backend, float[]> body) {
        return new float[][] {body.apply(reference), body.apply(backend())};
    }

    private void exact(String what, Function<Backend, float[]> body) {
        float[][] r = onBoth(body);
        assertClose("fresh buffer, " + what, r[0], r[1], 0, 0);
    }

    @Test
    public void downloadedAsItIs() {
        exact("download", b -> read(b.allocate(N), N));
    }

    @Test
    public void writtenInFullOrInPart() {
        float[] x = randn(N);
        exact("axpy over all of it", b -> {
            Storage y = b.allocate(N);
            b.axpy(y, 0.5f, b.upload(x), N);
            return read(y, N);
        });
        exact("axpy over all but the last", b -> {
            Storage y = b.allocate(N);
            b.axpy(y, 0.5f, b.upload(x), N - 1);
            return read(y, N);
        });
        exact("copyBlocks into every other row", b -> {
            Storage d = b.allocate(N);
            b.copyBlocks(d, 0, 20, b.upload(x), 0, 10, 50, 10);
            return read(d, N);
        });
        exact("fill part", b -> {
            Storage d = b.allocate(N);
            b.fill(d, 3f, N / 2);
            return read(d, N);
        });
        exact("unary ADD_SCALAR in place", b -> {
            Storage y = b.allocate(N);
            b.unary(UnaryOp.ADD_SCALAR, y, y, 2f, N);
            return read(y, N);
        });
    }

    @Test
    public void readByAKernel() {
        int m = 20, n = 25, k = 30;
        float[] a = randn(m * k), bm = randn(k * n), bias = randn(n);
        float[][] r = onBoth(b -> {
            Storage c = b.allocate(m * n);
            b.gemm(false, false, m, n, k, 1f, b.upload(a), 0, k, b.upload(bm), 0, n, 1f, c, 0, n);
            return read(c, m * n);
        });
        float[] scale = gemmScale(abs(a), abs(bm), m, n, k, 0);
        assertClose("fresh buffer, gemm beta=1 into it", r[0], r[1], scale, 1e-5, 1e-6);
        r = onBoth(b -> {
            Storage c = b.allocate(2 * m * n);
            b.gemm(false, false, m, n, k, 1f, b.upload(a), 0, k, b.upload(bm), 0, n, 0f, c, m * n, n);
            return read(c, 2 * m * n);
        });
        assertClose(
                "fresh buffer, gemm into its second half",
                r[0],
                r[1],
                gemmScale(abs(a), abs(bm), m, n, k, m * n),
                1e-5,
                1e-6);
        exact("binary ADD in place into it (a dense layer's bias)", b -> {
            Storage y = b.allocate(m * n);
            b.binary(BinaryOp.ADD, y, y, new int[] {n, 1}, b.upload(bias), new int[] {0, 1}, new int[] {m, n});
            return read(y, m * n);
        });
        float[] p = randn(N), g = randn(N);
        for (int i = 0; i < N; i++) g[i] *= 0.1f;
        for (int out = 0; out < 3; out++) {
            int which = out;
            float[][] adam = onBoth(b -> {
                Storage sp = b.upload(p), mm = b.allocate(N), v = b.allocate(N);
                b.adamUpdate(sp, b.upload(g), mm, v, N, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 1);
                return read(which == 0 ? sp : which == 1 ? mm : v, N);
            });
            assertClose("fresh buffer, adam with fresh moments, output " + out, adam[0], adam[1], 1e-6, 1e-7);
        }
    }

    /** Σ|a·b| per element of C, placed at {@code offset} in a buffer of offset + m·n (the rest 0). */
    private float[] gemmScale(float[] absA, float[] absB, int m, int n, int k, int offset) {
        Storage c = reference.allocate(offset + m * n);
        reference.gemm(
                false,
                false,
                m,
                n,
                k,
                1f,
                reference.upload(absA),
                0,
                k,
                reference.upload(absB),
                0,
                n,
                0f,
                c,
                offset,
                n);
        return read(c, offset + m * n);
    }
}
