package org.jgrad.vision.augment;

import java.util.Random;

/** Rotates about the centre by an angle drawn uniformly from [-maxDegrees, +maxDegrees]. */
public record Rotate(double maxDegrees, Fill fill) implements Augmentation {
    @Override
    public void addTo(AugmentPlan plan, Random random) {
        plan.rotate(Math.toRadians((random.nextDouble() * 2 - 1) * maxDegrees)).fill(fill);
    }
}
