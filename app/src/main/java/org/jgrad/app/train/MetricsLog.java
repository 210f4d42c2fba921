package org.jgrad.app.train;

import java.util.List;

/**
 * metrics.csv ({@code epoch,split,loss,accuracy,precision,recall,auc}) and metrics.json (the same
 * rows as a JSON array). Both are rewritten whole from the run's history after every epoch, so
 * after a resume they hold exactly the completed epochs, never a row of an epoch that was cut off.
 */
public final class MetricsLog {
    private MetricsLog() { }

    public static void write(RunFiles files, List<EpochMetrics> history) {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        for (EpochMetrics m : history) csv.append(m.csvRow()).append('\n');
        RunFiles.writeAtomically(files.metricsCsv(), csv.toString());
        RunFiles.writeJson(files.metricsJson(), history);
    }
}
