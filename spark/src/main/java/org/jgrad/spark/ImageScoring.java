package org.jgrad.spark;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jgrad.app.eval.Predictions;
import org.jgrad.app.train.RunCheckpoint;
import org.jgrad.autograd.GradMode;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.image.BadImageException;
import org.jgrad.vision.image.ImageTensors;
import org.jgrad.vision.image.ResizeMode;

/**
 * Scores a DataFrame of image paths with a trained model: the same decoding, resizing,
 * normalisation, colour constancy and test-time augmentation as {@code jgrad predict}, so the
 * probabilities are predict's. Each partition takes its executor's cached model, decodes up to
 * {@code batchSize} images, runs them as one batch, and emits (path, probability, error): a missing
 * or undecodable image gets a null probability and the reason, and the task goes on.
 * Kernel threads per task: {@code spark.task.cpus}.
 */
public final class ImageScoring {
    /** The result's columns. */
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("probability", DataTypes.DoubleType, true)
            .add("error", DataTypes.StringType, true);

    private ImageScoring() {}

    /** One row per row of {@code images}: its {@code pathColumn}, the malignant probability or an error. */
    public static Dataset<Row> score(Dataset<Row> images, String pathColumn, String checkpoint, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (!java.util.Arrays.asList(images.columns()).contains(pathColumn)) {
            throw new IllegalArgumentException(
                    "no column '" + pathColumn + "' among " + String.join(", ", images.columns()));
        }
        return images.select(pathColumn).mapPartitions(scorer(checkpoint, batchSize, false), Encoders.row(SCHEMA));
    }

    /**
     * As {@link #score} for Spark's {@code binaryFile} source ({@code spark.read().format("binaryFile")}:
     * columns {@code path} and {@code content}): the images are decoded from {@code content}, so the
     * executors never read the files again; a corrupt or empty image gets an error, not a failed task.
     */
    public static Dataset<Row> scoreBinaryFiles(Dataset<Row> files, String checkpoint, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        List<String> columns = java.util.Arrays.asList(files.columns());
        if (!columns.contains("path") || !columns.contains("content")) {
            throw new IllegalArgumentException("a binaryFile DataFrame has columns 'path' and 'content'; this one has "
                    + String.join(", ", files.columns()));
        }
        return files.select("path", "content").mapPartitions(scorer(checkpoint, batchSize, true), Encoders.row(SCHEMA));
    }

    private static MapPartitionsFunction<Row, Row> scorer(String checkpoint, int batchSize, boolean inMemory) {
        return rows -> {
            TaskContext task = TaskContext.get();
            int threads = task == null ? 1 : Math.max(1, task.cpus());
            return new Scored(ModelCache.get(checkpoint, threads), rows, batchSize, inMemory);
        };
    }

    /** The rows of one partition (path, and with {@code inMemory} the file's bytes), scored batch by batch as asked for. */
    private static final class Scored implements Iterator<Row> {
        private final RunCheckpoint.Loaded loaded;
        private final Iterator<Row> paths;
        private final int batchSize;
        private final boolean inMemory;
        private final List<Row> ready = new ArrayList<>();
        private int next;

        Scored(RunCheckpoint.Loaded loaded, Iterator<Row> paths, int batchSize, boolean inMemory) {
            this.loaded = loaded;
            this.paths = paths;
            this.batchSize = batchSize;
            this.inMemory = inMemory;
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) return true;
            ready.clear();
            next = 0;
            if (paths.hasNext()) scoreNextBatch();
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            return ready.get(next++);
        }

        private void scoreNextBatch() {
            int size = loaded.imageSize(), pixels = 3 * size * size;
            List<String> names = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            List<float[]> decoded = new ArrayList<>();
            while (names.size() < batchSize && paths.hasNext()) {
                Row row = paths.next();
                String path = row.getString(0);
                names.add(path);
                try {
                    decoded.add(inMemory ? decodeBytes(path, (byte[]) row.get(1), size) : decodeFile(path, size));
                    errors.add(null);
                } catch (BadImageException | UncheckedIOException | java.nio.file.InvalidPathException e) {
                    decoded.add(null);
                    errors.add(e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
            int good = (int) decoded.stream().filter(d -> d != null).count();
            float[] batch = new float[good * pixels];
            int at = 0;
            for (float[] d : decoded) {
                if (d != null) System.arraycopy(d, 0, batch, pixels * at++, pixels);
            }
            float[] logits = good == 0 ? new float[0] : logits(batch, new int[] {good, 3, size, size});
            at = 0;
            for (int i = 0; i < names.size(); i++) {
                Double probability = decoded.get(i) == null ? null : 1 / (1 + Math.exp(-logits[at++]));
                ready.add(RowFactory.create(names.get(i), probability, errors.get(i)));
            }
        }

        private float[] decodeFile(String path, int size) {
            if (path == null || !Files.isRegularFile(Path.of(path)))
                throw new BadImageException(Path.of(String.valueOf(path)), "no such image file");
            return ImageTensors.load(
                    Path.of(path), size, ResizeMode.STRETCH, loaded.normalization(), loaded.colourConstancy());
        }

        private float[] decodeBytes(String path, byte[] content, int size) {
            Path name = Path.of(String.valueOf(path)); // only names the image in errors
            if (content == null) throw new BadImageException(name, "no content");
            return ImageTensors.load(
                    name, content, size, ResizeMode.STRETCH, loaded.normalization(), loaded.colourConstancy());
        }

        private float[] logits(float[] images, int[] shape) {
            try (GradMode.Scope scope = GradMode.noGrad()) {
                var backend = loaded.model().parameters().get(0).backend();
                return loaded.tta()
                        ? Predictions.symmetryMeanLogits(loaded.model(), images, shape, backend)
                        : loaded.model()
                                .forward(Tensor.of(backend, images, shape))
                                .toArray();
            }
        }
    }
}
