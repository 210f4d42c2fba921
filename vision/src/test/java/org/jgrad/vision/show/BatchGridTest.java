package org.jgrad.vision.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.image.Normalization;
import org.jgrad.vision.loader.Batch;
import org.jgrad.vision.synth.SynthOptions;
import org.jgrad.vision.synth.SyntheticLesions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchGridTest {
    @TempDir
    Path temp;

    @Test
    void showWritesAFiveByFiveGridPng() throws Exception {
        SyntheticLesions.generate(
                temp.resolve("data"), 30, 1, SynthOptions.defaults().withSize(64, 48));
        Dataset dataset = DatasetReader.read(temp.resolve("data"));
        Path png = BatchGrid.show(dataset, temp.resolve("out/grid.png"), 32, 5, 1);
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(5 * (32 + 4) + 4, grid.getWidth());
        assertEquals(5 * (32 + 16 + 4) + 4, grid.getHeight());
    }

    @Test
    void batchGridUndoesNormalisation() throws Exception {
        float[] images = new float[3 * 2 * 2];
        java.util.Arrays.fill(images, (1f - 0.485f) / 0.229f); // red channel white under ImageNet stats
        Batch batch = new Batch(images, new float[] {1}, 1, 3, 2, 2, List.of("x"));
        Path png = BatchGrid.write(batch, Normalization.IMAGENET, temp.resolve("b.png"), 5);
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(255, (grid.getRGB(4, 4) >> 16) & 0xFF);
    }
}
