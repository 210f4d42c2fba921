package org.jgrad.app.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.OpProfiler;
import org.jgrad.backend.Backend;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.device.Backends;
import org.jgrad.loss.Losses;
import org.jgrad.models.LesionNetM;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;
import org.jgrad.nn.Module;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.FixedBatchTraining;
import org.jgrad.train.TrainingStep;

/**
 * The short benchmark behind {@code jgrad bench}: no JMH, just a warm-up and then the median of
 * several timed runs, one output line per figure, e.g.
 * <pre>
 * name=sgemm device=cpu threads=2 n=1024 gflops=123.4 best=130.2
 * name=conv2d-forward device=cpu threads=2 layer=conv2 batch=32 ms=4.21 gflops=71.2
 * name=lesionnet-s-train device=cpu threads=2 batch=32 img_per_s=456.7 ms_per_step=70.1 ... peak_rss_mb=312 live_heap_mb=40->40
 * </pre>
 * The JMH benchmarks in the {@code benchmarks} module measure the same things more carefully; this
 * is the quick look. The backend comes from the command's {@code --device} option, as for training.
 */
public final class QuickBench {
    /** SGEMM sizes when none is given. */
    static final int[] SGEMM_SIZES = {256, 512, 1024, 2048};
    /** The three convolutions of LesionNet-S at 64×64 (batch filled in later). */
    static final int[][] LESIONNET_S_CONVS = {{3, 64, 16}, {16, 32, 32}, {32, 16, 64}}; // C, H=W, K

    private final Backend backend;
    private final String device;
    private final int threads;
    private final PrintStream out;
    /** Untimed LesionNet-S steps before the timed ones (train, infer and their profiles). */
    private final int warmup;

    private QuickBench(Backend backend, String device, int threads, int warmup, PrintStream out) {
        this.backend = backend;
        this.device = device;
        this.threads = threads;
        this.warmup = warmup;
        this.out = out;
    }

    /**
     * Runs one benchmark group on {@code backend} and prints its lines to {@code out}.
     *
     * @param what    sgemm, conv, train, infer, train-m, all, profile, profile-m, profile-infer or profile-resnet18
     *                (data is the vision module's)
     * @param n       SGEMM size; 0 = 256, 512, 1024 and 2048
     * @param batch   batch size for conv, train and infer; 0 = 32
     * @param threads the CPU backend's threads, printed beside CPU figures
     */
    public static void run(String what, int n, int batch, Backend backend, int threads, PrintStream out) {
        run(what, n, batch, DEFAULT_WARMUP, backend, threads, out);
    }

    /**
     * The peers' protocol: 10 untimed steps (JIT warm-up included) before the timed ones. On a JVM
     * the vector kernels reach full speed only once C2 has compiled them, a few hundred inference
     * batches in; a larger {@code warmup} (with the peers' PEERS_WARMUP alike) measures that state.
     */
    public static final int DEFAULT_WARMUP = 10;

    /**
     * As {@link #run(String, int, int, Backend, int, PrintStream)}, with {@code warmup} untimed
     * LesionNet-S steps before the timed ones of train, infer, profile and profile-infer.
     */
    public static void run(String what, int n, int batch, int warmup, Backend backend, int threads, PrintStream out) {
        if (warmup < 0) throw new IllegalArgumentException("bench: --warmup must be ≥ 0, got " + warmup);
        QuickBench bench = new QuickBench(backend, backend.name(), threads, warmup, out);
        int b = batch > 0 ? batch : 32;
        Backend previous = Backends.getDefault();
        Backends.setDefault(backend);
        try {
            switch (what == null ? "all" : what.toLowerCase(Locale.ROOT)) {
                case "sgemm" -> bench.sgemm(n);
                case "conv" -> bench.conv(b);
                case "train" -> bench.train(b);
                case "infer" -> bench.infer(b);
                case "all" -> {
                    bench.sgemm(n);
                    bench.conv(b);
                    bench.train(b);
                    bench.infer(b);
                }
                case "train-m" -> bench.trainLesionNetM(b);
                case "profile" -> bench.profile(Profiled.LESIONNET_S, b);
                case "profile-m" -> bench.profile(Profiled.LESIONNET_M, b);
                case "profile-resnet18" -> bench.profile(Profiled.RESNET18, b);
                case "profile-infer" -> bench.profileInference(b);
                default ->
                    throw new IllegalArgumentException("bench: unknown benchmark '" + what
                            + "' (expected sgemm, conv, train, infer, train-m, all, profile, profile-m, "
                            + "profile-infer or profile-resnet18)");
            }
        } finally {
            Backends.setDefault(previous);
        }
    }

