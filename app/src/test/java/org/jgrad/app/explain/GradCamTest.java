package org.jgrad.app.explain;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jgrad.app.Cli;
import org.jgrad.app.train.RunCheckpoint;
import org.jgrad.backend.Backend;
import org.jgrad.device.Devices;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.image.ImageTensors;
import org.jgrad.vision.image.ResizeMode;
import org.junit.jupiter.api.Test;

/**
 * Grad-CAM shows the evidence for the predicted class: a benign prediction gets the map of the
 * benign score (it was flat, the ReLU of the malignant evidence, for every benign prediction).
 */
class GradCamTest {
    @Test
    void benignAndMalignantPredictionsBothGetAMap() throws Exception {
        Backend cpu = Devices.cpu();
        RunCheckpoint.Loaded loaded = RunCheckpoint.load(Cli.tinyRun(), cpu);
        int size = loaded.imageSize();
        List<Path> images;
        try (Stream<Path> files = Files.list(Cli.syntheticImages())) {
            images = files.sorted().limit(40).toList();
        }
        int benign = 0, malignant = 0;
        for (Path image : images) {
            float[] chw = ImageTensors.load(
                    image, size, ResizeMode.STRETCH, loaded.kind().normalization(), loaded.colourConstancy());
            GradCam.HeatMap heat = GradCam.compute(loaded.model(), Tensor.of(cpu, chw, 1, 3, size, size));
            float max = 0;
            for (float v : heat.values()) max = Math.max(max, v);
            if (heat.towards().equals("benign")) {
                assertEquals(1f, max, 1e-6f, image + ": the map of a benign prediction is flat");
                benign++;
            } else {
                malignant++;
            }
        }
        assertTrue(benign > 0, "some images are predicted benign (" + malignant + " malignant)");
    }
}
