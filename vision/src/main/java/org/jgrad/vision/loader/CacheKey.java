package org.jgrad.vision.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jgrad.vision.image.ResizeMode;

/**
 * The identity of one cache entry: SHA-256 of (absolute source path, modification time, file
 * length, target size, resize mode). Editing or replacing an image changes its time or length,
 * hence its key, so a stale entry is simply never found again.
 */
final class CacheKey {
    static final int BYTES = 32;

    private CacheKey() {}

    /** The 32-byte key of {@code image} resized to {@code size} with {@code mode}. */
    static byte[] of(Path image, int size, ResizeMode mode) {
        try {
            String text = image.toAbsolutePath().normalize() + "|"
                    + Files.getLastModifiedTime(image).toMillis() + "|" + Files.size(image) + "|" + size + "|"
                    + mode.cliName();
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + image, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Hex form, used as a map key. */
    static String hex(byte[] key) {
        StringBuilder text = new StringBuilder();
        for (byte b : key) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }
}