    // ---------------------------------------------------------------- SGEMM

    void sgemm(int n) {
        for (int size : n > 0 ? new int[] {n} : SGEMM_SIZES) {
            Random random = new Random(size);
            Storage a = backend.upload(randomArray(random, size * size));
            Storage b = backend.upload(randomArray(random, size * size));
            Storage c = backend.allocate(size * size);
            double[] times = Timing.runs(
                    () -> {
                        backend.gemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
                        backend.synchronize();
                    },
                    0.5,
                    7);
            double flops = 2.0 * size * size * size;
            // best= is the statistic of the OpenBLAS ceiling script (numpy SGEMM, best of 5), for like-for-like ratios.
            line(
                    "sgemm",
                    "n=" + size,
                    "gflops=" + fmt(flops / Timing.median(times) / 1e9),
                    "best=" + fmt(flops / Arrays.stream(times).min().orElseThrow() / 1e9));
        }
    }

    // ---------------------------------------------------------------- convolution

    void conv(int batch) {
        for (int layer = 0; layer < LESIONNET_S_CONVS.length; layer++) {
            int[] s = LESIONNET_S_CONVS[layer];
            ConvGeometry g = new ConvGeometry(batch, s[0], s[1], s[1], s[2], 3, 3, 1, 1, 1, 1);
            Random random = new Random(layer);
            Storage x = backend.upload(randomArray(random, g.inputSize()));
            Storage w = backend.upload(randomArray(random, g.weightSize()));
            Storage bias = backend.upload(randomArray(random, g.outChannels()));
            Storage y = backend.allocate(g.outputSize()), dy = backend.upload(randomArray(random, g.outputSize()));
            Storage dx = backend.allocate(g.inputSize()),
                    dw = backend.allocate(g.weightSize()),
                    db = backend.allocate(g.outChannels());
            double flops = 2.0 * g.n() * g.outChannels() * g.inChannels() * 9 * g.outHeight() * g.outWidth();
            String name = "layer=conv" + (layer + 1), shape = "shape=" + s[0] + "x" + s[1] + "x" + s[1] + "->" + s[2];
            double fwd = Timing.median(
                    () -> {
                        backend.conv2dForward(y, x, w, bias, g);
                        backend.synchronize();
                    },
                    0.3,
                    5);
            line(
                    "conv2d-forward",
                    name,
                    "batch=" + batch,
                    shape,
                    "ms=" + fmt(fwd * 1e3),
                    "gflops=" + fmt(flops / fwd / 1e9));
            double data = Timing.median(
                    () -> {
                        backend.conv2dBackwardData(dx, dy, w, g);
                        backend.synchronize();
                    },
                    0.3,
                    5);
            line(
                    "conv2d-backward-data",
                    name,
                    "batch=" + batch,
                    shape,
                    "ms=" + fmt(data * 1e3),
                    "gflops=" + fmt(flops / data / 1e9));
            double filter = Timing.median(
                    () -> {
                        backend.conv2dBackwardFilter(dw, db, dy, x, g);
                        backend.synchronize();
                    },
                    0.3,
                    5);
            line(
                    "conv2d-backward-filter",
                    name,
                    "batch=" + batch,
                    shape,
                    "ms=" + fmt(filter * 1e3),
                    "gflops=" + fmt(flops / filter / 1e9));
        }
    }

    // ---------------------------------------------------------------- LesionNet-S

