package org.jgrad.vision.loader;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.synth.SynthOptions;
import org.jgrad.vision.synth.SyntheticLesions;

/**
 * Data-pipeline throughput for the {@code bench data} command: images per second for
 * <ol>
 *   <li>{@code decode}: a full epoch decoding ISIC-sized JPEGs (1024×768) and resizing, no cache;</li>
 *   <li>{@code cache-build}: decoding the same images into an empty pixel cache (the first epoch
 *       of a cached run);</li>
 *   <li>{@code cached}: epochs read from the cache, no augmentation;</li>
 *   <li>{@code cached+augment}: the same with the standard training augmentation.</li>
 * </ol>
 * The JPEGs are synthetic lesions generated once into {@code workDir/jpegs}. Before timing, a
 * few images are decoded and cached epochs run for {@code minSeconds / 2}, so that the figures describe a warmed-up
 * JIT (what a data set of thousands of images sees), not the interpreter; cached epochs repeat
 * until {@code minSeconds} have passed. Each result also gives images per CPU-second of the
 * whole process (all threads): on a machine shared with other jobs, that is the steadier figure.
 */
public final class DataThroughput {
    /** One measurement; {@code cpuSeconds} is process CPU time (NaN where the JVM cannot tell). */
    public record Result(String stage, int imageSize, int images, double seconds, double cpuSeconds) {
        public double imagesPerSecond() {
            return images / seconds;
        }

        public double imagesPerCpuSecond() {
            return images / cpuSeconds;
        }

        @Override
        public String toString() {
            return String.format(
                    "%-15s %4d px  %6d images  %7.2f s  %9.1f images/s  %9.1f images/CPU-s",
                    stage, imageSize, images, seconds, imagesPerSecond(), imagesPerCpuSecond());
        }
    }

    private DataThroughput() {}

    /**
     * Prints the figures: {@code DataThroughput <workDir> [images=60] [threads=2] [sizes=64,224]}
     * (the app's {@code bench data} calls {@link #measure} the same way).
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: DataThroughput <workDir> [images=60] [threads=2] [sizes=64,224]");
            System.exit(2);
        }
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int[] sizes = java.util.Arrays.stream((args.length > 3 ? args[3] : "64,224").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        for (Result result : measure(Path.of(args[0]), images, sizes, threads)) {
            System.out.println(result);
        }
    }

    /** Measures every stage at each of {@code sizes} (e.g. 64 and 224) on {@code images} JPEGs, timing cached epochs for >= 2 s. */
    public static List<Result> measure(Path workDir, int images, int[] sizes, int threads) {
        return measure(workDir, images, sizes, threads, 2.0);
    }

    /** As {@link #measure(Path, int, int[], int)}, repeating cached epochs until {@code minSeconds} have passed. */
    public static List<Result> measure(Path workDir, int images, int[] sizes, int threads, double minSeconds) {
        Path jpegs = workDir.resolve("jpegs");
        if (!Files.isRegularFile(jpegs.resolve(SyntheticLesions.CSV_NAME))) {
            SyntheticLesions.generate(
                    jpegs,
                    images,
                    1,
                    SynthOptions.defaults().withSize(1024, 768).withThreads(threads));
        }
        List<Sample> samples = DatasetReader.read(jpegs).samples();
        samples = samples.subList(0, Math.min(images, samples.size()));
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            LoaderOptions plain = LoaderOptions.evaluation(size, 32)
                    .withThreads(threads, 2 * threads)
                    .withCacheDir(null);
            try (DataLoader warmUp =
                    DataLoader.open(samples.subList(0, Math.min(samples.size(), 4 * threads)), plain)) {
                runEpochs(warmUp, 0, 0);
            }
            try (DataLoader loader = DataLoader.open(samples, plain)) {
                results.add(runEpochs(loader, 0, 0).named("decode", size));
            }
            Path cacheDir = workDir.resolve("cache-" + System.nanoTime());
            double cpuBefore = processCpuSeconds();
            try (DataLoader loader = DataLoader.open(samples, plain.withCacheDir(cacheDir))) {
                results.add(new Result(
                        "cache-build",
                        size,
                        samples.size(),
                        loader.cacheBuildSeconds(),
                        processCpuSeconds() - cpuBefore));
                int next = runEpochs(loader, 0, minSeconds / 2).epochs(); // warm-up
                results.add(runEpochs(loader, next, minSeconds).named("cached", size));
            }
            LoaderOptions augmented = LoaderOptions.training(size, 32, 1)
                    .withThreads(threads, 2 * threads)
                    .withCacheDir(cacheDir);
            try (DataLoader loader = DataLoader.open(samples, augmented)) {
                int next = runEpochs(loader, 0, minSeconds / 2).epochs(); // warm-up
                results.add(runEpochs(loader, next, minSeconds).named("cached+augment", size));
            }
        }
        return results;
    }

    /** Epochs, images, wall and CPU seconds of a run of epochs. */
    private record Timing(int epochs, int images, double seconds, double cpuSeconds) {
        Result named(String stage, int size) {
            return new Result(stage, size, images, seconds, cpuSeconds);
        }
    }

    /** Runs epochs from {@code firstEpoch} on, at least one, until {@code minSeconds} have passed. */
    private static Timing runEpochs(DataLoader loader, int firstEpoch, double minSeconds) {
        double cpuStart = processCpuSeconds();
        long start = System.nanoTime();
        int images = 0;
        int epoch = firstEpoch;
        do {
            try (Epoch batches = loader.epoch(epoch++)) {
                while (batches.hasNext()) {
                    images += batches.next().size();
                }
            }
        } while ((System.nanoTime() - start) / 1e9 < minSeconds);
        return new Timing(
                epoch - firstEpoch, images, (System.nanoTime() - start) / 1e9, processCpuSeconds() - cpuStart);
    }

    /** CPU time of the whole process (all threads), or NaN where the JVM does not report it. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }
}
