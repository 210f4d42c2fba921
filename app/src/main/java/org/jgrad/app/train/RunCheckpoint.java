package org.jgrad.app.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.backend.Backend;
import org.jgrad.io.Checkpoints;
import org.jgrad.io.NonFiniteWeightsException;
import org.jgrad.io.SafeTensors;
import org.jgrad.nn.Module;
import org.jgrad.optim.ModelEma;
import org.jgrad.optim.Optimizer;
import org.jgrad.vision.image.Normalization;

/**
 * The app's checkpoints: safetensors files (weights, and for last.safetensors the optimizer state)
 * whose metadata says which model they hold, so that {@code evaluate} and {@code predict} can
 * rebuild it: {@code jgrad.model}, {@code jgrad.image_size}, {@code jgrad.normalization} (unit or
 * imagenet: how evaluate and predict scale pixels; absent in older files = the model's own),
 * {@code jgrad.resize}, {@code jgrad.colour_constancy} (true when images were colour-corrected
 * with Shades of Gray; absent in older files = false), {@code jgrad.epoch}, and
 * {@code jgrad.train_state} (TrainState as JSON). last.safetensors also holds the weight average
 * ({@code ema.*}) when the run keeps one.
 */
public final class RunCheckpoint {
    public static final String MODEL = "jgrad.model";
    public static final String IMAGE_SIZE = "jgrad.image_size";
    public static final String NORMALIZATION = "jgrad.normalization";
    public static final String RESIZE = "jgrad.resize";
    public static final String COLOUR_CONSTANCY = "jgrad.colour_constancy";
    /** Whether the run evaluated with test-time augmentation: evaluate and predict do the same unless told otherwise. */
    public static final String TTA = "jgrad.tta";

    public static final String EPOCH = "jgrad.epoch";
    public static final String STATE = "jgrad.train_state";

    private RunCheckpoint() {}

    /**
     * Saves {@code model} (and {@code optimizer} and the weight average {@code ema} when not null)
     * atomically with the run's metadata.
     */
    public static void save(
            Path file, TrainConfig config, Module model, Optimizer optimizer, ModelEma ema, TrainState state) {
        ModelKind kind = config.modelKind();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MODEL, kind.cliName());
        meta.put(IMAGE_SIZE, Integer.toString(config.imageSize()));
        meta.put(NORMALIZATION, config.normalizationName());
        meta.put(RESIZE, "stretch");
        meta.put(COLOUR_CONSTANCY, Boolean.toString(config.colourConstancy()));
        meta.put(TTA, Boolean.toString(config.tta()));
        meta.put(EPOCH, Integer.toString(state.epochsDone()));
        try {
            meta.put(STATE, OutputFiles.JSON.writeValueAsString(state));
            Checkpoints.save(file, model, optimizer, ema == null ? Map.of() : ema.stateDict(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** A model rebuilt from a checkpoint, with what its metadata said. */
    public record Loaded(
            Path file,
            ModelKind kind,
            int imageSize,
            boolean colourConstancy,
            boolean tta,
            Module model,
            SafeTensors.Contents contents,
            Normalization normalization) {
        public TrainState state() {
            return RunCheckpoint.state(file, contents);
        }
    }

    /**
     * {@code fileOrRun} is a checkpoint file, or a run folder (its best.safetensors). Builds the
     * model the metadata names on {@code backend} and loads every tensor, strictly; weights that
     * are not finite are refused.
     */
    public static Loaded load(Path fileOrRun, Backend backend) throws IOException {
        return load(fileOrRun, backend, false);
    }

    /** As {@link #load(Path, Backend)}; {@code allowNonFinite} loads NaN or infinite weights too (for debugging). */
    public static Loaded load(Path fileOrRun, Backend backend, boolean allowNonFinite) throws IOException {
        Path file = Files.isDirectory(fileOrRun) ? new RunFiles(fileOrRun).best() : fileOrRun;
        if (Files.isDirectory(fileOrRun) && !Files.isRegularFile(file)) {
            throw new IOException(
                    fileOrRun + ": no best.safetensors in this run folder (did the run complete an epoch?)");
        }
        if (!Files.exists(file)) throw new IOException(file + ": no such checkpoint file or run folder");
        SafeTensors.Contents contents = SafeTensors.read(file);
        String model = contents.metadata().get(MODEL);
        if (model == null) {
            throw new IOException(file + ": not a jgrad training checkpoint (its metadata names no model);"
                    + " pretrained weights go to train --init-from");
        }
        ModelKind kind;
        int imageSize;
        Normalization normalization;
        try {
            kind = ModelKind.parse(model);
            String size = contents.metadata().getOrDefault(IMAGE_SIZE, Integer.toString(kind.defaultImageSize()));
            try {
                imageSize = Integer.parseInt(size.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        IMAGE_SIZE + " '" + org.jgrad.io.ShortText.of(size) + "' is not a whole number");
            }
            kind.checkImageSize(imageSize, IMAGE_SIZE); // before the model is sized from it
            normalization = ModelKind.normalizationNamed(
                    contents.metadata().getOrDefault(NORMALIZATION, kind.normalizationName()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
        Module net = kind.create(imageSize, 0).to(backend);
        try {
            Checkpoints.load(file, contents, net, true, allowNonFinite);
        } catch (NonFiniteWeightsException e) {
            throw new IOException(e.getMessage() + " (--allow-nonfinite loads it anyway, for debugging)", e);
        }
        boolean colourConstancy = Boolean.parseBoolean(contents.metadata().getOrDefault(COLOUR_CONSTANCY, "false"));
        boolean tta = Boolean.parseBoolean(contents.metadata().getOrDefault(TTA, "false"));
        return new Loaded(file, kind, imageSize, colourConstancy, tta, net, contents, normalization);
    }

    static TrainState state(Path file, SafeTensors.Contents contents) {
        String json = contents.metadata().get(STATE);
        if (json == null)
            throw new UncheckedIOException(
                    new IOException(file + ": holds no training state (not a jgrad run checkpoint)"));
        try {
            return OutputFiles.JSON.readValue(json, TrainState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(file + ": unreadable training state: " + e.getMessage()));
        }
    }
}
