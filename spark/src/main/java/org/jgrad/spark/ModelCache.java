package org.jgrad.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jgrad.app.train.RunCheckpoint;
import org.jgrad.app.train.RunFiles;
import org.jgrad.device.Devices;

/**
 * The models an executor JVM has loaded, by checkpoint file, its SHA-256 and the thread count: the
 * many tasks of a job (and later jobs in the same executor) load each model once, and a checkpoint
 * replaced under the same path is loaded afresh because its hash differs. A model is only read
 * (evaluation mode, no gradients), so concurrent tasks can share it.
 */
final class ModelCache {
    private static final Map<String, RunCheckpoint.Loaded> LOADED = new ConcurrentHashMap<>();

    private ModelCache() {}

    /** The model of {@code checkpoint} (a run folder or a checkpoint file) on the CPU with {@code threads} threads. */
    static RunCheckpoint.Loaded get(String checkpoint, int threads) {
        Path given = Path.of(checkpoint);
        Path file = Files.isDirectory(given) ? new RunFiles(given).best() : given;
        String key = file.toAbsolutePath().normalize() + "#" + sha256(file) + "#" + threads;
        return LOADED.computeIfAbsent(key, k -> {
            try {
                RunCheckpoint.Loaded loaded =
                        RunCheckpoint.load(given, Devices.select("cpu", threads).backend());
                loaded.model().eval();
                return loaded;
            } catch (IOException e) {
                throw new UncheckedIOException(checkpoint + ": " + e.getMessage(), e);
            }
        });
    }

    static int size() {
        return LOADED.size();
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
