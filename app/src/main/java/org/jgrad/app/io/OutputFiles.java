package org.jgrad.app.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How the app writes every output file (run folders, evaluations, reports, summaries): whole, to a
 * temporary file in the same folder that is then renamed over the target, so a killed process never
 * leaves a half-written file under a real name. Temporary files start with "." and end with ".tmp".
 */
public final class OutputFiles {
    /** The JSON writer of config.json, metrics.json and the other JSON files (indented). */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutputFiles() {}

    /** Writes {@code text} as UTF-8 to {@code file} atomically. */
    public static void writeAtomically(Path file, String text) {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes through {@link org.jgrad.io.AtomicFiles}: temp file, fsync, rename. */
    public static void writeAtomically(Path file, byte[] bytes) {
        try {
            org.jgrad.io.AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} as indented JSON to {@code file} atomically. */
    public static void writeJson(Path file, Object value) {
        try {
            writeAtomically(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