    void train(int batch) {
        LesionNetSWorkload w = new LesionNetSWorkload(backend, batch, 1);
        float firstLoss = w.trainStep(); // the first untimed step (loss_first), also with --warmup 0
        for (int i = 1; i < warmup; i++) w.trainStep();
        long liveBefore = liveHeapMb();
        float[] lastLoss = {firstLoss};
        double step = medianSecondsPerCall(10, () -> lastLoss[0] = w.trainStep());
        long liveAfter = liveHeapMb();
        line(
                "lesionnet-s-train",
                "batch=" + batch,
                "warmup=" + warmup,
                "img_per_s=" + fmt(batch / step),
                "ms_per_step=" + fmt(step * 1e3),
                "loss_first=" + fmt(firstLoss),
                "loss_last=" + fmt(lastLoss[0]),
                "peak_rss_mb=" + peakRssMb(),
                "live_heap_mb=" + liveBefore + "->" + liveAfter);
    }

    void infer(int batch) {
        LesionNetSWorkload w = new LesionNetSWorkload(backend, batch, 2);
        for (int i = 0; i < warmup; i++) w.inferStep();
        double step = medianSecondsPerCall(20, w::inferStep);
        line(
                "lesionnet-s-infer",
                "batch=" + batch,
                "warmup=" + warmup,
                "img_per_s=" + fmt(batch / step),
                "ms_per_batch=" + fmt(step * 1e3));
    }

    /**
     * LesionNet-S with Adam (lr 1e-3) on one fixed random batch, trained with the engine's
     * {@link TrainingStep} as the app's loop trains; the JMH TrainStepBenchmark times the same
     * model and step ({@link FixedBatchTraining}).
     */
    static final class LesionNetSWorkload {
        final Module model;
        final Adam optimizer;
        final Tensor images, labels;
        private final TrainingStep step;

        LesionNetSWorkload(Backend backend, int batch, long seed) {
            this(backend, batch, seed, LesionNetS.create(seed).to(backend));
        }

        /** The same workload with another model (for experiments with a variant of LesionNet-S). */
        LesionNetSWorkload(Backend backend, int batch, long seed, Module model) {
            this.model = model;
            optimizer = new Adam(model.parameters(), 1e-3f);
            Random random = new Random(seed);
            images = Tensor.of(backend, randomArray(random, batch * 3 * 64 * 64), batch, 3, 64, 64);
            float[] y = new float[batch];
            for (int i = 0; i < batch; i++) y[i] = random.nextBoolean() ? 1f : 0f;
            labels = Tensor.of(backend, y, batch, 1);
            step = new TrainingStep(model, optimizer, Losses::binaryCrossEntropyWithLogits);
        }

        float trainStep() {
            model.train();
            return step.run(images, labels).loss();
        }

