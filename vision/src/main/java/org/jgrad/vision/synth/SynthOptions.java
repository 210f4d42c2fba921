package org.jgrad.vision.synth;

/**
 * Options for {@link SyntheticLesions}.
 *
 * @param width             image width in pixels (default 256)
 * @param height            image height in pixels (default 192)
 * @param malignantFraction share of malignant images (default 0.2); the count is rounded
 * @param jpegQuality       JPEG quality 0..1 (default 0.9)
 * @param threads           worker threads (default: available processors)
 */
public record SynthOptions(int width, int height, double malignantFraction, float jpegQuality, int threads) {
    public SynthOptions {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("synthetic images must be at least 16x16");
        }
        if (malignantFraction < 0 || malignantFraction > 1) {
            throw new IllegalArgumentException("malignant fraction must be in [0,1]");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
    }

    public static SynthOptions defaults() {
        return new SynthOptions(256, 192, 0.2, 0.9f, Runtime.getRuntime().availableProcessors());
    }

    public SynthOptions withSize(int newWidth, int newHeight) {
        return new SynthOptions(newWidth, newHeight, malignantFraction, jpegQuality, threads);
    }

    public SynthOptions withMalignantFraction(double fraction) {
        return new SynthOptions(width, height, fraction, jpegQuality, threads);
    }

    public SynthOptions withThreads(int count) {
        return new SynthOptions(width, height, malignantFraction, jpegQuality, count);
    }
}
