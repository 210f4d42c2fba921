package org.jgrad.app.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * The files of one run folder, {@code runs/<date-time>-<model>/}:
 * <pre>
 *   config.json        the settings (TrainConfig) and the data's description
 *   split/             train.csv, validation.csv, test.csv: the images of each split
 *   last.safetensors   weights + optimizer state + TrainState after the last completed epoch (for --resume)
 *   best.safetensors   weights of the epoch with the lowest validation loss
 *   metrics.csv/.json  one row per epoch and split
 *   roc.png roc.csv pr.png predictions.csv   the test-split evaluation
 *   report.html        the self-contained report
 * </pre>
 * Every file is written whole to a temporary file and renamed over the target
 * ({@link org.jgrad.app.io.OutputFiles}), so a killed run never leaves a half-written file under a real name.
 */
public record RunFiles(Path dir) {

    /** A new run folder name under {@code parent}: {@code 2026-11-25_14-03-12-lesionnet-s}. */
    public static Path newRunDir(Path parent, String model) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss"));
        Path dir = parent.resolve(stamp + "-" + model);
        for (int n = 2; Files.exists(dir); n++) dir = parent.resolve(stamp + "-" + model + "-" + n);
        return dir;
    }

    public Path config() {
        return dir.resolve("config.json");
    }

    public Path splitDir() {
        return dir.resolve("split");
    }

    public Path last() {
        return dir.resolve("last.safetensors");
    }

    public Path best() {
        return dir.resolve("best.safetensors");
    }

    public Path metricsCsv() {
        return dir.resolve("metrics.csv");
    }

    public Path metricsJson() {
        return dir.resolve("metrics.json");
    }

    public Path report() {
        return dir.resolve("report.html");
    }

    /**
     * Removes what a new run writes before its first epoch is complete (config.json, split/,
     * temporaries), so the same command can start afresh once the cause of the failure is fixed.
     */
    public void removeUnfinished() {
        try {
            Files.deleteIfExists(config());
            if (Files.isDirectory(splitDir())) {
                try (Stream<Path> split = Files.list(splitDir())) {
                    for (Path p : split.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(splitDir());
            }
            removeLeftoverTemporaries();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir + " after the failed start: " + e.getMessage(), e);
        }
    }

    /** Deletes the run folder when nothing is left in it (a run that created it and failed at once). */
    public void removeIfEmpty() {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty, gone, or claimed by another run meanwhile: leave it
        }
    }

    /** Removes temporary files a killed run left behind (they never carry a real name). */
    public void removeLeftoverTemporaries() {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(".")
                            && p.getFileName().toString().endsWith(".tmp"))
                    .toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
