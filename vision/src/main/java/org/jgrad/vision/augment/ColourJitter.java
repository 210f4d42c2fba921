package org.jgrad.vision.augment;

import java.util.Random;

/**
 * Colour jitter beyond brightness and contrast: a saturation factor drawn from
 * [1 - maxSaturation, 1 + maxSaturation], and a gain per band (R, G, B) each drawn from
 * [1 - maxGain, 1 + maxGain], a slight colour cast. Dermoscopes, cameras and lighting differ
 * from clinic to clinic; small changes of this kind keep the network from relying on one
 * device's colours. Always draws four numbers, in the same order.
 */
public record ColourJitter(double maxSaturation, double maxGain) implements Augmentation {
    public ColourJitter {
        if (!(maxSaturation >= 0 && maxSaturation < 1) || !(maxGain >= 0 && maxGain < 1)) {
            throw new IllegalArgumentException("colour jitter limits must lie in [0, 1)");
        }
    }

    @Override
    public void addTo(AugmentPlan plan, Random random) {
        float saturation = (float) (1 + (random.nextDouble() * 2 - 1) * maxSaturation);
        float red = (float) (1 + (random.nextDouble() * 2 - 1) * maxGain);
        float green = (float) (1 + (random.nextDouble() * 2 - 1) * maxGain);
        float blue = (float) (1 + (random.nextDouble() * 2 - 1) * maxGain);
        plan.saturate(saturation).gain(red, green, blue);
    }
}
