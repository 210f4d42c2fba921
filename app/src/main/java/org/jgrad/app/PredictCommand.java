package org.jgrad.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.jgrad.app.eval.Predictions;
import org.jgrad.app.explain.GradCam;
import org.jgrad.app.train.RunCheckpoint;
import org.jgrad.autograd.GradMode;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.image.BadImageException;
import org.jgrad.vision.image.ImageTensors;
import org.jgrad.vision.image.Normalization;
import org.jgrad.vision.image.ResizeMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code predict}: one line per image, as the tutorial prints it ({@code <file>: 83.21% malignant}
 * or {@code <file>: 91.02% benign}); {@code --saliency DIR} also writes a Grad-CAM overlay per image.
 * An image that cannot be read gets a one-line error naming it, and the exit code is 1.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Predict benign/malignant for images with a trained model.")
public final class PredictCommand implements Callable<Integer> {
    private static final int SALIENCY_SIZE = 256;

    @Option(
            names = "--checkpoint",
            required = true,
            paramLabel = "RUN_OR_FILE",
            description = "A run folder (its best.safetensors) or a checkpoint file.")
    Path checkpoint;

    @Option(
            names = "--threshold",
            description = "Probability at or above which an image is called malignant (default: the"
                    + " threshold that evaluate --pick-threshold saved in the run folder, else 0.5).")
    Double threshold;

    @Option(
            names = "--saliency",
            paramLabel = "DIR",
            description = "Also write a Grad-CAM heat-map overlay PNG per image into DIR.")
    Path saliency;

    @Mixin
    CheckpointOptions checkpointOptions;

    @Mixin
    DeviceOption device;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "JPEG or PNG files.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1], got " + threshold);
        }
        if (threshold == null) {
            Path runDir = EvaluateCommand.runFolderOf(checkpoint);
            var saved = runDir == null ? java.util.Optional.<Double>empty() : PickedThreshold.load(runDir);
            threshold = saved.orElse(0.5);
            if (saved.isPresent()) {
                System.err.println(
                        "threshold " + threshold + " (picked by evaluate, " + PickedThreshold.file(runDir) + ")");
            }
        }
        DeviceOption.Selection selection = device.resolve();
        RunCheckpoint.Loaded loaded =
                RunCheckpoint.load(checkpoint, selection.backend(), checkpointOptions.allowNonFinite);
        int size = loaded.imageSize();
        Normalization normalization = loaded.normalization();
        int failures = 0;
        for (Path image : images) {
            float[] chw;
            try {
                if (!Files.isRegularFile(image)) throw new BadImageException(image, "no such image file");
                chw = ImageTensors.load(image, size, ResizeMode.STRETCH, normalization, loaded.colourConstancy());
            } catch (BadImageException | UncheckedIOException e) {
                System.err.println("error: " + firstLine(e.getMessage()));
                failures++;
                continue;
            }
            Tensor x = Tensor.of(selection.backend(), chw, 1, 3, size, size);
            double p;
            loaded.model().eval();
            boolean symmetries = checkpointOptions.tta(loaded);
            try (GradMode.Scope scope = GradMode.noGrad()) {
                double logit = symmetries
                        ? Predictions.symmetryMeanLogits(loaded.model(), chw, x.shape(), selection.backend())[0]
                        : loaded.model().forward(x).item();
                p = 1 / (1 + Math.exp(-logit));
            }
            if (Double.isNaN(p)) {
                throw new ArithmeticException(loaded.file() + " gives a NaN probability for " + image
                        + " (its weights are not finite or overflow)");
            }
            String line = p >= threshold
                    ? String.format(Locale.ROOT, "%s: %.2f%% malignant", image, 100 * p)
                    : String.format(Locale.ROOT, "%s: %.2f%% benign", image, 100 * (1 - p));
            System.out.println(line);
            if (saliency != null) writeSaliency(loaded, x, image, line);
        }
        return failures == 0 ? 0 : 1;
    }

    private void writeSaliency(RunCheckpoint.Loaded loaded, Tensor x, Path image, String caption) throws IOException {
        GradCam.HeatMap heat = GradCam.compute(loaded.model(), x);
        float[] picture = ImageTensors.load(image, SALIENCY_SIZE, ResizeMode.STRETCH, Normalization.UNIT);
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path png = saliency.resolve((dot > 0 ? name.substring(0, dot) : name) + "-gradcam.png");
        Files.createDirectories(saliency);
        ImageIO.write(
                GradCam.overlay(picture, SALIENCY_SIZE, heat, caption.substring(caption.lastIndexOf(": ") + 2)),
                "png",
                png.toFile());
        System.out.println("  saliency: " + png);
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : Main.oneShortLine(s);
    }
}
