package org.jgrad.app.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.app.eval.Evaluation;
import org.jgrad.app.io.OutputFiles;

/**
 * metrics.csv ({@code epoch,split,loss,accuracy,precision,recall,auc}) and metrics.json
 * ({@code {"epochs": [the same rows], "test": {…}}}, "test" once the best weights have been
 * evaluated on the test split: {@link Evaluation#json()}). Both are rewritten whole from the run's
 * history after every epoch, so after a resume they hold exactly the completed epochs, never a
 * row of an epoch that was cut off.
 */
public final class MetricsLog {
    private MetricsLog() {}

    public static void write(RunFiles files, List<EpochMetrics> history) {
        write(files, history, null);
    }

    /** As {@link #write(RunFiles, List)}, with the final test evaluation when {@code test} is not null. */
    public static void write(RunFiles files, List<EpochMetrics> history, Evaluation test) {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        for (EpochMetrics m : history) csv.append(m.csvRow()).append('\n');
        OutputFiles.writeAtomically(files.metricsCsv(), csv.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epochs", history);
        if (test != null) json.put("test", test.json());
        OutputFiles.writeJson(files.metricsJson(), json);
    }
}
