package org.jgrad.vision.image;

import java.nio.file.Path;

/**
 * An image file that could not be decoded: missing, truncated, corrupt or of an unsupported
 * kind. The message always names the file, so that a user can find and fix it.
 */
public class BadImageException extends RuntimeException {
    private final Path file;

    public BadImageException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public BadImageException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The image file that failed. */
    public Path file() {
        return file;
    }
}
