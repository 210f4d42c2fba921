package org.jgrad.app.train;

import org.jgrad.metrics.BinaryMetrics;

/**
 * One row of metrics.csv: an epoch's loss and metrics on one split (train or validation) at
 * threshold 0.5. auc is NaN when the split holds one class only.
 */
public record EpochMetrics(
        int epoch, String split, double loss, double accuracy, double precision, double recall, double auc) {

    public static EpochMetrics of(int epoch, String split, double loss, BinaryMetrics m) {
        return new EpochMetrics(epoch, split, loss, m.accuracy(), m.precision(), m.recall(), m.rocAuc());
    }

    /** The CSV header, in the order of {@link #csvRow()}. */
    public static final String CSV_HEADER = "epoch,split,loss,accuracy,precision,recall,auc";

    public String csvRow() {
        return epoch + "," + split + "," + num(loss) + "," + num(accuracy) + "," + num(precision) + "," + num(recall)
                + "," + num(auc);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.6f", v);
    }
}
