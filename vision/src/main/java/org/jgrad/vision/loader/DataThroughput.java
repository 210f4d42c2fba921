package org.jgrad.vision.loader;

import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.synth.SynthOptions;
import org.jgrad.vision.synth.SyntheticLesions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-pipeline throughput for the {@code bench data} command: images per second for
 * <ol>
 *   <li>{@code decode}: a full epoch decoding ISIC-sized JPEGs (1024×768) and resizing, no cache;</li>
 *   <li>{@code cache-build}: decoding the same images into an empty pixel cache (the first epoch
 *       of a cached run);</li>
 *   <li>{@code cached}: a full epoch read from the cache, no augmentation;</li>
 *   <li>{@code cached+augment}: the same with the standard training augmentation.</li>
 * </ol>
 * The JPEGs are synthetic lesions generated once into {@code workDir/jpegs}.
 */
public final class DataThroughput {
    /** One measurement. */
    public record Result(String stage, int imageSize, int images, double seconds) {
        public double imagesPerSecond() {
            return images / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-15s %4d px  %6d images  %7.2f s  %8.1f images/s", stage, imageSize, images, seconds,
                    imagesPerSecond());
        }
    }

    private DataThroughput() {
    }

    /** Measures every stage at each of {@code sizes} (e.g. 64 and 224) on {@code images} JPEGs. */
    public static List<Result> measure(Path workDir, int images, int[] sizes, int threads) {
        Path jpegs = workDir.resolve("jpegs");
        if (!Files.isRegularFile(jpegs.resolve(SyntheticLesions.CSV_NAME))) {
            SyntheticLesions.generate(jpegs, images, 1, SynthOptions.defaults().withSize(1024, 768).withThreads(threads));
        }
        List<Sample> samples = DatasetReader.read(jpegs).samples();
        samples = samples.subList(0, Math.min(images, samples.size()));
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            LoaderOptions plain = LoaderOptions.evaluation(size, 32).withThreads(threads, 2 * threads);
            try (DataLoader loader = DataLoader.open(samples, plain.withCacheDir(null))) {
                results.add(new Result("decode", size, samples.size(), timeEpoch(loader)));
            }
            Path cacheDir = workDir.resolve("cache-" + System.nanoTime());
            try (DataLoader loader = DataLoader.open(samples, plain.withCacheDir(cacheDir))) {
                results.add(new Result("cache-build", size, samples.size(), loader.cacheBuildSeconds()));
                results.add(new Result("cached", size, samples.size(), timeEpoch(loader)));
            }
            LoaderOptions augmented = LoaderOptions.training(size, 32, 1).withThreads(threads, 2 * threads).withCacheDir(cacheDir);
            try (DataLoader loader = DataLoader.open(samples, augmented)) {
                results.add(new Result("cached+augment", size, samples.size(), timeEpoch(loader)));
            }
        }
        return results;
    }

    private static double timeEpoch(DataLoader loader) {
        long start = System.nanoTime();
        try (Epoch epoch = loader.epoch(0)) {
            while (epoch.hasNext()) {
                epoch.next();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
