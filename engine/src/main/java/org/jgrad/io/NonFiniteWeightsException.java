package org.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint holds NaN or infinite values: loading it would give silent wrong answers
 * (NaN probabilities, an AUC of 0.5), so it is refused unless the caller asks for it anyway.
 */
public final class NonFiniteWeightsException extends IOException {
    /** The checkpoint that holds the non-finite values. */
    private final Path file;

    /**
     * An error whose message names the file and the problem.
     *
     * @param file the checkpoint
     * @param problem which tensor holds what, as {@link SafeTensors#firstNonFinite} describes it
     */
    public NonFiniteWeightsException(Path file, String problem) {
        super(file + ": " + problem + "; the weights are damaged or come from a diverged training");
        this.file = file;
    }

    /**
     * Returns the checkpoint the values were found in.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }
}
