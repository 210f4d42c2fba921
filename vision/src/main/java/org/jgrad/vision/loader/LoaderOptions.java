package org.jgrad.vision.loader;

import java.nio.file.Path;
import org.jgrad.vision.augment.AugmentPipeline;
import org.jgrad.vision.image.Normalization;
import org.jgrad.vision.image.ResizeMode;

/**
 * Options for {@link DataLoader}.
 *
 * @param imageSize      side of the square model input (64, 224, 299, ...)
 * @param resizeMode     stretch, center-crop or pad
 * @param batchSize      images per batch
 * @param shuffle        reshuffle every epoch (training); off for validation and test
 * @param seed           seeds the shuffle and the augmentation
 * @param augmentation   training augmentation, or {@code null} (validation and test: always null)
 * @param normalization  how pixels become floats
 * @param threads        decoding threads
 * @param prefetch       batches prepared ahead of the consumer (bounded queue length)
 * @param cacheDir       pixel cache folder (default {@code ~/.cache/jgrad}), or {@code null} for no cache
 * @param skipBad        skip and list undecodable images instead of stopping at the first
 * @param dropLast       drop a last batch smaller than {@code batchSize}
 * @param colourConstancy correct each image's colour cast (Shades of Gray) before augmenting and normalising
 */
public record LoaderOptions(
        int imageSize,
        ResizeMode resizeMode,
        int batchSize,
        boolean shuffle,
        long seed,
        AugmentPipeline augmentation,
        Normalization normalization,
        int threads,
        int prefetch,
        Path cacheDir,
        boolean skipBad,
        boolean dropLast,
        boolean colourConstancy) {
    public LoaderOptions {
        if (imageSize < 1 || batchSize < 1 || threads < 1 || prefetch < 1) {
            throw new IllegalArgumentException("image size, batch size, threads and prefetch must be >= 1");
        }
    }

    /** Evaluation defaults: no shuffle, no augmentation, [0,1] pixels, stretch, cache in ~/.cache/jgrad. */
    public static LoaderOptions evaluation(int imageSize, int batchSize) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new LoaderOptions(
                imageSize,
                ResizeMode.STRETCH,
                batchSize,
                false,
                1,
                null,
                Normalization.UNIT,
                threads,
                2 * threads,
                PixelCache.defaultFolder(),
                false,
                false,
                false);
    }

    /** Training defaults: as {@link #evaluation} plus shuffling and the standard augmentation. */
    public static LoaderOptions training(int imageSize, int batchSize, long seed) {
        return evaluation(imageSize, batchSize)
                .withShuffle(true)
                .withSeed(seed)
                .withAugmentation(AugmentPipeline.standard());
    }

    public LoaderOptions withResizeMode(ResizeMode mode) {
        return new LoaderOptions(
                imageSize,
                mode,
                batchSize,
                shuffle,
                seed,
                augmentation,
                normalization,
                threads,
                prefetch,
                cacheDir,
                skipBad,
                dropLast,
                colourConstancy);
    }

    public LoaderOptions withShuffle(boolean on) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                on,
                seed,
                augmentation,
                normalization,
                threads,
                prefetch,
                cacheDir,
                skipBad,
                dropLast,
                colourConstancy);
    }

    public LoaderOptions withSeed(long newSeed) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                newSeed,
                augmentation,
                normalization,
                threads,
                prefetch,
                cacheDir,
                skipBad,
                dropLast,
                colourConstancy);
    }

    public LoaderOptions withAugmentation(AugmentPipeline pipeline) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                seed,
                pipeline,
                normalization,
                threads,
                prefetch,
                cacheDir,
                skipBad,
                dropLast,
                colourConstancy);
    }

    public LoaderOptions withNormalization(Normalization newNormalization) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                seed,
                augmentation,
                newNormalization,
                threads,
                prefetch,
                cacheDir,
                skipBad,
                dropLast,
                colourConstancy);
    }

    public LoaderOptions withThreads(int count, int prefetchBatches) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                seed,
                augmentation,
                normalization,
                count,
                prefetchBatches,
                cacheDir,
                skipBad,
                dropLast,
                colourConstancy);
    }

    /** {@code null} turns the cache off (every epoch decodes). */
    public LoaderOptions withCacheDir(Path dir) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                seed,
                augmentation,
                normalization,
                threads,
                prefetch,
                dir,
                skipBad,
                dropLast,
                colourConstancy);
    }

    public LoaderOptions withSkipBad(boolean skip) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                seed,
                augmentation,
                normalization,
                threads,
                prefetch,
                cacheDir,
                skip,
                dropLast,
                colourConstancy);
    }

    public LoaderOptions withDropLast(boolean drop) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                seed,
                augmentation,
                normalization,
                threads,
                prefetch,
                cacheDir,
                skipBad,
                drop,
                colourConstancy);
    }

    public LoaderOptions withColourConstancy(boolean on) {
        return new LoaderOptions(
                imageSize,
                resizeMode,
                batchSize,
                shuffle,
                seed,
                augmentation,
                normalization,
                threads,
                prefetch,
                cacheDir,
                skipBad,
                dropLast,
                on);
    }
}
