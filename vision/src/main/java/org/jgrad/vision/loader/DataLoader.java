package org.jgrad.vision.loader;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jgrad.vision.augment.AugmentPipeline;
import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.BadItem;
import org.jgrad.vision.data.BadItemLog;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.image.ImageTensors;
import org.jgrad.vision.image.ShadesOfGray;

/**
 * Turns a list of samples into batches, epoch after epoch.
 *
 * <p>Opening the loader with a cache folder decodes every image not yet cached (in parallel, the
 * "first epoch" decode) and stores its resized pixels; epochs then read pixels from the memory
 * map and only augment and normalise. Without a cache, each batch decodes its images.
 * {@link #epoch(int)} hands out batches in a fixed order: the epoch's shuffle is seeded by
 * (seed, epoch), batches are submitted to the pool in order and taken back in the same order, at
 * most {@code prefetch} ahead, so thread timing never changes what comes out.
 */
public final class DataLoader implements AutoCloseable {
    private final LoaderOptions options;
    private final ExecutorService pool;
    private final BadItemLog log;
    private final List<Sample> samples;
    private final PixelCache cache;
    private final int[] slots;
    /** The normalisation of every byte value, per channel (un-augmented batches are a table lookup). */
    private final float[] byteTable;
    /** Each pool thread reads cached pixels into its own buffer, reused for every image. */
    private final ThreadLocal<byte[]> pixelBuffer;

    private double cacheBuildSeconds;
    private int decodedIntoCache;

