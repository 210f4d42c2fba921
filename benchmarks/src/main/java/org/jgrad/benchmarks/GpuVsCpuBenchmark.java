package org.jgrad.benchmarks;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.concurrent.TimeUnit;
import org.jgrad.backend.Backend;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.device.Devices;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.FixedBatchTraining;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GPU against CPU, one backend per run ({@code -p device=cuda} or {@code cpu}): SGEMM, each
 * convolution layer of LesionNet-S and ResNet-18 (forward, backward-data, backward-filter), and
 * whole training steps (LesionNet-S batch 32 and 256 with Adam, ResNet-18/224 batch 64 with
 * SGD-momentum). Every invocation ends with a device synchronisation, so GPU times are real.
 * {@code device=cuda} fails in setup, with the reason, on a machine without a usable GPU.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar GpuVsCpu -p device=cuda</pre>
 *
 * The GPU check command (org.jgrad.backend.cuda.GpuCheck, docs/GPU.md) measures the same
 * workloads without JMH, for machines where only a runtime image travels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+ExplicitGCInvokesConcurrent"})
public class GpuVsCpuBenchmark {

    static Backend backend(String device) {
        Devices.Selection s = Devices.select(device);
        return s.backend();
    }

    @State(Scope.Thread)
    public static class Sgemm {
        @Param({"cuda", "cpu"})
        public String device;

        @Param({"1024", "2048"})
        public int n;

        Backend b;
        Tensor a, x, c;

        @Setup(Level.Trial)
        public void setUp() {
            b = backend(device);
            a = Tensor.randn(1, 1f, n, n).to(b);
            x = Tensor.randn(2, 1f, n, n).to(b);
            c = Tensor.zeros(b, n, n);
        }
    }

    @Benchmark
    public void sgemm(Sgemm s) {
        s.b.gemm(false, false, s.n, s.n, s.n, 1f, storage(s.a), 0, s.n, storage(s.x), 0, s.n, 0f, storage(s.c), 0, s.n);
        s.b.synchronize();
    }

    @State(Scope.Thread)
    public static class ConvLayer {
        @Param({"cuda", "cpu"})
        public String device;
        /** name: batch, C, H, K, kernel, stride, pad */
        @Param({
            "lesionnet-conv1",
            "lesionnet-conv2",
            "lesionnet-conv3",
            "resnet-conv1",
            "resnet-layer1",
            "resnet-layer2",
            "resnet-layer2-down",
            "resnet-layer3",
            "resnet-layer4"
        })
        public String layer;

        Backend b;
        ConvGeometry g;
        Tensor x, w, dy, y, dx, dw;

        @Setup(Level.Trial)
        public void setUp() {
            b = backend(device);
            int batch =
                    device.equals("cpu") ? 1 : layer.startsWith("resnet") ? 64 : 32; // the reference CPU runs one image
            g = switch (layer) {
                case "lesionnet-conv1" -> new ConvGeometry(batch, 3, 64, 64, 16, 3, 3, 1, 1, 1, 1);
                case "lesionnet-conv2" -> new ConvGeometry(batch, 16, 32, 32, 32, 3, 3, 1, 1, 1, 1);
                case "lesionnet-conv3" -> new ConvGeometry(batch, 32, 16, 16, 64, 3, 3, 1, 1, 1, 1);
                case "resnet-conv1" -> new ConvGeometry(batch, 3, 224, 224, 64, 7, 7, 2, 2, 3, 3);
                case "resnet-layer1" -> new ConvGeometry(batch, 64, 56, 56, 64, 3, 3, 1, 1, 1, 1);
                case "resnet-layer2" -> new ConvGeometry(batch, 128, 28, 28, 128, 3, 3, 1, 1, 1, 1);
                case "resnet-layer2-down" -> new ConvGeometry(batch, 64, 56, 56, 128, 1, 1, 2, 2, 0, 0);
                case "resnet-layer3" -> new ConvGeometry(batch, 256, 14, 14, 256, 3, 3, 1, 1, 1, 1);
                case "resnet-layer4" -> new ConvGeometry(batch, 512, 7, 7, 512, 3, 3, 1, 1, 1, 1);
                default -> throw new IllegalArgumentException("unknown layer " + layer);
            };
            x = Tensor.randn(1, 1f, g.n(), g.inChannels(), g.height(), g.width())
                    .to(b);
            w = Tensor.randn(2, 0.1f, g.outChannels(), g.inChannels(), g.kernelH(), g.kernelW())
                    .to(b);
            dy = Tensor.randn(3, 1f, g.n(), g.outChannels(), g.outHeight(), g.outWidth())
                    .to(b);
            y = Tensor.zeros(b, dy.shape());
            dx = Tensor.zeros(b, x.shape());
            dw = Tensor.zeros(b, w.shape());
        }
    }

    @Benchmark
    public void convForward(ConvLayer s) {
        s.b.conv2dForward(storage(s.y), storage(s.x), storage(s.w), null, s.g);
        s.b.synchronize();
    }

    @Benchmark
    public void convBackwardData(ConvLayer s) {
        s.b.conv2dBackwardData(storage(s.dx), storage(s.dy), storage(s.w), s.g);
        s.b.synchronize();
    }

    @Benchmark
    public void convBackwardFilter(ConvLayer s) {
        s.b.conv2dBackwardFilter(storage(s.dw), null, storage(s.dy), storage(s.x), s.g);
        s.b.synchronize();
    }

    @State(Scope.Thread)
    public static class Training {
        @Param({"cuda", "cpu"})
        public String device;

        @Param({"lesionnet-b32", "lesionnet-b256", "resnet18-b64"})
        public String workload;

        FixedBatchTraining step;

        @Setup(Level.Trial)
        public void setUp() {
            Backend b = backend(device);
            boolean resnet = workload.startsWith("resnet");
            int batch = Integer.parseInt(workload.substring(workload.indexOf("-b") + 2));
            step = resnet
                    ? new FixedBatchTraining(b, () -> new ResNet18(1, 1), false, batch, 224, 7)
                    : new FixedBatchTraining(b, () -> LesionNetS.create(1), true, batch, 64, 7);
        }
    }

    /** Forward, backward and update as the app's loop runs them (the engine's TrainingStep: the loss read back, the graph released). */
    @Benchmark
    public float trainingStep(Training s) {
        return s.step.step();
    }
}
