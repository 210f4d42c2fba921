package org.jgrad.vision.augment;

import java.util.Random;

/**
 * Scales about the centre by a factor drawn uniformly from [minFactor, maxFactor]; a factor
 * above 1 magnifies (zooms in), below 1 shrinks and fills the border with {@code fill}.
 */
public record Zoom(double minFactor, double maxFactor, Fill fill) implements Augmentation {
    public Zoom {
        if (!(minFactor > 0) || maxFactor < minFactor) {
            throw new IllegalArgumentException("zoom range must satisfy 0 < min <= max");
        }
    }

    @Override
    public void addTo(AugmentPlan plan, Random random) {
        plan.scale(minFactor + random.nextDouble() * (maxFactor - minFactor)).fill(fill);
    }
}