    private DataLoader(List<Sample> samples, LoaderOptions options) {
        this.options = options;
        this.log = new BadItemLog(options.skipBad());
        this.byteTable = options.normalization().byteTable();
        int pixelBytes = 3 * options.imageSize() * options.imageSize();
        this.pixelBuffer = ThreadLocal.withInitial(() -> new byte[pixelBytes]);
        this.pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "jgrad-loader");
            thread.setDaemon(true);
            return thread;
        });
        if (options.cacheDir() == null) {
            this.cache = null;
            this.samples = List.copyOf(samples);
            this.slots = null;
        } else {
            this.cache = PixelCache.open(options.cacheDir(), options.imageSize(), options.resizeMode());
            List<Sample> usable = new ArrayList<>();
            List<Integer> usableSlots = new ArrayList<>();
            fillCache(samples, usable, usableSlots);
            this.samples = List.copyOf(usable);
            this.slots = usableSlots.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Opens a loader over {@code samples}; with a cache folder, builds the cache first. */
    public static DataLoader open(List<Sample> samples, LoaderOptions options) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("empty dataset: no samples to load");
        }
        DataLoader loader = new DataLoader(samples, options);
        if (loader.samples.isEmpty()) {
            loader.close();
            throw new IllegalArgumentException(
                    "empty dataset: every image was bad" + System.lineSeparator() + loader.log.summary());
        }
        return loader;
    }

    /** Usable samples (bad ones skipped during cache building are left out). */
    public int sampleCount() {
        return samples.size();
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Batches per epoch with the current options. */
    public int batchesPerEpoch() {
        int full = samples.size() / options.batchSize();
        return options.dropLast() || samples.size() % options.batchSize() == 0 ? full : full + 1;
    }

    /** Items skipped as bad so far (only with {@code skipBad}). */
    public List<BadItem> skipped() {
        return log.skipped();
    }

    /** The skip report for the end of a run; empty when nothing was skipped. */
    public String skippedSummary() {
        return log.summary();
    }

    /** Seconds spent decoding into the cache when opening (0 without a cache). */
    public double cacheBuildSeconds() {
        return cacheBuildSeconds;
    }

    /** Images decoded into the cache when opening (the rest were cache hits). */
    public int decodedIntoCache() {
        return decodedIntoCache;
    }

    /** The batches of epoch {@code epoch} (0-based), prefetched on the pool. Close it if you stop early. */
    public Epoch epoch(int epoch) {
        return epoch(epoch, 0, 1);
    }

    /**
     * Part {@code part} of {@code parts} of every batch of epoch {@code epoch}, for data-parallel
     * training: each batch of the epoch's order is cut into {@code parts} contiguous, nearly equal
     * pieces, so the processes together see exactly the batches one process would, in the same
     * order and with the same augmentation. A batch with fewer images than {@code parts} (only a last
     * one can be) is left out on every part, so all parts have the same number of batches.
     */
    public Epoch epoch(int epoch, int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts + ": need 0 <= part < parts");
        }
        int[] order = EpochOrder.of(samples.size(), options.shuffle(), options.seed(), epoch);
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += options.batchSize()) {
            int end = Math.min(order.length, start + options.batchSize());
            if (end - start < options.batchSize() && options.dropLast() || end - start < parts) {
                break;
            }
            int length = end - start;
            batches.add(Arrays.copyOfRange(order, start + length * part / parts, start + length * (part + 1) / parts));
        }
        return new Epoch(batches, indices -> pool.submit(() -> assemble(epoch, indices)), options.prefetch());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (cache != null) {
            cache.close();
        }
    }

    // ---- cache building ----

    private void fillCache(List<Sample> all, List<Sample> usable, List<Integer> usableSlots) {
        long start = System.nanoTime();
        int window = options.threads() * 8;
        for (int from = 0; from < all.size(); from += window) {
            List<Sample> part = all.subList(from, Math.min(all.size(), from + window));
            List<Future<byte[]>> decoded = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            for (Sample sample : part) {
                byte[] key = Files.isRegularFile(sample.image())
                        ? CacheKey.of(sample.image(), options.imageSize(), options.resizeMode())
                        : null;
                keys.add(key);
                boolean cached = key != null && cache.find(key) >= 0;
                decoded.add(
                        cached
                                ? null
                                : pool.submit(
                                        () -> PixelSource.decode(sample, options.imageSize(), options.resizeMode())));
            }
            for (int i = 0; i < part.size(); i++) {
                Sample sample = part.get(i);
                try {
                    int slot = decoded.get(i) == null
                            ? cache.find(keys.get(i))
                            : cache.append(keys.get(i), take(decoded.get(i)));
                    if (decoded.get(i) != null) {
                        decodedIntoCache++;
                    }
                    usable.add(sample);
                    usableSlots.add(slot);
                } catch (BadInputException e) {
                    log.report(e.item());
                }
            }
        }
        cache.flush();
        cacheBuildSeconds = (System.nanoTime() - start) / 1e9;
    }

    private static byte[] take(Future<byte[]> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- batch assembly (runs on the pool) ----

    private Batch assemble(int epoch, int[] indices) {
        int size = options.imageSize();
        int plane = 3 * size * size;
        float[] images = new float[indices.length * plane];
        float[] labels = new float[indices.length];
        List<String> ids = new ArrayList<>();
        int count = 0;
        for (int index : indices) {
            byte[] pixels = pixelsOf(index);
            if (pixels == null) {
                continue; // a bad image, skipped and listed
            }
            writeSample(pixels, epoch, index, images, count * plane);
            labels[count] = samples.get(index).label();
            ids.add(samples.get(index).id());
            count++;
        }
        if (count < indices.length) {
            images = Arrays.copyOf(images, count * plane);
            labels = Arrays.copyOf(labels, count);
        }
        return new Batch(images, labels, count, 3, size, size, ids);
    }

    /** The sample's cached pixels (re-decoding a damaged entry), or freshly decoded ones. */
    private byte[] pixelsOf(int index) {
        Sample sample = samples.get(index);
        try {
            if (cache == null) {
                return PixelSource.decode(sample, options.imageSize(), options.resizeMode());
            }
            byte[] pixels = pixelBuffer.get();
            if (!cache.read(slots[index], pixels)) {
                pixels = PixelSource.decode(sample, options.imageSize(), options.resizeMode());
                cache.overwrite(
                        slots[index], CacheKey.of(sample.image(), options.imageSize(), options.resizeMode()), pixels);
            }
            return pixels;
        } catch (BadInputException e) {
            log.report(e.item());
            return null;
        }
    }

    /** Normalises (and, when training, augments) one image's bytes into the batch, in one pass; may modify {@code pixels}. */
    private void writeSample(byte[] pixels, int epoch, int index, float[] out, int offset) {
        if (options.colourConstancy()) {
            ShadesOfGray.correct(
                    pixels, options.imageSize() * options.imageSize(), pixels); // a buffer of this thread's
        }
        AugmentPipeline augmentation = options.augmentation();
        if (augmentation == null) {
            ImageTensors.writeChw(pixels, byteTable, out, offset);
        } else {
            int size = options.imageSize();
            augmentation.render(pixels, size, size, options.seed(), epoch, index, options.normalization(), out, offset);
        }
    }
}
