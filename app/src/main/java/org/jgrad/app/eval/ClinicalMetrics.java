package org.jgrad.app.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.metrics.Calibration;
import org.jgrad.metrics.DeLong;
import org.jgrad.metrics.OperatingPoint;
import org.jgrad.metrics.RocCurve;

/**
 * What a clinical reader needs beside the AUC: how sure the AUC is (DeLong's 95 % interval), the
 * sensitivity the model reaches at the specificities screening works at (0.80, 0.90, 0.95) and
 * the specificity it keeps at sensitivity 0.90, whether its probabilities mean what they say
 * (Brier score, reliability bins), and a warning when a class is too rare for any of it to hold.
 *
 * @param aucInterval               DeLong's 95 % interval of the ROC AUC
 * @param sensitivityAtSpecificity  one point per entry of {@link #SPECIFICITIES}
 * @param specificityAtSensitivity  one point per entry of {@link #SENSITIVITIES}
 * @param calibration               Brier score and the 10-bin reliability diagram
 * @param warnings                  sentences for the reader; empty when none applies
 */
public record ClinicalMetrics(
        DeLong.Interval aucInterval,
        List<OperatingPoint> sensitivityAtSpecificity,
        List<OperatingPoint> specificityAtSensitivity,
        Calibration calibration,
        List<String> warnings) {
    public static final double[] SPECIFICITIES = {0.80, 0.90, 0.95};
    public static final double[] SENSITIVITIES = {0.90};
    /**
     * Below this many images of a class, one image of it moves the AUC by more than 0.1 and the
     * interval's normal approximation is poor: the figures are still shown, with a warning.
     */
    public static final int MIN_PER_CLASS = 10;

    public static ClinicalMetrics of(String split, double[] scores, int[] labels, RocCurve roc) {
        List<OperatingPoint> sens = new ArrayList<>(), spec = new ArrayList<>();
        for (double s : SPECIFICITIES) sens.add(OperatingPoint.sensitivityAtSpecificity(roc, s));
        for (double s : SENSITIVITIES) spec.add(OperatingPoint.specificityAtSensitivity(roc, s));
        return new ClinicalMetrics(
                DeLong.interval(scores, labels),
                List.copyOf(sens),
                List.copyOf(spec),
                Calibration.of(scores, labels),
                smallClassWarnings(split, roc.positives(), roc.negatives()));
    }

    /** One warning per class with fewer than {@link #MIN_PER_CLASS} images. */
    static List<String> smallClassWarnings(String split, int malignant, int benign) {
        List<String> warnings = new ArrayList<>();
        if (malignant < MIN_PER_CLASS) warnings.add(smallClass(split, malignant, "malignant"));
        if (benign < MIN_PER_CLASS) warnings.add(smallClass(split, benign, "benign"));
        return List.copyOf(warnings);
    }

    private static String smallClass(String split, int count, String name) {
        return String.format(
                Locale.ROOT,
                "the %s set has only %d %s image%s (fewer than %d): its ROC AUC, interval and"
                        + " sensitivity/specificity are unreliable; evaluate on more images or use `jgrad cv`",
                split,
                count,
                name,
                count == 1 ? "" : "s",
                MIN_PER_CLASS);
    }

    /** The console line of the AUC's interval (indented like {@link Evaluation#summary()}). */
    String intervalLine() {
        DeLong.Interval ci = aucInterval;
        if (ci.defined()) {
            return String.format(
                    Locale.ROOT,
                    "  AUC 95%% CI    %.4f – %.4f (DeLong, standard error %.4f)%n",
                    ci.low(),
                    ci.high(),
                    ci.standardError());
        }
        return "  AUC 95% CI    undefined: " + ci.note() + "\n";
    }

    /** The console lines of the operating points and calibration. */
    String operatingAndCalibrationLines() {
        StringBuilder sb = new StringBuilder("  sensitivity  ");
        for (OperatingPoint p : sensitivityAtSpecificity) {
            sb.append(String.format(
                    Locale.ROOT, " %s at specificity ≥ %.2f;", Evaluation.fmt(p.sensitivity()), p.target()));
        }
        sb.setLength(sb.length() - 1);
        sb.append('\n').append("  specificity  ");
        for (OperatingPoint p : specificityAtSensitivity) {
            sb.append(String.format(
                    Locale.ROOT, " %s at sensitivity ≥ %.2f;", Evaluation.fmt(p.specificity()), p.target()));
        }
        sb.setLength(sb.length() - 1);
        sb.append(String.format(
                Locale.ROOT,
                "%n  Brier score   %s (calibration error %s, 10 bins)%n",
                Evaluation.fmt(calibration.brier()),
                Evaluation.fmt(calibration.ece())));
        return sb.toString();
    }

    /** One console line per warning. */
    String warningLines() {
        StringBuilder sb = new StringBuilder();
        for (String w : warnings) sb.append("warning: ").append(w).append('\n');
        return sb.toString();
    }

    /** The JSON fields (undefined numbers are null). */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        DeLong.Interval ci = aucInterval;
        Map<String, Object> interval = new LinkedHashMap<>();
        interval.put("low", num(ci.low()));
        interval.put("high", num(ci.high()));
        interval.put("standardError", num(ci.standardError()));
        interval.put("method", "DeLong");
        if (ci.note() != null) interval.put("note", ci.note());
        m.put("rocAuc95", interval);
        m.put("sensitivityAtSpecificity", points(sensitivityAtSpecificity));
        m.put("specificityAtSensitivity", points(specificityAtSensitivity));
        m.put("brier", num(calibration.brier()));
        m.put("expectedCalibrationError", num(calibration.ece()));
        List<Map<String, Object>> bins = new ArrayList<>();
        for (Calibration.Bin b : calibration.bins()) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("lower", b.lower());
            bin.put("upper", b.upper());
            bin.put("count", b.count());
            bin.put("meanPredicted", num(b.meanPredicted()));
            bin.put("observedFraction", num(b.observedFraction()));
            bins.add(bin);
        }
        m.put("reliability", bins);
        m.put("warnings", warnings);
        return m;
    }

    private static List<Map<String, Object>> points(List<OperatingPoint> points) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (OperatingPoint p : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", p.target());
            m.put("sensitivity", num(p.sensitivity()));
            m.put("specificity", num(p.specificity()));
            m.put("threshold", num(p.threshold())); // null: undefined, or +∞ (nothing is called malignant)
            out.add(m);
        }
        return out;
    }

    /** JSON has no NaN or infinity: those become null. */
    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
