package org.jgrad.app.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.jgrad.autograd.GradMode;
import org.jgrad.models.ImageClassifier;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;

/**
 * Grad-CAM (Selvaraju et al. 2017): where the model looked. With A the last convolutional
 * feature maps [C, h, w] (the model's {@link ImageClassifier#features}) and y the logit, each map's weight is its mean gradient
 * α_c = mean_ij ∂y/∂A_cij, and the heat map is ReLU(Σ_c α_c A_c), scaled to [0, 1]: bright where
 * features that push towards the predicted class are active. The model has one logit, so for an
 * image it calls benign (y &lt; 0) the class score is −y: otherwise the ReLU would leave an
 * all-zero, flat map for every benign prediction. It is upsampled (bilinear) to the picture and
 * blended over it.
 */
public final class GradCam {
    private GradCam() {}

    /**
     * The heat map of one image x [1, 3, S, S]: {@code values} [h·w] in [0, 1], row-major;
     * {@code towards} the class whose evidence it shows, "malignant" or "benign".
     */
    public record HeatMap(float[] values, int height, int width, String towards) {}

    public static HeatMap compute(Module model, Tensor x) {
        model.eval();
        ImageClassifier classifier = ImageClassifier.of(model);
        Tensor features;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            features = classifier.features(x);
        }
        Tensor leaf = features.detach().requiresGrad(true);
        Tensor logit = classifier.head(leaf);
        boolean benign = logit.item() < 0;
        logit.backward();
        float[] a = leaf.toArray(), g = leaf.grad().toArray();
        if (benign) for (int i = 0; i < g.length; i++) g[i] = -g[i]; // the gradient of the benign score −y
        model.zeroGrad();
        int c = features.dim(1), h = features.dim(2), w = features.dim(3), plane = h * w;
        float[] cam = new float[plane];
        for (int k = 0; k < c; k++) {
            double alpha = 0;
            for (int i = 0; i < plane; i++) alpha += g[k * plane + i];
            alpha /= plane;
            for (int i = 0; i < plane; i++) cam[i] += (float) (alpha * a[k * plane + i]);
        }
        float max = 0;
        for (int i = 0; i < plane; i++) {
            cam[i] = Math.max(0, cam[i]);
            max = Math.max(max, cam[i]);
        }
        if (max > 0) for (int i = 0; i < plane; i++) cam[i] /= max;
        return new HeatMap(cam, h, w, benign ? "benign" : "malignant");
    }

    /**
     * The picture (CHW floats in [0, 1], side {@code size}) beside the same picture with the heat
     * map blended over it, and a caption line.
     */
    public static BufferedImage overlay(float[] chw, int size, HeatMap heat, String caption) {
        int captionHeight = 22;
        BufferedImage out = new BufferedImage(2 * size, size + captionHeight, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        for (int yy = 0; yy < size; yy++) {
            for (int xx = 0; xx < size; xx++) {
                int i = yy * size + xx;
                float r = chw[i], g = chw[plane + i], b = chw[2 * plane + i];
                out.setRGB(xx, yy, rgb(r, g, b));
                float v = sample(
                        heat, (xx + 0.5f) / size * heat.width() - 0.5f, (yy + 0.5f) / size * heat.height() - 0.5f);
                float[] jet = jet(v);
                float alpha = 0.5f;
                out.setRGB(
                        size + xx,
                        yy,
                        rgb(
                                (1 - alpha) * r + alpha * jet[0],
                                (1 - alpha) * g + alpha * jet[1],
                                (1 - alpha) * b + alpha * jet[2]));
            }
        }
        Graphics2D g2 = out.createGraphics();
        g2.setColor(Color.WHITE);
        g2.fillRect(0, size, 2 * size, captionHeight);
        g2.setColor(Color.BLACK);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        boolean flat = true;
        for (float v : heat.values()) flat &= v == 0;
        // A flat map is possible (the bias alone decides): say so rather than show an empty overlay silently.
        g2.drawString(
                caption + (flat ? "; no region adds evidence for " : "; map: evidence for ") + heat.towards(),
                6,
                size + 16);
        g2.dispose();
        return out;
    }

    /** Bilinear sample of the heat map at fractional (x, y), clamped at the borders. */
    private static float sample(HeatMap m, float x, float y) {
        x = Math.max(0, Math.min(m.width() - 1, x));
        y = Math.max(0, Math.min(m.height() - 1, y));
        int x0 = (int) x, y0 = (int) y, x1 = Math.min(x0 + 1, m.width() - 1), y1 = Math.min(y0 + 1, m.height() - 1);
        float fx = x - x0, fy = y - y0;
        float top = m.values()[y0 * m.width() + x0] * (1 - fx) + m.values()[y0 * m.width() + x1] * fx;
        float bottom = m.values()[y1 * m.width() + x0] * (1 - fx) + m.values()[y1 * m.width() + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** The "jet" colour map: blue (0) → cyan → yellow → red (1). */
    static float[] jet(float v) {
        float r = clamp(1.5f - Math.abs(4 * v - 3)),
                g = clamp(1.5f - Math.abs(4 * v - 2)),
                b = clamp(1.5f - Math.abs(4 * v - 1));
        return new float[] {r, g, b};
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    private static int rgb(float r, float g, float b) {
        return (Math.round(255 * clamp(r)) << 16) | (Math.round(255 * clamp(g)) << 8) | Math.round(255 * clamp(b));
    }
}
