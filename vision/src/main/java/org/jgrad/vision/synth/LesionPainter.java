package org.jgrad.vision.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * Paints one synthetic dermoscopy image: skin, lesion, lighting, vignetting, hairs.
 *
 * <p>Everything that tells classes apart comes from one hidden <em>atypia</em> score in [0,1]:
 * benign lesions draw it from [0, 0.46), malignant ones from [0.46, 1]. The classes still overlap
 * in appearance, because each feature takes the score times a random factor (a mildly atypical
 * benign lesion can look worse than a mildly atypical malignant one); a LesionNet-S at 64 px reaches
 * a test AUC of about 0.97 on it, so the task is learnable but not trivial. (An earlier overlap of
 * the scores themselves, [0, 0.5] against [0.42, 1], capped that AUC near 0.95.) Atypia drives asymmetry and border irregularity ({@link LesionShape}), colour
 * variegation (black, blue-grey and red patches inside the lesion) and, a little, the diameter.
 * Skin tone, lighting, hairs and position vary independently of the class.
 */
final class LesionPainter {
    private LesionPainter() {}

    static BufferedImage paint(int width, int height, boolean malignant, Random random) {
        double atypia = malignant ? 0.46 + 0.54 * random.nextDouble() : 0.46 * random.nextDouble();
        int[] pixels = new int[width * height];
        double[] skin = {195 + 45 * random.nextDouble(), 140 + 45 * random.nextDouble(), 115 + 40 * random.nextDouble()
        };
        double[] lesion = {110 + 55 * random.nextDouble(), 68 + 35 * random.nextDouble(), 45 + 30 * random.nextDouble()
        };
        int side = Math.min(width, height);
        double radius = side * (0.14 + 0.10 * random.nextDouble() + 0.10 * atypia);
        LesionShape shape = new LesionShape(
                width * (0.5 + 0.2 * (random.nextDouble() - 0.5)),
                height * (0.5 + 0.2 * (random.nextDouble() - 0.5)),
                radius,
                atypia,
                random);
        ValueNoise texture = new ValueNoise(random.nextLong());
        ValueNoise darkPatches = new ValueNoise(random.nextLong());
        ValueNoise bluePatches = new ValueNoise(random.nextLong());
        ValueNoise redPatches = new ValueNoise(random.nextLong());
        double lightAngle = random.nextDouble() * 2 * Math.PI;
        double lightStrength = 0.05 + 0.15 * random.nextDouble();
        double vignette = 0.3 + 0.4 * random.nextDouble();
        double shadeAngle = random.nextDouble() * 2 * Math.PI;
        double edgeSoftness = 0.08 + 0.15 * random.nextDouble();
        double halfDiagonal = Math.hypot(width, height) / 2;
        double lightCos = Math.cos(lightAngle); // once per image: per pixel they cost 7% of the painting
        double lightSin = Math.sin(lightAngle);
        double shadeCos = Math.cos(shadeAngle);
        double shadeSin = Math.sin(shadeAngle);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double grain = texture.fractal(x / 10.0, y / 10.0, 2) - 0.5;
                double[] colour = {skin[0] + 30 * grain, skin[1] + 24 * grain, skin[2] + 20 * grain};
                double dx = x - shape.centreX;
                double dy = y - shape.centreY;
                double distance = Math.sqrt(dx * dx + dy * dy);
                double t = distance < shape.maxRadius() ? distance / shape.radiusToward(x, y) : 2;
                if (t < 1) {
                    double inside = Math.min(1, (1 - t) / edgeSoftness);
                    double[] pigment = pigment(
                            lesion,
                            x,
                            y,
                            t,
                            dx,
                            dy,
                            atypia,
                            radius,
                            shadeCos,
                            shadeSin,
                            darkPatches,
                            bluePatches,
                            redPatches);
                    for (int c = 0; c < 3; c++) {
                        colour[c] = colour[c] * (1 - inside) + pigment[c] * inside;
                    }
                }
                double light = 1
                        + lightStrength * ((x - width / 2.0) * lightCos + (y - height / 2.0) * lightSin) / halfDiagonal;
                double cx = x - width / 2.0;
                double cy = y - height / 2.0;
                double edge = Math.max(0, Math.sqrt(cx * cx + cy * cy) / halfDiagonal - 0.45) / 0.55;
                double dark = 1 - vignette * edge * edge;
                double sensorNoise = 8 * (random.nextFloat() - 0.5);
                pixels[y * width + x] = rgb(colour, light * dark, sensorNoise);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        // the image's own int array holds 0xRRGGBB: copy into it (setRGB converts pixel by pixel)
        System.arraycopy(pixels, 0, ((DataBufferInt) image.getRaster().getDataBuffer()).getData(), 0, pixels.length);
        drawHairs(image, random);
        return image;
    }

    /** Lesion colour at a point: even brown for low atypia, patches of black, blue-grey, red for high. */
    private static double[] pigment(
            double[] base,
            int x,
            int y,
            double t,
            double dx,
            double dy,
            double atypia,
            double radius,
            double shadeCos,
            double shadeSin,
            ValueNoise dark,
            ValueNoise blue,
            ValueNoise red) {
        double scale = radius * 0.45;
        double centreDarkening = 0.85 + 0.15 * t;
        double lopsided = 1 - 0.35 * atypia * (dx * shadeCos + dy * shadeSin) / radius;
        double[] colour = new double[3];
        for (int c = 0; c < 3; c++) {
            colour[c] = base[c] * centreDarkening * lopsided;
        }
        blend(
                colour,
                new double[] {40, 28, 26},
                patch(dark.fractal(x / scale, y / scale, 2), 0.66 - 0.22 * atypia) * atypia);
        blend(
                colour,
                new double[] {100, 112, 140},
                patch(blue.fractal(x / scale, y / scale, 2), 0.74 - 0.2 * atypia) * atypia);
        blend(
                colour,
                new double[] {180, 90, 92},
                patch(red.fractal(x / scale, y / scale, 2), 0.76 - 0.16 * atypia) * atypia * 0.8);
        return colour;
    }

    /** 0 below {@code threshold}, rising to 1 just above it. */
    private static double patch(double noise, double threshold) {
        return Math.max(0, Math.min(1, (noise - threshold) / 0.06));
    }

    private static void blend(double[] colour, double[] target, double weight) {
        for (int c = 0; c < 3; c++) {
            colour[c] += (target[c] - colour[c]) * weight;
        }
    }

    private static int rgb(double[] colour, double gain, double noise) {
        int r = clamp(colour[0] * gain + noise);
        int g = clamp(colour[1] * gain + noise);
        int b = clamp(colour[2] * gain + noise);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    /** Zero to five dark, thin, curved hairs crossing the image, independent of the class. */
    private static void drawHairs(BufferedImage image, Random random) {
        int hairs = random.nextDouble() < 0.4 ? 0 : 1 + random.nextInt(5);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int w = image.getWidth();
        int h = image.getHeight();
        for (int i = 0; i < hairs; i++) {
            int shade = 30 + random.nextInt(40);
            g.setColor(new Color(shade, (int) (shade * 0.75), (int) (shade * 0.6)));
            g.setStroke(new BasicStroke((float) (0.8 + 1.4 * random.nextDouble())));
            g.draw(new QuadCurve2D.Double(
                    random.nextDouble() * w,
                    random.nextDouble() * h,
                    random.nextDouble() * w,
                    random.nextDouble() * h,
                    random.nextDouble() * w,
                    random.nextDouble() * h));
        }
        g.dispose();
    }
}
