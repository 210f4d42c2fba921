package org.jgrad.backend.cuda;

import static org.jgrad.tensor.TensorInternals.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.backend.Backend;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.device.Devices;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.FixedBatchTraining;
import org.jgrad.train.TrainingStep;

/**
 * The GPU check's timings: one command that (1) reports the GPU, driver and libraries and (2) times
 * GPU against CPU for SGEMM, each convolution layer of LesionNet-S and ResNet-18 and whole training
 * steps (the engine's {@link TrainingStep}, through {@link FixedBatchTraining}), ending with a table.
 * Whether the kernels are right is not its business: the engine's kernel conformance suite runs
 * against the CUDA backend as the JUnit tests of this module ({@code CudaConformanceTest}).
 *
 * <pre>java -cp ... org.jgrad.backend.cuda.GpuCheck [--quick] [--info-only] [--markdown FILE]</pre>
 *
 * Exit status 0 when it ran, 2 when no GPU is usable.
 * Timings: median of repeated runs after warm-up, the device synchronised around each run.
 */
public final class GpuCheck {
    private final List<String> markdown = new ArrayList<>();
    private final boolean quick;

    private GpuCheck(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws IOException, CudaUnavailableException {
        boolean quick = false, infoOnly = false;
        Path markdownFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--info-only" -> infoOnly = true;
                case "--markdown" -> markdownFile = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: GpuCheck [--quick] [--info-only] [--markdown FILE]");
                    System.exit(2);
                }
            }
        }
        System.out.println(Devices.info());
        if (infoOnly) return;
        CudaBackend fast;
        try {
            fast = CudaSupport.backend(CudaOptions.fromEnvironment());
        } catch (CudaUnavailableException e) {
            System.out.println("GPU check: CUDA unavailable: " + e.getMessage());
            System.exit(2);
            return;
        }
        GpuCheck check = new GpuCheck(quick);
        CudaBackend own = CudaSupport.backend(withDevice(CudaOptions.ownKernelsOnly()));
        check.timings(fast, own);
        if (markdownFile != null) {
            Files.writeString(markdownFile, String.join("\n", check.markdown) + "\n");
            System.out.println("wrote " + markdownFile);
        }
        System.exit(0);
    }

    private static CudaOptions withDevice(CudaOptions o) {
        int device = CudaOptions.fromEnvironment().device();
        return new CudaOptions(device, o.useCudnn(), o.useCublas(), o.allowTf32());
    }

    private void md(String line) {
        markdown.add(line);
    }

    // ---------------------------------------------------------------- (2) timings

    /** Median seconds per call of {@code body}, synchronising the backend around each call. */
    static double time(Backend b, Runnable body, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) body.run();
        b.synchronize();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            b.synchronize();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(t);
        return t[runs / 2];
    }

    /** Runs per measurement so that slow CPU work stays within a few seconds. */
    private static int runsFor(double secondsPerRun) {
        if (secondsPerRun > 0.2) return 1;
        return (int) Math.max(3, Math.min(50, 0.5 / Math.max(secondsPerRun, 1e-6)));
    }

    private static double timeAdaptive(Backend b, Runnable body) {
        long start = System.nanoTime();
        body.run();
        b.synchronize();
        double first = (System.nanoTime() - start) / 1e9;
        int runs = runsFor(first);
        return runs == 1 ? first : time(b, body, 1, runs);
    }

    private final List<String[]> summary = new ArrayList<>();

    private void timings(CudaBackend gpu, CudaBackend own) {
        Backend cpu = Devices.cpu();
        System.out.printf(Locale.ROOT, "%n== timings: GPU (%s) vs CPU (%s)%n", gpu.routes(), cpu.name());
        md("");
        md("Timings on " + gpu.deviceName() + " (" + LocalDate.now() + "), GPU = " + gpu.routes() + "; CPU = "
                + cpu.name() + " (one thread). Medians after warm-up.");
        launchOverhead(gpu);
        sgemm(gpu, own, cpu);
        convLayers(gpu, cpu);
        trainingSteps(gpu, cpu);
        System.out.printf(Locale.ROOT, "%n== summary%n%-58s %14s %14s %9s%n", "workload", "GPU", "CPU", "speed-up");
        for (String[] row : summary) System.out.printf(Locale.ROOT, "%-58s %14s %14s %9s%n", (Object[]) row);
        md("");
        md("| workload | GPU | CPU | GPU speed-up |");
        md("|---|---|---|---|");
        for (String[] row : summary) md("| " + String.join(" | ", row) + " |");
    }

    private void row(String workload, double gpuSeconds, double cpuSeconds, String unit) {
        String g = format(gpuSeconds, unit), c = Double.isNaN(cpuSeconds) ? "not run" : format(cpuSeconds, unit);
        String speedup = Double.isNaN(cpuSeconds) ? "" : String.format(Locale.ROOT, "%.1fx", cpuSeconds / gpuSeconds);
        summary.add(new String[] {workload, g, c, speedup});
        System.out.printf(Locale.ROOT, "%-58s %14s %14s %9s%n", workload, g, c, speedup);
    }

    private static String format(double seconds, String unit) {
        if (unit.equals("ms")) return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
        return String.format(Locale.ROOT, "%.1f us", seconds * 1e6);
    }

    /** Host cost of one launch: 2000 one-element axpy launches queued back to back, then one synchronisation. */
    private void launchOverhead(CudaBackend gpu) {
        Tensor y = Tensor.zeros(gpu, 1), x = Tensor.ones(gpu, 1);
        double t = time(
                        gpu,
                        () -> {
                            for (int i = 0; i < 2000; i++) gpu.axpy(storage(y), 1f, storage(x), 1);
                        },
                        1,
                        5)
                / 2000;
        row("launch overhead (one-element axpy, queued)", t, Double.NaN, "us");
    }

    private void sgemm(CudaBackend gpu, CudaBackend own, Backend cpu) {
        for (int n : quick ? new int[] {1024} : new int[] {1024, 2048, 4096}) {
            Tensor a = Tensor.randn(1, 1f, n, n), b = Tensor.randn(2, 1f, n, n);
            for (CudaBackend be : gpu.usesCublas() ? List.of(gpu, own) : List.of(own)) {
                Tensor ga = a.to(be), gb = b.to(be), gc = Tensor.zeros(be, n, n);
                double t = time(
                        be,
                        () -> be.gemm(
                                false, false, n, n, n, 1f, storage(ga), 0, n, storage(gb), 0, n, 0f, storage(gc), 0, n),
                        3,
                        20);
                String who = be.usesCublas() ? "cuBLAS" : "jgrad kernel";
                double gflops = 2.0 * n * n * n / t / 1e9;
                row(String.format(Locale.ROOT, "SGEMM n=%d (%s) %.0f GFLOP/s", n, who, gflops), t, Double.NaN, "ms");
            }
        }
        int n = 512;
        Tensor a = Tensor.of(cpu, Tensor.randn(1, 1f, n, n).toArray(), n, n),
                b = Tensor.of(cpu, Tensor.randn(2, 1f, n, n).toArray(), n, n);
        Tensor c = Tensor.zeros(cpu, n, n);
        Tensor ga = a.to(own), gb = b.to(own), gc = Tensor.zeros(own, n, n);
        double tc = timeAdaptive(
                cpu,
                () -> cpu.gemm(false, false, n, n, n, 1f, storage(a), 0, n, storage(b), 0, n, 0f, storage(c), 0, n));
        double tg = time(
                own,
                () -> own.gemm(false, false, n, n, n, 1f, storage(ga), 0, n, storage(gb), 0, n, 0f, storage(gc), 0, n),
                3,
                20);
        row(
                String.format(
                        Locale.ROOT, "SGEMM n=512 (jgrad kernel vs CPU, CPU %.1f GFLOP/s)", 2.0 * n * n * n / tc / 1e9),
                tg,
                tc,
                "ms");
    }

    /** One convolution layer: name, geometry at the benchmark batch. */
    private record Layer(String name, ConvGeometry g) {}

    static List<Object[]> lesionNetLayers(int batch) {
        return List.of(
                new Object[] {"LesionNet-S conv1 3->16 64x64", new ConvGeometry(batch, 3, 64, 64, 16, 3, 3, 1, 1, 1, 1)
                },
                new Object[] {
                    "LesionNet-S conv2 16->32 32x32", new ConvGeometry(batch, 16, 32, 32, 32, 3, 3, 1, 1, 1, 1)
                },
                new Object[] {
                    "LesionNet-S conv3 32->64 16x16", new ConvGeometry(batch, 32, 16, 16, 64, 3, 3, 1, 1, 1, 1)
                });
    }

    static List<Object[]> resNetLayers(int batch) {
        return List.of(
                new Object[] {
                    "ResNet-18 conv1 3->64 7x7/2 224", new ConvGeometry(batch, 3, 224, 224, 64, 7, 7, 2, 2, 3, 3)
                },
                new Object[] {
                    "ResNet-18 layer1 64->64 3x3 56", new ConvGeometry(batch, 64, 56, 56, 64, 3, 3, 1, 1, 1, 1)
                },
                new Object[] {
                    "ResNet-18 layer2 64->128 3x3/2 56", new ConvGeometry(batch, 64, 56, 56, 128, 3, 3, 2, 2, 1, 1)
                },
                new Object[] {
                    "ResNet-18 layer2 128->128 3x3 28", new ConvGeometry(batch, 128, 28, 28, 128, 3, 3, 1, 1, 1, 1)
                },
                new Object[] {
                    "ResNet-18 layer2 down 64->128 1x1/2", new ConvGeometry(batch, 64, 56, 56, 128, 1, 1, 2, 2, 0, 0)
                },
                new Object[] {
                    "ResNet-18 layer3 128->256 3x3/2 28", new ConvGeometry(batch, 128, 28, 28, 256, 3, 3, 2, 2, 1, 1)
                },
                new Object[] {
                    "ResNet-18 layer3 256->256 3x3 14", new ConvGeometry(batch, 256, 14, 14, 256, 3, 3, 1, 1, 1, 1)
                },
                new Object[] {
                    "ResNet-18 layer3 down 128->256 1x1/2", new ConvGeometry(batch, 128, 28, 28, 256, 1, 1, 2, 2, 0, 0)
                },
                new Object[] {
                    "ResNet-18 layer4 256->512 3x3/2 14", new ConvGeometry(batch, 256, 14, 14, 512, 3, 3, 2, 2, 1, 1)
                },
                new Object[] {
                    "ResNet-18 layer4 512->512 3x3 7", new ConvGeometry(batch, 512, 7, 7, 512, 3, 3, 1, 1, 1, 1)
                },
                new Object[] {
                    "ResNet-18 layer4 down 256->512 1x1/2", new ConvGeometry(batch, 256, 14, 14, 512, 1, 1, 2, 2, 0, 0)
                });
    }

    private static ConvGeometry withBatch(ConvGeometry g, int n) {
        return new ConvGeometry(
                n,
                g.inChannels(),
                g.height(),
                g.width(),
                g.outChannels(),
                g.kernelH(),
                g.kernelW(),
                g.strideH(),
                g.strideW(),
                g.padH(),
                g.padW());
    }

    /** Forward + backward-data + backward-filter of each layer; the CPU runs one image and is scaled to the batch. */
    private void convLayers(CudaBackend gpu, Backend cpu) {
        List<Object[]> layers = new ArrayList<>(lesionNetLayers(32));
        layers.addAll(resNetLayers(64));
        for (Object[] l : layers) {
            String name = (String) l[0];
            ConvGeometry g = (ConvGeometry) l[1];
            double[] tg = convDirections(gpu, g);
            double[] tc =
                    quick ? new double[] {Double.NaN, Double.NaN, Double.NaN} : convDirections(cpu, withBatch(g, 1));
            System.out.println("  cuDNN " + name + ": " + gpu.convolutionAlgorithms(g));
            double flops = 2.0 * g.outputSize() * g.inChannels() * g.kernelH() * g.kernelW();
            String[] dirs = {"fwd", "bwd-data", "bwd-filter"};
            for (int d = 0; d < 3; d++) {
                row(
                        String.format(
                                Locale.ROOT, "%s b%d %s %.1f TFLOP/s", name, g.n(), dirs[d], flops / tg[d] / 1e12),
                        tg[d],
                        tc[d] * g.n(),
                        "ms");
            }
        }
    }

    private static double[] convDirections(Backend b, ConvGeometry g) {
        Tensor x = Tensor.randn(1, 1f, g.n(), g.inChannels(), g.height(), g.width())
                .to(b);
        Tensor w = Tensor.randn(2, 0.1f, g.outChannels(), g.inChannels(), g.kernelH(), g.kernelW())
                .to(b);
        Tensor dy = Tensor.randn(3, 1f, g.n(), g.outChannels(), g.outHeight(), g.outWidth())
                .to(b);
        Tensor y = Tensor.zeros(b, g.n(), g.outChannels(), g.outHeight(), g.outWidth());
        Tensor dx = Tensor.zeros(b, x.shape()), dw = Tensor.zeros(b, w.shape());
        return new double[] {
            timeAdaptive(b, () -> b.conv2dForward(storage(y), storage(x), storage(w), null, g)),
            timeAdaptive(b, () -> b.conv2dBackwardData(storage(dx), storage(dy), storage(w), g)),
            timeAdaptive(b, () -> b.conv2dBackwardFilter(storage(dw), null, storage(dy), storage(x), g))
        };
    }

    /** Mean seconds per step over {@code runs} steps after warm-up (garbage-collection pauses included). */
    static double meanStep(Backend b, Runnable step, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) step.run();
        b.synchronize();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) step.run();
        b.synchronize();
        return (System.nanoTime() - start) / 1e9 / runs;
    }

    private void trainingSteps(CudaBackend gpu, Backend cpu) {
        int warmup = quick ? 3 : 10, runs = quick ? 5 : 30;
        for (int batch : new int[] {32, 256}) {
            FixedBatchTraining g = new FixedBatchTraining(gpu, () -> LesionNetS.create(1), true, batch, 64, 7);
            double tg = time(gpu, g::step, warmup, runs);
            double mean = meanStep(gpu, g::step, 0, runs);
            System.out.printf(
                    Locale.ROOT,
                    "  LesionNet-S b%d: median %.3f ms, mean %.3f ms per step%n",
                    batch,
                    tg * 1e3,
                    mean * 1e3);
            double tc = Double.NaN;
            if (batch == 32 && !quick) {
                FixedBatchTraining c = new FixedBatchTraining(cpu, () -> LesionNetS.create(1), true, batch, 64, 7);
                tc = time(cpu, c::step, 1, 2);
            }
            row(
                    String.format(
                            Locale.ROOT, "train step LesionNet-S b%d Adam (%.0f img/s on GPU)", batch, batch / tg),
                    tg,
                    tc,
                    "ms");
        }
        FixedBatchTraining r = new FixedBatchTraining(gpu, () -> new ResNet18(1, 1), false, 64, 224, 7);
        double tr = time(gpu, r::step, warmup, quick ? 5 : 20);
        double meanR = meanStep(gpu, r::step, 0, quick ? 5 : 40);
        System.out.printf(
                Locale.ROOT,
                "  ResNet-18 b64: median %.3f ms, mean %.3f ms per step (mean includes GC pauses)%n",
                tr * 1e3,
                meanR * 1e3);
        row(
                String.format(Locale.ROOT, "train step ResNet-18/224 b64 SGD-momentum, mean of %d", quick ? 5 : 40),
                meanR,
                Double.NaN,
                "ms");
        row(
                String.format(Locale.ROOT, "train step ResNet-18/224 b64 SGD-momentum (%.0f img/s on GPU)", 64 / tr),
                tr,
                Double.NaN,
                "ms");
        long[] mem = gpu.memoryUsage();
        System.out.printf(
                Locale.ROOT,
                "device memory: %.0f MiB live, %.0f MiB cached, %.0f MiB peak, %d collections asked of the JVM%n",
                mem[0] / 1048576.0,
                mem[1] / 1048576.0,
                mem[2] / 1048576.0,
                mem[3]);
    }
}
