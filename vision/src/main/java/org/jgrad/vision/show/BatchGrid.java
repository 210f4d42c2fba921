package org.jgrad.vision.show;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.Labels;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.image.ImageTensors;
import org.jgrad.vision.image.Normalization;
import org.jgrad.vision.image.ResizeMode;
import org.jgrad.vision.loader.Batch;

/**
 * Draws thumbnails in a grid (5×5 by default), each with its label under it, and saves a PNG.
 * {@link #show} picks a seeded random sample from a dataset (the {@code show} command's API);
 * {@link #write(Batch, Normalization, Path, int)} shows a batch exactly as the loader produced it.
 */
public final class BatchGrid {
    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 4;

    private BatchGrid() {}

    /** Writes a {@code columns}×{@code columns} grid of random samples of {@code dataset}, seeded. */
    public static Path show(Dataset dataset, Path png, int thumbnail, int columns, long seed) {
        List<Sample> samples = new ArrayList<>(dataset.samples());
        Collections.shuffle(samples, new Random(seed));
        samples = samples.subList(0, Math.min(columns * columns, samples.size()));
        List<float[]> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Sample sample : samples) {
            images.add(ImageTensors.load(sample.image(), thumbnail, ResizeMode.CENTER_CROP, Normalization.UNIT));
            captions.add(sample.className());
        }
        return write(images, captions, thumbnail, Normalization.UNIT, columns, png);
    }

    /** Writes the images of {@code batch} (undoing {@code normalization}) in a grid. */
    public static Path write(Batch batch, Normalization normalization, Path png, int columns) {
        List<float[]> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int plane = batch.channels() * batch.height() * batch.width();
        for (int n = 0; n < batch.size(); n++) {
            float[] chw = new float[plane];
            System.arraycopy(batch.images(), n * plane, chw, 0, plane);
            images.add(chw);
            captions.add(Labels.name((int) batch.labels()[n]));
        }
        return write(images, captions, batch.height(), normalization, columns, png);
    }

    /** Writes square CHW thumbnails of side {@code side} with captions, {@code columns} per row. */
    static Path write(
            List<float[]> images, List<String> captions, int side, Normalization normalization, int columns, Path png) {
        int rows = Math.max(1, (images.size() + columns - 1) / columns);
        int cellWidth = side + GAP;
        int cellHeight = side + LABEL_HEIGHT + GAP;
        BufferedImage grid =
                new BufferedImage(columns * cellWidth + GAP, rows * cellHeight + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < images.size(); i++) {
            int x0 = GAP + (i % columns) * cellWidth;
            int y0 = GAP + (i / columns) * cellHeight;
            grid.setRGB(x0, y0, side, side, toRgb(images.get(i), side, normalization), 0, side);
            boolean malignant = captions.get(i).equals("malignant");
            g.setColor(malignant ? new Color(180, 0, 0) : new Color(0, 90, 0));
            g.drawString(captions.get(i), x0 + 2, y0 + side + LABEL_HEIGHT - 4);
        }
        g.dispose();
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(grid, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }

    /** CHW floats (normalised) back to packed RGB ints. */
    private static int[] toRgb(float[] chw, int side, Normalization normalization) {
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        int plane = side * side;
        int[] rgb = new int[plane];
        for (int p = 0; p < plane; p++) {
            int value = 0;
            for (int c = 0; c < 3; c++) {
                float unit = chw[c * plane + p] * std[c] + mean[c];
                value = (value << 8) | Math.max(0, Math.min(255, Math.round(unit * 255)));
            }
            rgb[p] = value;
        }
        return rgb;
    }
}
