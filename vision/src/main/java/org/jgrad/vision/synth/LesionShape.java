package org.jgrad.vision.synth;

import java.util.Random;

/**
 * The outline of one lesion in polar form around its centre:
 * {@code r(θ) = R · (1 + e·cos 2(θ-φ) + Σ_k a_k cos(kθ + φ_k) + b·noise(θ))}.
 * Elongation {@code e}, lobes {@code a_k} and border noise {@code b} all grow with atypia, which
 * gives the A (asymmetry) and B (border) of the ABCD rule. Radii are tabulated per half degree.
 */
final class LesionShape {
    private static final int STEPS = 720;
    final double centreX;
    final double centreY;
    final double meanRadius;
    private final double[] radius = new double[STEPS];
    private double maxRadius;

    LesionShape(double centreX, double centreY, double meanRadius, double atypia, Random random) {
        this.centreX = centreX;
        this.centreY = centreY;
        this.meanRadius = meanRadius;
        double elongation = 0.03 + 0.08 * random.nextDouble() + 0.28 * atypia * random.nextDouble();
        double elongationAngle = random.nextDouble() * Math.PI;
        double[] lobe = new double[8];
        double[] lobePhase = new double[8];
        for (int k = 3; k < 8; k++) {
            lobe[k] = (0.01 + 0.10 * Math.pow(atypia, 1.5)) * random.nextDouble() / Math.sqrt(k - 2);
            lobePhase[k] = random.nextDouble() * 2 * Math.PI;
        }
        double borderNoise = 0.01 + 0.16 * atypia * atypia;
        ValueNoise noise = new ValueNoise(random.nextLong());
        for (int i = 0; i < STEPS; i++) {
            double theta = 2 * Math.PI * i / STEPS;
            double r = 1 + elongation * Math.cos(2 * (theta - elongationAngle));
            for (int k = 3; k < 8; k++) {
                r += lobe[k] * Math.cos(k * theta + lobePhase[k]);
            }
            r += borderNoise * (noise.fractal(3 + 3 * Math.cos(theta), 3 + 3 * Math.sin(theta), 3) - 0.5) * 2;
            radius[i] = meanRadius * Math.max(0.3, r);
            maxRadius = Math.max(maxRadius, radius[i]);
        }
    }

    /** The largest radius of the outline: no pixel further away is inside. */
    double maxRadius() {
        return maxRadius;
    }

    /** The outline's radius towards pixel (x, y). */
    double radiusToward(double x, double y) {
        double theta = Math.atan2(y - centreY, x - centreX);
        int i = (int) Math.round((theta < 0 ? theta + 2 * Math.PI : theta) / (2 * Math.PI) * STEPS) % STEPS;
        return radius[i];
    }
}
