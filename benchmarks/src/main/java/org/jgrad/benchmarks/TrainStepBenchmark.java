package org.jgrad.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jgrad.backend.Backend;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.device.Backends;
import org.jgrad.models.LesionNetS;
import org.jgrad.train.FixedBatchTraining;
import org.openjdk.jmh.annotations.*;

/**
 * One LesionNet-S training step (the engine's TrainingStep: forward, binary cross-entropy with
 * logits, backward, Adam lr 1e-3, graph released) and one inference pass, batch 32 of 3×64×64, on
 * the fast CPU backend, as {@code jgrad bench train} and {@code infer} measure them.
 * Images per second = batch / (seconds per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"}) // -jvmArgsAppend stays free for -D flags
public class TrainStepBenchmark {
    @Param({"32"})
    public int batch;

    @Param({"0"})
    public int threads;

    private FixedBatchTraining workload;

    @Setup
    public void setup() {
        Backend backend =
                new FastCpuBackend(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        Backends.setDefault(backend);
        workload = new FixedBatchTraining(backend, () -> LesionNetS.create(1), true, batch, 64, 1);
    }

    @Benchmark
    public float trainStep() {
        return workload.step();
    }

    @Benchmark
    public float inference() {
        return workload.infer();
    }
}
