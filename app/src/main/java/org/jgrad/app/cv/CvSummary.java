package org.jgrad.app.cv;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.app.eval.ClinicalMetrics;
import org.jgrad.app.eval.Evaluation;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.app.train.Trainer;
import org.jgrad.metrics.DeLong;

/**
 * The outcome of a cross-validation: one row per fold and the mean ± standard deviation of the
 * test ROC AUC over folds (the spread says how much one split's figure can be trusted), and the
 * AUC of all folds' test predictions pooled, with its DeLong interval. Pooling mixes k models
 * whose probabilities may be scaled differently, so the per-fold mean is the headline figure.
 *
 * @param folds    k
 * @param seed     the seed of the folds and of every model
 * @param data     the data set's one-line summary
 * @param rows     one per fold
 * @param meanAuc  mean of the folds' test AUCs (folds with an undefined AUC left out)
 * @param stdAuc   their sample standard deviation (denominator k − 1); NaN with fewer than two
 * @param pooled   AUC and interval of the pooled test predictions
 */
public record CvSummary(
        int folds, long seed, String data, List<Fold> rows, double meanAuc, double stdAuc, DeLong.Interval pooled) {

    /**
     * One fold's test figures.
     *
     * @param sensitivityAt90  sensitivity at specificity ≥ 0.90
     */
    public record Fold(
            int fold,
            String runFolder,
            int testImages,
            int testMalignant,
            double auc,
            double aucLow,
            double aucHigh,
            double sensitivityAt90,
            double brier,
            int bestEpoch,
            int epochs) {
        static Fold of(int fold, String runFolder, Trainer.Result result) {
            Evaluation t = result.test();
            DeLong.Interval ci = t.clinical().aucInterval();
            double sens90 = t.clinical().sensitivityAtSpecificity().stream()
                    .filter(p -> p.target() == 0.90)
                    .findFirst()
                    .map(p -> p.sensitivity())
                    .orElse(Double.NaN);
            return new Fold(
                    fold,
                    runFolder,
                    t.metrics().count(),
                    t.metrics().positives(),
                    t.metrics().rocAuc(),
                    ci.low(),
                    ci.high(),
                    sens90,
                    t.clinical().calibration().brier(),
                    result.state().bestEpoch(),
                    result.state().epochsDone());
        }
    }

    static CvSummary of(int folds, long seed, String data, List<Fold> rows, DeLong.Interval pooled) {
        double[] aucs = rows.stream()
                .mapToDouble(Fold::auc)
                .filter(a -> !Double.isNaN(a))
                .toArray();
        double mean = aucs.length == 0
                ? Double.NaN
                : java.util.Arrays.stream(aucs).average().orElseThrow();
        double std = Double.NaN;
        if (aucs.length >= 2) {
            double squares = 0;
            for (double a : aucs) squares += (a - mean) * (a - mean);
            std = Math.sqrt(squares / (aucs.length - 1));
        }
        return new CvSummary(folds, seed, data, List.copyOf(rows), mean, std, pooled);
    }

    /** The CSV header, in the order of each row. */
    static final String CSV_HEADER =
            "fold,run_folder,test_images,test_malignant,auc,auc_low,auc_high,sensitivity_at_specificity_0.90,brier,best_epoch,epochs";

    void write(Path dir) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Fold f : rows) {
            csv.append(f.fold())
                    .append(',')
                    .append(f.runFolder())
                    .append(',')
                    .append(f.testImages())
                    .append(',')
                    .append(f.testMalignant())
                    .append(',')
                    .append(num(f.auc()))
                    .append(',')
                    .append(num(f.aucLow()))
                    .append(',')
                    .append(num(f.aucHigh()))
                    .append(',')
                    .append(num(f.sensitivityAt90()))
                    .append(',')
                    .append(num(f.brier()))
                    .append(',')
                    .append(f.bestEpoch())
                    .append(',')
                    .append(f.epochs())
                    .append('\n');
        }
        OutputFiles.writeAtomically(dir.resolve("cv-summary.csv"), csv.toString());
        OutputFiles.writeJson(dir.resolve("cv-summary.json"), json());
    }

    Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("folds", folds);
        j.put("seed", seed);
        j.put("data", data);
        j.put("meanAuc", value(meanAuc));
        j.put("stdAuc", value(stdAuc));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("auc", value(pooled.auc()));
        p.put("low", value(pooled.low()));
        p.put("high", value(pooled.high()));
        p.put("method", "DeLong, all folds' test predictions together");
        if (pooled.note() != null) p.put("note", pooled.note());
        j.put("pooled", p);
        List<Map<String, Object>> folds = new java.util.ArrayList<>();
        for (Fold f : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fold", f.fold());
            m.put("runFolder", f.runFolder());
            m.put("testImages", f.testImages());
            m.put("testMalignant", f.testMalignant());
            m.put("auc", value(f.auc()));
            m.put("aucLow", value(f.aucLow()));
            m.put("aucHigh", value(f.aucHigh()));
            m.put("sensitivityAtSpecificity090", value(f.sensitivityAt90()));
            m.put("brier", value(f.brier()));
            m.put("bestEpoch", f.bestEpoch());
            m.put("epochs", f.epochs());
            folds.add(m);
        }
        j.put("perFold", folds);
        return j;
    }

    /** The console table: one line per fold, then the mean ± std and the pooled AUC. */
    String table() {
        StringBuilder sb = new StringBuilder(
                "fold  test images  malignant  ROC AUC  95% CI (DeLong)    sens@spec0.90  Brier   best epoch\n");
        for (Fold f : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%4d  %11d  %9d  %7s  %-18s  %13s  %6s  %d of %d%n",
                    f.fold(),
                    f.testImages(),
                    f.testMalignant(),
                    fmt(f.auc()),
                    Double.isNaN(f.aucLow()) ? "undefined" : fmt(f.aucLow()) + " – " + fmt(f.aucHigh()),
                    fmt(f.sensitivityAt90()),
                    fmt(f.brier()),
                    f.bestEpoch(),
                    f.epochs()));
        }
        sb.append(String.format(
                Locale.ROOT,
                "test ROC AUC over %d folds: mean %s ± %s (standard deviation)%n",
                folds,
                fmt(meanAuc),
                fmt(stdAuc)));
        sb.append(String.format(
                Locale.ROOT,
                "pooled test predictions: ROC AUC %s, 95%% CI %s%n",
                fmt(pooled.auc()),
                pooled.defined() ? fmt(pooled.low()) + " – " + fmt(pooled.high()) : "undefined"));
        int small = (int) rows.stream()
                .filter(f -> f.testMalignant() < ClinicalMetrics.MIN_PER_CLASS
                        || f.testImages() - f.testMalignant() < ClinicalMetrics.MIN_PER_CLASS)
                .count();
        if (small > 0) {
            sb.append("warning: ")
                    .append(small)
                    .append(" of ")
                    .append(folds)
                    .append(" folds test fewer than ")
                    .append(ClinicalMetrics.MIN_PER_CLASS)
                    .append(" malignant or benign images: their AUCs are noisy; fewer folds give each more\n");
        }
        return sb.toString();
    }

    /** {@code cv auc=<mean> std=<std> folds=<k>}, for scripts. */
    String lastLine() {
        return String.format(Locale.ROOT, "cv auc=%s std=%s folds=%d", num(meanAuc), num(stdAuc), folds);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static Double value(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