        float inferStep() {
            model.eval();
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                return model.forward(images).toArray()[0];
            }
        }
    }

    // ---------------------------------------------------------------- LesionNet-M

    /** The real-data preset's model, LesionNet-M at 128 px, trained with Adam on one fixed random batch. */
    void trainLesionNetM(int batch) {
        FixedBatchTraining w = Profiled.LESIONNET_M.workload(backend, batch);
        float firstLoss = w.step();
        for (int i = 1; i < warmup; i++) w.step();
        float[] lastLoss = {firstLoss};
        double step = medianSecondsPerCall(5, () -> lastLoss[0] = w.step());
        line(
                "lesionnet-m-train",
                "batch=" + batch,
                "warmup=" + warmup,
                "img_per_s=" + fmt(batch / step),
                "ms_per_step=" + fmt(step * 1e3),
                "loss_first=" + fmt(firstLoss),
                "loss_last=" + fmt(lastLoss[0]));
    }

    // ---------------------------------------------------------------- where a step goes

    /** The models whose training step {@link #profile} takes apart. */
    enum Profiled {
        /** LesionNet-S/64 with Adam, 20 steps. */
        LESIONNET_S("lesionnet-s-profile", 20),
        /** LesionNet-M/128 (the real-data preset's model) with Adam, 10 steps. */
        LESIONNET_M("lesionnet-m-profile", 10),
        /** ResNet-18/224 with SGD-momentum (the GPU check's workload), 5 steps after at most 3 untimed. */
        RESNET18("resnet18-profile", 5);

        final String lineName;
        final int steps;

        Profiled(String lineName, int steps) {
            this.lineName = lineName;
            this.steps = steps;
        }

        FixedBatchTraining workload(Backend backend, int batch) {
            return switch (this) {
                case LESIONNET_S -> new FixedBatchTraining(backend, () -> LesionNetS.create(1), true, batch, 64, 3);
                case LESIONNET_M ->
                    new FixedBatchTraining(backend, () -> LesionNetM.create(128, 1), true, batch, 128, 3);
                case RESNET18 -> new FixedBatchTraining(backend, () -> new ResNet18(1, 1), false, batch, 224, 3);
            };
        }
    }

    /** A training step op by op ({@link OpProfiler}). Prints the profiler's table, largest entries first. */
    void profile(Profiled model, int batch) {
        FixedBatchTraining w = model.workload(backend, batch);
        int untimed = model == Profiled.RESNET18 ? Math.min(warmup, 3) : warmup, steps = model.steps;
        for (int i = 0; i < untimed; i++) w.step();
        OpProfiler profiler = OpProfiler.start(backend);
        try (profiler) {
            for (int i = 0; i < steps; i++) w.step(profiler);
        }
        line(model.lineName, "batch=" + batch, "steps=" + steps, "warmup=" + untimed);
        out.print(profiler.table(steps));
        out.flush();
    }

    /** Inference (eval mode, no gradients) of LesionNet-S/64 op by op, as {@link #infer} runs it. */
    void profileInference(int batch) {
        LesionNetSWorkload w = new LesionNetSWorkload(backend, batch, 2);
        for (int i = 0; i < warmup; i++) w.inferStep();
        int steps = 40;
        OpProfiler profiler = OpProfiler.start(backend);
        try (profiler) {
            for (int i = 0; i < steps; i++) w.inferStep();
        }
        line("lesionnet-s-infer-profile", "batch=" + batch, "steps=" + steps, "warmup=" + warmup);
        out.print(profiler.table(steps));
        out.flush();
    }

    /** The median, over 3 timed runs of {@code callsPerRun} calls each, of the seconds per call. */
    private static double medianSecondsPerCall(int callsPerRun, Runnable call) {
        double[] perRun = new double[3];
        for (int run = 0; run < perRun.length; run++) {
            long start = System.nanoTime();
            for (int i = 0; i < callsPerRun; i++) call.run();
            perRun[run] = (System.nanoTime() - start) / 1e9 / callsPerRun;
        }
        return Timing.median(perRun);
    }

    // ---------------------------------------------------------------- output

    private void line(String name, String... fields) {
        StringBuilder sb =
                new StringBuilder("name=").append(name).append(" device=").append(device);
        if (device.startsWith("cpu")) sb.append(" threads=").append(threads);
        for (String f : fields) sb.append(' ').append(f);
        out.println(sb);
        out.flush();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.3g", v);
    }

    static float[] randomArray(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
        return x;
    }

    /** Heap still in use after a full collection, in MiB: growing from one measurement to the next means a leak. */
    static long liveHeapMb() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean()
                        .getHeapMemoryUsage()
                        .getUsed()
                >> 20;
    }

    /** Peak resident set size of this process in MiB (Linux /proc), or -1 where unknown. */
    static long peakRssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Median timing helpers. */
    static final class Timing {
        private Timing() {}

        /** Warms up for at least {@code warmupSeconds} (and 2 calls), then returns the median of {@code runs} timed calls. */
        static double median(Runnable body, double warmupSeconds, int runs) {
            return median(runs(body, warmupSeconds, runs));
        }

        /** Warms up as above, then returns the seconds of each of {@code runs} timed calls. */
        static double[] runs(Runnable body, double warmupSeconds, int runs) {
            long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            for (int i = 0; i < 2 || System.nanoTime() < warmupEnd; i++) body.run();
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                body.run();
                times[i] = (System.nanoTime() - start) / 1e9;
            }
            return times;
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
