package org.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint holds NaN or infinite values: loading it would give silent wrong answers
 * (NaN probabilities, an AUC of 0.5), so it is refused unless the caller asks for it anyway.
 */
public final class NonFiniteWeightsException extends IOException {
    private final Path file;

    public NonFiniteWeightsException(Path file, String problem) {
        super(file + ": " + problem + "; the weights are damaged or come from a diverged training");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
