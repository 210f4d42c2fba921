package org.jgrad.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jgrad.app.bench.QuickBench;
import org.jgrad.backend.Backend;
import org.jgrad.device.Backends;
import org.jgrad.vision.loader.DataThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jgrad bench [sgemm|conv|train|infer|data|all|profile|profile-resnet18|tune]}: the quick benchmarks (warm-up, then the
 * median of several timed runs), one {@code name=... key=value} line per figure. The kernel and
 * model figures come from {@link QuickBench}; {@code data} from the vision module's
 * {@link DataThroughput} (decode of 1024×768 JPEGs to 64 and 224 px, and cached epochs). The JMH
 * benchmarks in {@code benchmarks/} measure the same workloads more carefully. {@code tune} times the
 * GEMM register tiles that fit this CPU again and saves the winner for the next start.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Quick benchmarks: one line per figure, e.g. name=sgemm device=cpu n=1024 gflops=123.4.")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            defaultValue = "all",
            paramLabel =
                    "sgemm|conv|train|infer|train-m|data|all|profile|profile-m|profile-infer|profile-resnet18|tune",
            description = "What to measure (default: ${DEFAULT-VALUE}). train and infer: LesionNet-S/64; "
                    + "train-m: LesionNet-M/128, the real-data preset's model; "
                    + "profile: a LesionNet-S training step op by op; profile-m: the same for LesionNet-M; "
                    + "profile-infer: LesionNet-S inference op by op; "
                    + "profile-resnet18: the same for ResNet-18/224 (use --device cuda --batch 64 on a GPU); "
                    + "tune: time this CPU's GEMM register tiles again and save the choice for the next start.")
    String what;

    @Option(names = "--n", defaultValue = "0", description = "SGEMM size (default: 256, 512, 1024 and 2048).")
    int n;

    @Option(
            names = "--batch",
            defaultValue = "32",
            description = "Batch size for conv, train and infer (default: ${DEFAULT-VALUE}).")
    int batch;

    /** The same --device and --threads as train, with the same default (auto), so bench measures what training would use. */
    @Mixin
    DeviceOption device;

    @Option(
            names = "--reference",
            description = "Measure the plain-loop reference CPU backend (the test oracle) instead of --device.")
    boolean reference;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            description = "Untimed steps before the timed ones of train, infer, train-m and the profiles "
                    + "(default: ${DEFAULT-VALUE}, the peers' protocol; a JVM reaches full speed a few hundred "
                    + "inference batches in, once the JIT has compiled the vector kernels).")
    int warmup;

    @Option(
            names = "--images",
            defaultValue = "60",
            description = "JPEGs for the data benchmark (default: ${DEFAULT-VALUE}).")
    int images;

    @Override
    public Integer call() throws Exception {
        String w = what.toLowerCase(Locale.ROOT);
        if (n < 0 || batch < 1 || images < 1 || warmup < 0) {
            throw new IllegalArgumentException("bench: --n and --warmup must be ≥ 0 and --batch, --images ≥ 1");
        }
        if (!java.util.List.of(
                        "sgemm",
                        "conv",
                        "train",
                        "infer",
                        "train-m",
                        "data",
                        "all",
                        "profile",
                        "profile-m",
                        "profile-infer",
                        "profile-resnet18",
                        "tune")
                .contains(w)) {
            throw new IllegalArgumentException("bench: unknown benchmark '" + what
                    + "' (expected sgemm, conv, train, infer, train-m, data, all, profile, profile-m, profile-infer, "
                    + "profile-resnet18 or tune)");
        }
        if (w.equals("tune")) {
            org.jgrad.backend.cpu.CpuTuning.retune().forEach(System.out::println);
            return 0;
        }
        int t = device.threads();
        if (!w.equals("data")) {
            Backend backend;
            if (reference) {
                backend = Backends.reference();
            } else {
                DeviceOption.Selection selection = device.resolve();
                System.err.println(selection.note()); // stdout keeps one figure per line
                backend = selection.backend();
            }
            // Every CPU figure is read beside the CPU model, ISA and register tiles it was measured with.
            if (!backend.name().startsWith("cuda")) System.out.println(org.jgrad.backend.cpu.CpuTuning.machineLine());
            QuickBench.run(w, n, batch, warmup, backend, t, System.out);
        }
        if (w.equals("data") || w.equals("all")) data(t);
        return 0;
    }

    private void data(int t) throws Exception {
        Path work = Files.createTempDirectory("jgrad-bench-data");
        try {
            for (DataThroughput.Result r : DataThroughput.measure(work, images, new int[] {64, 224}, t)) {
                System.out.printf(
                        Locale.ROOT,
                        "name=data stage=%s size=%d threads=%d images=%d img_per_s=%.1f img_per_cpu_s=%.1f%n",
                        r.stage(),
                        r.imageSize(),
                        t,
                        r.images(),
                        r.imagesPerSecond(),
                        r.images() / Math.max(1e-9, r.cpuSeconds()));
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
