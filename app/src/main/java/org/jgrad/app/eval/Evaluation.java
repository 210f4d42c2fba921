package org.jgrad.app.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.metrics.BinaryMetrics;
import org.jgrad.metrics.Calibration;
import org.jgrad.metrics.ConfusionMatrix;
import org.jgrad.metrics.PrCurve;
import org.jgrad.metrics.RocCurve;
import org.jgrad.vision.data.Sample;

/**
 * A model's evaluation on one labelled set: loss, the metrics at a threshold, the ROC and PR
 * curves, the clinical figures (AUC interval, operating points, calibration; {@link ClinicalMetrics})
 * and each image's probability. Writes roc.csv (fpr,tpr,threshold), roc.png, pr.png,
 * reliability.png and predictions.csv, gives its numbers for metrics.json ({@link #json()}), and
 * prints the summary whose last line is {@code <split> auc=<value>}.
 *
 * @param split       what was evaluated ("test", "validation", a folder name)
 * @param predictions probabilities, labels and loss
 * @param samples     the images, to find each prediction's file
 * @param metrics     metrics at the threshold
 * @param roc         the ROC curve
 * @param pr          the precision-recall curve
 * @param thresholdNote how the threshold was chosen
 * @param clinical    AUC interval, sensitivity/specificity targets, calibration, small-class warnings
 */
