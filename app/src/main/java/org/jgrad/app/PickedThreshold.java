package org.jgrad.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decision threshold that {@code evaluate --pick-threshold} chose on a run's validation split,
 * kept as {@code threshold.json} in the run folder so that {@code predict} with that run uses it
 * (an explicit {@code --threshold} still wins).
 */
final class PickedThreshold {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PickedThreshold() {}

    static Path file(Path runDir) {
        return runDir.resolve("threshold.json");
    }

    static Path save(Path runDir, double threshold, String method) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("threshold", threshold);
        content.put("method", method);
        content.put("picked_on", "validation");
        Path target = file(runDir);
        try {
            org.jgrad.app.io.OutputFiles.writeAtomically(
                    target, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }

    /** The saved threshold, or empty when there is none; a damaged file is an error naming it. */
    static Optional<Double> load(Path runDir) {
        Path f = file(runDir);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            JsonNode node = JSON.readTree(f.toFile()).get("threshold");
            double t = node == null ? Double.NaN : node.asDouble(Double.NaN);
            if (!(t >= 0 && t <= 1)) throw new IllegalArgumentException(f + ": no threshold in [0, 1] in it");
            return Optional.of(t);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": not readable JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
