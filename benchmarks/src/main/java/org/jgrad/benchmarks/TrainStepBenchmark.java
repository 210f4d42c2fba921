package org.jgrad.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jgrad.autograd.GradMode;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Backends;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.loss.Losses;
import org.jgrad.models.LesionNetS;
import org.jgrad.nn.Module;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

/**
 * One LesionNet-S training step (forward, binary cross-entropy with logits, backward, Adam lr 1e-3)
 * and one inference pass, batch 32 of 3×64×64 (shared/BENCHMARKS.md), on the fast CPU backend.
 * Images per second = batch / (seconds per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})   // -jvmArgsAppend stays free for -D flags
public class TrainStepBenchmark {
    @Param({"32"})
    public int batch;

    @Param({"0"})
    public int threads;

    private Module model;
    private Adam optimizer;
    private Tensor images, labels;

    @Setup
    public void setup() {
        Backend backend = new FastCpuBackend(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        Backends.setDefault(backend);
        model = LesionNetS.create(1).to(backend);
        optimizer = new Adam(model.parameters(), 1e-3f);
        Random random = new Random(1);
        images = Tensor.of(backend, Data.gaussian(random, batch * 3 * 64 * 64), batch, 3, 64, 64);
        float[] y = new float[batch];
        for (int i = 0; i < batch; i++) y[i] = random.nextBoolean() ? 1f : 0f;
        labels = Tensor.of(backend, y, batch, 1);
    }

    @Benchmark
    public float trainStep() {
        model.train();
        optimizer.zeroGrad();
        Tensor loss = Losses.binaryCrossEntropyWithLogits(model.forward(images), labels);
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    @Benchmark
    public float inference() {
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(images).toArray()[0];
        }
    }
}
