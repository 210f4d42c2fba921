package org.jgrad.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Storage;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.openjdk.jmh.annotations.*;

/**
 * SGEMM C = A·B, square n×n float32, row-major (as docs/PERFORMANCE.md reports it), on the fast CPU backend.
 * GFLOP/s = 2n³ / (seconds per op) / 1e9; compare with numpy/OpenBLAS run right beside it
 * (numpy's float32 matmul, best of 5). {@code threads=1} and {@code 2} give the scaling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"}) // -jvmArgsAppend stays free for -D flags
public class SgemmBenchmark {
    @Param({"256", "512", "1024", "2048"})
    public int n;

    @Param({"0"}) // 0 = all available processors
    public int threads;

    private Backend backend;
    private Storage a, b, c;

    @Setup
    public void setup() {
        backend =
                new FastCpuBackend(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        Random random = new Random(n);
        a = backend.upload(Data.gaussian(random, n * n));
        b = backend.upload(Data.gaussian(random, n * n));
        c = backend.allocate(n * n);
    }

    @Benchmark
    public Storage sgemm() {
        backend.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
