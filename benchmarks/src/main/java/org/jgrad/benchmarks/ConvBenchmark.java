package org.jgrad.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jgrad.backend.Backend;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.openjdk.jmh.annotations.*;

/**
 * The three 3×3 convolutions of LesionNet-S at batch 32 (the workload of docs/PERFORMANCE.md): forward,
 * backward-data and backward-filter (with bias gradient) on the fast CPU backend.
 * Each pass is 2·N·K·C·9·P·Q floating-point operations: conv1 113 MFLOP, conv2 and conv3 302 MFLOP.
 * The algorithm can be forced for comparison: {@code -jvmArgsAppend -Djgrad.cpu.conv=im2col} (or {@code direct}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"}) // -jvmArgsAppend stays free for -D flags
public class ConvBenchmark {
    /** in-channels x size -> out-channels, all 3×3 pad 1 stride 1. */
    @Param({"conv1:3x64->16", "conv2:16x32->32", "conv3:32x16->64"})
    public String layer;

    @Param({"32"})
    public int batch;

    @Param({"0"})
    public int threads;

    private Backend backend;
    private ConvGeometry g;
    private Storage x, w, bias, y, dy, dx, dw, db;

    @Setup
    public void setup() {
        String[] s = layer.substring(layer.indexOf(':') + 1).split("[x>-]+");
        int c = Integer.parseInt(s[0]), size = Integer.parseInt(s[1]), k = Integer.parseInt(s[2]);
        g = new ConvGeometry(batch, c, size, size, k, 3, 3, 1, 1, 1, 1);
        backend =
                new FastCpuBackend(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        Random random = new Random(k);
        x = backend.upload(Data.gaussian(random, g.inputSize()));
        w = backend.upload(Data.gaussian(random, g.weightSize()));
        bias = backend.upload(Data.gaussian(random, k));
        dy = backend.upload(Data.gaussian(random, g.outputSize()));
        y = backend.allocate(g.outputSize());
        dx = backend.allocate(g.inputSize());
        dw = backend.allocate(g.weightSize());
        db = backend.allocate(k);
    }

    @Benchmark
    public Storage forward() {
        backend.conv2dForward(y, x, w, bias, g);
        return y;
    }

    @Benchmark
    public Storage backwardData() {
        backend.conv2dBackwardData(dx, dy, w, g);
        return dx;
    }

    @Benchmark
    public Storage backwardFilter() {
        backend.conv2dBackwardFilter(dw, db, dy, x, g);
        return dw;
    }
}
