package org.jgrad.app.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.backend.Backend;
import org.jgrad.io.Checkpoints;
import org.jgrad.io.SafeTensors;
import org.jgrad.nn.Module;
import org.jgrad.optim.Optimizer;

/**
 * The app's checkpoints: safetensors files (weights, and for last.safetensors the optimizer state)
 * whose metadata says which model they hold, so that {@code evaluate} and {@code predict} can
 * rebuild it: {@code jgrad.model}, {@code jgrad.image_size}, {@code jgrad.normalization},
 * {@code jgrad.resize}, {@code jgrad.epoch}, and {@code jgrad.train_state} (TrainState as JSON).
 */
public final class RunCheckpoint {
    public static final String MODEL = "jgrad.model";
    public static final String IMAGE_SIZE = "jgrad.image_size";
    public static final String NORMALIZATION = "jgrad.normalization";
    public static final String RESIZE = "jgrad.resize";
    public static final String EPOCH = "jgrad.epoch";
    public static final String STATE = "jgrad.train_state";

    private RunCheckpoint() { }

    /** Saves {@code model} (and {@code optimizer} when not null) atomically with the run's metadata. */
    public static void save(Path file, ModelKind kind, int imageSize, Module model, Optimizer optimizer, TrainState state) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MODEL, kind.cliName());
        meta.put(IMAGE_SIZE, Integer.toString(imageSize));
        meta.put(NORMALIZATION, kind.normalizationName());
        meta.put(RESIZE, "stretch");
        meta.put(EPOCH, Integer.toString(state.epochsDone()));
        try {
            meta.put(STATE, RunFiles.JSON.writeValueAsString(state));
            Checkpoints.save(file, model, optimizer, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** A model rebuilt from a checkpoint, with what its metadata said. */
    public record Loaded(Path file, ModelKind kind, int imageSize, Module model, SafeTensors.Contents contents) {
        public TrainState state() { return RunCheckpoint.state(file, contents); }
    }

    /**
     * {@code fileOrRun} is a checkpoint file, or a run folder (its best.safetensors). Builds the
     * model the metadata names on {@code backend} and loads every tensor, strictly.
     */
    public static Loaded load(Path fileOrRun, Backend backend) throws IOException {
        Path file = Files.isDirectory(fileOrRun) ? new RunFiles(fileOrRun).best() : fileOrRun;
        if (Files.isDirectory(fileOrRun) && !Files.isRegularFile(file)) {
            throw new IOException(fileOrRun + ": no best.safetensors in this run folder (did the run complete an epoch?)");
        }
        if (!Files.exists(file)) throw new IOException(file + ": no such checkpoint file or run folder");
        SafeTensors.Contents header = SafeTensors.read(file);
        String model = header.metadata().get(MODEL);
        if (model == null) {
            throw new IOException(file + ": not a jgrad training checkpoint (its metadata names no model);"
                    + " pretrained weights go to train --init-from");
        }
        ModelKind kind;
        int imageSize;
        try {
            kind = ModelKind.parse(model);
            imageSize = Integer.parseInt(header.metadata().getOrDefault(IMAGE_SIZE, Integer.toString(kind.defaultImageSize())));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
        Module net = kind.create(imageSize, 0).to(backend);
        SafeTensors.Contents contents = Checkpoints.load(file, net, true);
        return new Loaded(file, kind, imageSize, net, contents);
    }

    static TrainState state(Path file, SafeTensors.Contents contents) {
        String json = contents.metadata().get(STATE);
        if (json == null) throw new UncheckedIOException(new IOException(file + ": holds no training state (not a jgrad run checkpoint)"));
        try {
            return RunFiles.JSON.readValue(json, TrainState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(file + ": unreadable training state: " + e.getMessage()));
        }
    }
}
