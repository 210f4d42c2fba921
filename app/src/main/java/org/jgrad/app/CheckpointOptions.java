package org.jgrad.app;

import org.jgrad.app.train.RunCheckpoint;
import picocli.CommandLine.Option;

/** How evaluate and predict use a checkpoint: test-time augmentation and loading non-finite weights. */
public final class CheckpointOptions {
    @Option(
            names = "--tta",
            negatable = true,
            description =
                    "Average the model over the 8 flips/rotations of each image (default: as the run's test evaluation did).")
    Boolean tta;

    @Option(
            names = "--allow-nonfinite",
            description = "Load a checkpoint holding NaN or infinite weights anyway (for debugging;"
                    + " NaN probabilities are still refused).")
    boolean allowNonFinite;

    /** Whether to average over the symmetries: as asked, else as the checkpoint's run did. */
    boolean tta(RunCheckpoint.Loaded loaded) {
        return tta != null ? tta : loaded.tta();
    }
}
