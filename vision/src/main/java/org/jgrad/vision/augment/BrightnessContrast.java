package org.jgrad.vision.augment;

import boofcv.alg.misc.ImageStatistics;
import boofcv.alg.misc.PixelMath;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;

import java.util.Random;

/**
 * Colour jitter: {@code out = (in - m) * contrast + m * brightness}, where {@code m} is the
 * image's mean gray level, {@code brightness} is drawn from [1 - maxBrightness, 1 + maxBrightness]
 * and {@code contrast} from [1 - maxContrast, 1 + maxContrast]. Values beyond 0..255 are clamped
 * later, when the image becomes a tensor.
 */
public record BrightnessContrast(double maxBrightness, double maxContrast) implements Augmentation {
    @Override
    public Planar<GrayF32> apply(Planar<GrayF32> image, Random random) {
        float brightness = (float) (1 + (random.nextDouble() * 2 - 1) * maxBrightness);
        float contrast = (float) (1 + (random.nextDouble() * 2 - 1) * maxContrast);
        float mean = 0;
        for (int band = 0; band < image.getNumBands(); band++) {
            mean += ImageStatistics.mean(image.getBand(band));
        }
        mean /= image.getNumBands();
        float shift = mean * brightness - mean * contrast;
        for (int band = 0; band < image.getNumBands(); band++) {
            GrayF32 channel = image.getBand(band);
            PixelMath.multiply(channel, contrast, channel);
            PixelMath.plus(channel, shift, channel);
        }
        return image;
    }
}
