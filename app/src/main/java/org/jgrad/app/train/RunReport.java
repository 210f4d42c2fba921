package org.jgrad.app.train;

import java.nio.file.Path;
import org.jgrad.app.eval.Evaluation;

/**
 * Writes a finished run's report and returns its path; the app passes {@code HtmlReport::write}.
 * The trainer calls it last, once the test split is evaluated. It is handed in rather than called
 * by name because the report is built from the run's pieces (this package), so it sits above them.
 */
@FunctionalInterface
public interface RunReport {
    Path write(
            RunFiles files,
            TrainConfig config,
            RunData data,
            TrainState state,
            Evaluation test,
            String deviceNote,
            double seconds);
}