public record Evaluation(
        String split,
        Predictions predictions,
        List<Sample> samples,
        BinaryMetrics metrics,
        RocCurve roc,
        PrCurve pr,
        String thresholdNote,
        ClinicalMetrics clinical) {

    public static Evaluation of(String split, Predictions p, List<Sample> samples, double threshold) {
        return of(split, p, samples, threshold, "default");
    }

    public static Evaluation of(
            String split, Predictions p, List<Sample> samples, double threshold, String thresholdNote) {
        RocCurve roc = RocCurve.of(p.scores(), p.labels());
        return new Evaluation(
                split,
                p,
                samples,
                BinaryMetrics.of(p.scores(), p.labels(), threshold),
                roc,
                PrCurve.of(p.scores(), p.labels()),
                thresholdNote,
                ClinicalMetrics.of(split, p.scores(), p.labels(), roc));
    }

    /** Writes roc.csv, roc.png, pr.png, reliability.png and predictions.csv into {@code dir}. */
    public List<Path> writeFiles(Path dir) {
        StringBuilder csv = new StringBuilder("fpr,tpr,threshold\n");
        for (RocCurve.Point pt : roc.points()) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%.6f,%.6f,%s%n",
                    pt.fpr(),
                    pt.tpr(),
                    Double.isInfinite(pt.threshold()) ? "inf" : String.format(Locale.ROOT, "%.6f", pt.threshold())));
        }
        OutputFiles.writeAtomically(dir.resolve("roc.csv"), csv.toString());
        OutputFiles.writeAtomically(dir.resolve("roc.png"), rocPng(640, 520));
        OutputFiles.writeAtomically(dir.resolve("pr.png"), prPng(640, 520));
        OutputFiles.writeAtomically(dir.resolve("reliability.png"), reliabilityPng(640, 520));
        Map<String, Sample> byId = samplesById();
        StringBuilder rows = new StringBuilder("image_id,path,label,probability\n");
        for (int i = 0; i < predictions.ids().size(); i++) {
            Sample s = byId.get(predictions.ids().get(i));
            rows.append(predictions.ids().get(i))
                    .append(',')
                    .append(s == null ? "" : csvQuote(s.image().toString()))
                    .append(',')
                    .append(predictions.labels()[i])
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.6f", predictions.scores()[i]))
                    .append('\n');
        }
        OutputFiles.writeAtomically(dir.resolve("predictions.csv"), rows.toString());
        return List.of(
                dir.resolve("roc.csv"),
                dir.resolve("roc.png"),
                dir.resolve("pr.png"),
                dir.resolve("reliability.png"),
                dir.resolve("predictions.csv"));
    }

    public byte[] rocPng(int width, int height) {
        double[] x = new double[roc.points().size()], y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = roc.points().get(i).fpr();
            y[i] = roc.points().get(i).tpr();
        }
        String title = "ROC (" + split + "), AUC " + fmt(metrics.rocAuc());
        return Charts.png(
                title,
                "false-positive rate (1 − specificity)",
                "true-positive rate (sensitivity)",
                List.of(new Charts.Series("model", x, y)),
                false,
                true,
                true,
                width,
                height);
    }

    public byte[] prPng(int width, int height) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        xs.add(0.0);
        ys.add(pr.points().isEmpty() ? 1.0 : pr.points().get(0).precision());
        for (PrCurve.Point pt : pr.points()) {
            xs.add(pt.recall());
            ys.add(pt.precision());
        }
        double base = metrics.count() == 0 ? 0 : (double) metrics.positives() / metrics.count();
        String title = "Precision-recall (" + split + "), AP " + fmt(metrics.prAuc());
        return Charts.png(
                title,
                "recall",
                "precision",
                List.of(
                        new Charts.Series(
                                "model",
                                xs.stream().mapToDouble(Double::doubleValue).toArray(),
                                ys.stream().mapToDouble(Double::doubleValue).toArray()),
                        new Charts.Series(
                                "chance (" + fmt(base) + ")", new double[] {0, 1}, new double[] {base, base})),
                false,
                false,
                true,
                width,
                height);
    }

    /** The reliability diagram: per non-empty bin, observed fraction of malignant against mean predicted probability. */
    public byte[] reliabilityPng(int width, int height) {
        List<Calibration.Bin> bins = clinical.calibration().bins().stream()
                .filter(b -> b.count() > 0)
                .toList();
        double[] x = bins.stream().mapToDouble(Calibration.Bin::meanPredicted).toArray();
        double[] y =
                bins.stream().mapToDouble(Calibration.Bin::observedFraction).toArray();
        String title = "Reliability (" + split + "), Brier "
                + fmt(clinical.calibration().brier());
        return Charts.png(
                title,
                "mean predicted probability of malignant",
                "observed fraction malignant",
                List.of(new Charts.Series("model (10 bins)", x, y)),
                true,
                "perfect calibration",
                true,
                width,
                height);
    }

    /** The numbers of this evaluation for metrics.json (undefined numbers are null). */
    public Map<String, Object> json() {
        BinaryMetrics m = metrics;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("split", split);
        j.put("images", m.count());
        j.put("malignant", m.positives());
        j.put("benign", m.count() - m.positives());
        j.put("loss", ClinicalMetrics.num(predictions.loss()));
        j.put("threshold", m.threshold());
        j.put("thresholdNote", thresholdNote);
        j.put("accuracy", m.accuracy());
        j.put("precision", m.precision());
        j.put("recall", m.recall());
        j.put("specificity", m.specificity());
        j.put("f1", m.f1());
        ConfusionMatrix cm = m.confusion();
        Map<String, Long> confusion = new LinkedHashMap<>();
        confusion.put("tp", cm.tp());
        confusion.put("fp", cm.fp());
        confusion.put("tn", cm.tn());
        confusion.put("fn", cm.fn());
        j.put("confusion", confusion);
        j.put("rocAuc", ClinicalMetrics.num(m.rocAuc()));
        if (m.aucNote() != null) j.put("rocAucNote", m.aucNote());
        j.put("prAuc", ClinicalMetrics.num(m.prAuc()));
        j.putAll(clinical.json());
        return j;
    }

    public Map<String, Sample> samplesById() {
        Map<String, Sample> byId = new HashMap<>();
        for (Sample s : samples) byId.put(s.id(), s);
        return byId;
    }

    /** The printed summary; its last line is {@code <split> auc=<value>} (NaN when undefined). */
    public String summary() {
        BinaryMetrics m = metrics;
        ConfusionMatrix cm = m.confusion();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d images (%d malignant)%n", split, m.count(), m.positives()));
        sb.append(String.format(Locale.ROOT, "  loss          %.4f%n", predictions.loss()));
        sb.append(String.format(Locale.ROOT, "  threshold     %.4f (%s)%n", m.threshold(), thresholdNote));
        sb.append(String.format(
                Locale.ROOT,
                "  accuracy      %.4f%n  precision     %.4f%n  recall        %.4f (sensitivity)%n",
                m.accuracy(),
                m.precision(),
                m.recall()));
        sb.append(String.format(Locale.ROOT, "  specificity   %.4f%n  F1            %.4f%n", m.specificity(), m.f1()));
        sb.append(String.format(
                Locale.ROOT,
                "  ROC AUC       %s (rank-based, ties ½); trapezoid %s%n",
                fmt(m.rocAuc()),
                fmt(m.rocAucTrapezoid())));
        sb.append(clinical.intervalLine());
        sb.append(String.format(Locale.ROOT, "  PR AUC        %s (average precision)%n", fmt(m.prAuc())));
        if (m.aucNote() != null) sb.append("  note: ").append(m.aucNote()).append('\n');
        sb.append(clinical.operatingAndCalibrationLines());
        sb.append(String.format(Locale.ROOT, "  confusion     predicted malignant / benign%n"));
        sb.append(String.format(
                Locale.ROOT,
                "    malignant   %6d / %d%n    benign      %6d / %d%n",
                cm.tp(),
                cm.fn(),
                cm.fp(),
                cm.tn()));
        sb.append(clinical.warningLines());
        sb.append(String.format(
                Locale.ROOT,
                "%s auc=%s%n",
                split,
                Double.isNaN(m.rocAuc()) ? "NaN" : String.format(Locale.ROOT, "%.4f", m.rocAuc())));
        return sb.toString();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csvQuote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
