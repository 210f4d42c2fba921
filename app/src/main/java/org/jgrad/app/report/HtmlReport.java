package org.jgrad.app.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jgrad.app.eval.Charts;
import org.jgrad.app.eval.ClinicalMetrics;
import org.jgrad.app.eval.Evaluation;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.app.train.EpochMetrics;
import org.jgrad.app.train.RunData;
import org.jgrad.app.train.RunFiles;
import org.jgrad.app.train.TrainConfig;
import org.jgrad.app.train.TrainState;
import org.jgrad.app.train.Trainer;
import org.jgrad.metrics.BinaryMetrics;
import org.jgrad.metrics.Calibration;
import org.jgrad.metrics.ConfusionMatrix;
import org.jgrad.metrics.DeLong;
import org.jgrad.metrics.OperatingPoint;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.image.ImageTensors;
import org.jgrad.vision.image.Normalization;
import org.jgrad.vision.image.ResizeMode;
import org.jgrad.vision.split.SplitName;

/**
 * report.html: one self-contained page per run (styles inline, every picture a data: URI, no
 * script, nothing fetched), readable offline in any browser. Sections: settings, data split,
 * loss and metric curves per epoch, the test evaluation (metrics, the AUC's 95 % interval,
 * sensitivity/specificity targets, ROC, PR and reliability charts, calibration table, confusion
 * matrix, a warning when a class is too small) and a grid of test images with their predicted
 * probability, worst mistakes first. {@code evaluate} writes the same evaluation section as its own page.
 */
public final class HtmlReport {
    private static final int GRID_IMAGES = 32;
    private static final int THUMBNAIL = 96;

    private HtmlReport() {}

    public static Path write(
            RunFiles files,
            TrainConfig config,
            RunData data,
            TrainState state,
            Evaluation test,
            String deviceNote,
            double seconds) {
        StringBuilder h = new StringBuilder();
        String name = files.dir().getFileName().toString();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>jgrad run ")
                .append(esc(name))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        BinaryMetrics m = test.metrics();
        h.append("<h1>jgrad run <code>").append(esc(name)).append("</code></h1>\n");
        h.append("<p class=\"lead\">Test ROC AUC <b>")
                .append(aucWithInterval(test))
                .append("</b>, accuracy <b>")
                .append(fmt(m.accuracy()))
                .append("</b> on ")
                .append(m.count())
                .append(" test images; ")
                .append(esc(Trainer.bestEpochSentence(config, state)))
                .append(state.stoppedEarly() ? " (stopped early)" : "")
                .append("; ")
                .append(String.format(Locale.ROOT, "%.0f s", seconds))
                .append(".</p>\n");

        h.append("<h2>Settings</h2>\n<table class=\"kv\">");
        row(h, "model", config.model() + ", " + config.imageSize() + " px");
        row(
                h,
                "epochs",
                config.epochs()
                        + (config.earlyStop() > 0
                                ? " (early stop after " + config.earlyStop() + " without improvement)"
                                : ""));
        row(h, "batch size", Integer.toString(config.batchSize()));
        row(
                h,
                "optimizer",
                config.optimizer() + ", learning rate " + config.learningRate()
                        + ("cosine".equals(config.lrSchedule()) ? " with cosine decay to 1%" : " (constant)"));
        row(h, "recipe", Trainer.describeRecipe(config));
        row(
                h,
                "augmentation",
                !config.augment()
                        ? "off"
                        : "dermoscopy".equals(config.augmentationName())
                                ? "any rotation, random resized crop (zoom 1–1.3, aspect ±15%, shift ±8%, reflected edges), flips, brightness/contrast ±20%, saturation ±20%, colour cast ±5%"
                                : "rotation ±15°, zoom 0.95–1.05, flips, brightness/contrast ±10%");
        row(h, "training loss", config.describeLoss());
        row(
                h,
                "class imbalance",
                "class weight " + config.classWeight() + (config.balancedSampling() ? ", balanced sampling" : ""));
        row(h, "seed", Long.toString(config.seed()));
        // The data's description: its summary, then "labels: ..." and "division: ..." lines, each a row of its own.
        for (String line : data.source().lines().toList()) {
            int colon = line.indexOf(": ");
            boolean keyed = line.startsWith("labels: ") || line.startsWith("division: ");
            row(h, keyed ? line.substring(0, colon) : "data", keyed ? line.substring(colon + 2) : line);
        }
        if (config.initFrom() != null)
            row(h, "initial weights", config.initFrom() + (config.freezeBackbone() ? " (backbone frozen)" : ""));
        row(h, "device", deviceNote);
        h.append("</table>\n");

        h.append("<h2>Data split</h2>\n<table><tr><th>split</th><th>benign</th><th>malignant</th><th>total</th></tr>");
        for (SplitName s : SplitName.values()) {
            int b = data.count(s, 0), mal = data.count(s, 1);
            h.append("<tr><td>")
                    .append(s.fileName())
                    .append("</td><td>")
                    .append(b)
                    .append("</td><td>")
                    .append(mal)
                    .append("</td><td>")
                    .append(b + mal)
                    .append("</td></tr>");
        }
        h.append("</table>\n");

        h.append("<h2>Training</h2>\n<div class=\"row\">");
        img(h, lossChart(state.history()), "loss per epoch");
        img(h, metricChart(state.history()), "validation metrics per epoch");
        h.append("</div>\n");
        epochTable(
                h,
                state.history(),
                state.bestEpoch(),
                config.selectsWithinOneStandardError()
                        ? "the last epoch whose validation ROC AUC is within one standard error of the highest"
                        : config.selectsByAuc() ? "highest validation ROC AUC" : "lowest validation loss");

        h.append("<h2>Test evaluation</h2>\n");
        evaluationSection(h, test);

        imageGrid(h, test, "Test images");
        h.append(
                "<p class=\"foot\">Written by jgrad. Files beside this report: metrics.csv, metrics.json, roc.csv, "
                        + "roc.png, pr.png, reliability.png, predictions.csv, best.safetensors, last.safetensors, split/.</p>\n</body></html>\n");
        OutputFiles.writeAtomically(files.report(), h.toString());
        return files.report();
    }

    /**
     * The report of {@code evaluate}: what was evaluated, then the same evaluation section and image
     * grid as a run's report.
     */
    public static Path writeEvaluation(Path file, Evaluation evaluation, String checkpointNote) {
        StringBuilder h = new StringBuilder();
        String title = "jgrad evaluation: " + evaluation.split();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(title))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"lead\">ROC AUC <b>")
                .append(aucWithInterval(evaluation))
                .append("</b> on ")
                .append(evaluation.metrics().count())
                .append(" images.</p>\n");
        h.append("<table class=\"kv\">");
        row(h, "checkpoint", checkpointNote);
        h.append("</table>\n<h2>Evaluation</h2>\n");
        evaluationSection(h, evaluation);
        imageGrid(h, evaluation, "Images");
        h.append(
                "<p class=\"foot\">Written by jgrad evaluate. Files beside this report: metrics.json, roc.csv, roc.png, pr.png, "
                        + "reliability.png, predictions.csv.</p>\n</body></html>\n");
        OutputFiles.writeAtomically(file, h.toString());
        return file;
    }

    /** Metrics, warnings, the clinical figures, the ROC, PR and reliability charts and the confusion matrix of one evaluation. */
    private static void evaluationSection(StringBuilder h, Evaluation test) {
        BinaryMetrics m = test.metrics();
        ClinicalMetrics c = test.clinical();
        for (String w : c.warnings())
            h.append("<p class=\"warn\">Warning: ").append(esc(w)).append("</p>\n");
        h.append("<table class=\"kv\">");
        row(h, "images", m.count() + " (" + m.positives() + " malignant)");
        row(h, "loss", String.format(Locale.ROOT, "%.4f", test.predictions().loss()));
        row(h, "threshold", String.format(Locale.ROOT, "%.3f (%s)", m.threshold(), test.thresholdNote()));
        row(h, "accuracy", fmt(m.accuracy()));
        row(h, "precision", fmt(m.precision()));
        row(h, "recall (sensitivity)", fmt(m.recall()));
        row(h, "specificity", fmt(m.specificity()));
        row(h, "F1", fmt(m.f1()));
        row(h, "ROC AUC", fmt(m.rocAuc()) + (m.aucNote() == null ? "" : " — " + m.aucNote()));
        DeLong.Interval ci = c.aucInterval();
        row(
                h,
                "ROC AUC, 95% confidence interval",
                ci.defined()
                        ? String.format(
                                Locale.ROOT,
                                "%.4f – %.4f (DeLong; standard error %.4f)",
                                ci.low(),
                                ci.high(),
                                ci.standardError())
                        : "undefined: " + ci.note());
        row(h, "PR AUC (average precision)", fmt(m.prAuc()));
        for (OperatingPoint p : c.sensitivityAtSpecificity()) {
            row(
                    h,
                    String.format(Locale.ROOT, "sensitivity at specificity ≥ %.2f", p.target()),
                    operatingPoint(p.sensitivity(), "specificity", p.specificity(), p));
        }
        for (OperatingPoint p : c.specificityAtSensitivity()) {
            row(
                    h,
                    String.format(Locale.ROOT, "specificity at sensitivity ≥ %.2f", p.target()),
                    operatingPoint(p.specificity(), "sensitivity", p.sensitivity(), p));
        }
        row(
                h,
                "Brier score",
                fmt(c.calibration().brier())
                        + " (0 is perfect; always answering the malignant fraction scores r(1 − r))");
        row(h, "expected calibration error", fmt(c.calibration().ece()) + " (10 bins)");
        h.append(
                "</table>\n<p class=\"note\">Operating points are points of the ROC curve itself, each reached by one threshold "
                        + "(no interpolation between points).</p>\n<div class=\"row\">");
        img(h, test.rocPng(560, 460), "ROC curve");
        img(h, test.prPng(560, 460), "precision-recall curve");
        img(h, test.reliabilityPng(560, 460), "reliability diagram");
        h.append("</div>\n");
        reliabilityTable(h, c.calibration());
        confusion(h, m.confusion());
    }

    /** The rate found, the other rate actually reached there (at least the target) and the threshold. */
    private static String operatingPoint(double value, String otherName, double other, OperatingPoint p) {
        if (Double.isNaN(value)) return "undefined";
        return String.format(
                Locale.ROOT,
                "%.4f (%s reached %.4f; threshold %s)",
                value,
                otherName,
                other,
                Double.isInfinite(p.threshold())
                        ? "above every score"
                        : String.format(Locale.ROOT, "%.4f", p.threshold()));
    }

    private static void reliabilityTable(StringBuilder h, Calibration calibration) {
        h.append("<h3>Calibration</h3>\n<table><tr><th>predicted probability</th><th>images</th><th>mean predicted</th>"
                + "<th>observed fraction malignant</th></tr>");
        for (Calibration.Bin b : calibration.bins()) {
            h.append("<tr><td>")
                    .append(String.format(Locale.ROOT, "%.1f – %.1f", b.lower(), b.upper()))
                    .append("</td><td>")
                    .append(b.count())
                    .append("</td><td>")
                    .append(b.count() == 0 ? "" : fmt(b.meanPredicted()))
                    .append("</td><td>")
                    .append(b.count() == 0 ? "" : fmt(b.observedFraction()))
                    .append("</td></tr>");
        }
        h.append(
                "</table>\n<p class=\"note\">A calibrated model's observed fraction matches its mean predicted probability in every bin "
                        + "(the diagonal of the reliability diagram). Class weights and balanced sampling shift probabilities upwards on purpose.</p>\n");
    }

    private static void imageGrid(StringBuilder h, Evaluation evaluation, String what) {
        h.append("<h2>")
                .append(esc(what))
                .append(", worst mistakes first</h2>\n<p>Probability of malignant under each image; "
                        + "a red frame marks a wrong decision at the threshold.</p>\n<div class=\"grid\">");
        grid(h, evaluation);
        h.append("</div>\n");
    }

    private static String aucWithInterval(Evaluation e) {
        DeLong.Interval ci = e.clinical().aucInterval();
        return fmt(e.metrics().rocAuc())
                + (ci.defined() ? String.format(Locale.ROOT, " (95%% CI %.3f – %.3f)", ci.low(), ci.high()) : "");
    }

    private static byte[] lossChart(List<EpochMetrics> history) {
        return Charts.png(
                "Loss",
                "epoch",
                "binary cross-entropy",
                List.of(
                        series(history, "train", "train", EpochMetrics::loss),
                        series(history, "validation", "validation", EpochMetrics::loss)),
                true,
                false,
                false,
                560,
                400);
    }

    private static byte[] metricChart(List<EpochMetrics> history) {
        return Charts.png(
                "Validation metrics",
                "epoch",
                "value",
                List.of(
                        series(history, "validation", "ROC AUC", EpochMetrics::auc),
                        series(history, "validation", "accuracy", EpochMetrics::accuracy),
                        series(history, "validation", "precision", EpochMetrics::precision),
                        series(history, "validation", "recall", EpochMetrics::recall),
                        series(history, "train", "train ROC AUC", EpochMetrics::auc)),
                true,
                false,
                false,
                560,
                400);
    }

    private static Charts.Series series(
            List<EpochMetrics> history,
            String split,
            String label,
            java.util.function.ToDoubleFunction<EpochMetrics> value) {
        List<EpochMetrics> rows =
                history.stream().filter(r -> r.split().equals(split)).toList();
        double[] x = new double[rows.size()], y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i).epoch();
            y[i] = value.applyAsDouble(rows.get(i));
        }
        return new Charts.Series(label, x, y);
    }

    private static void epochTable(StringBuilder h, List<EpochMetrics> history, int bestEpoch, String rule) {
        h.append(
                "<table><tr><th>epoch</th><th>split</th><th>loss</th><th>accuracy</th><th>precision</th><th>recall</th><th>ROC AUC</th></tr>");
        for (EpochMetrics r : history) {
            h.append(r.epoch() == bestEpoch && r.split().equals("validation") ? "<tr class=\"best\">" : "<tr>")
                    .append("<td>")
                    .append(r.epoch())
                    .append("</td><td>")
                    .append(r.split())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.4f", r.loss()))
                    .append("</td><td>")
                    .append(fmt(r.accuracy()))
                    .append("</td><td>")
                    .append(fmt(r.precision()))
                    .append("</td><td>")
                    .append(fmt(r.recall()))
                    .append("</td><td>")
                    .append(fmt(r.auc()))
                    .append("</td></tr>");
        }
        h.append("</table>\n<p class=\"note\">Highlighted: the epoch kept as best.safetensors (")
                .append(rule)
                .append(").</p>\n");
    }

    private static void confusion(StringBuilder h, ConfusionMatrix cm) {
        h.append(
                        "<h3>Confusion matrix</h3>\n<table class=\"cm\"><tr><th></th><th>predicted malignant</th><th>predicted benign</th></tr>")
                .append("<tr><th>malignant</th><td class=\"ok\">")
                .append(cm.tp())
                .append(" <small>true positive</small></td><td class=\"bad\">")
                .append(cm.fn())
                .append(" <small>false negative</small></td></tr>")
                .append("<tr><th>benign</th><td class=\"bad\">")
                .append(cm.fp())
                .append(" <small>false positive</small></td><td class=\"ok\">")
                .append(cm.tn())
                .append(" <small>true negative</small></td></tr></table>\n");
    }

    private static void grid(StringBuilder h, Evaluation test) {
        Map<String, Sample> byId = test.samplesById();
        double threshold = test.metrics().threshold();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < test.predictions().ids().size(); i++) order.add(i);
        double[] p = test.predictions().scores();
        int[] y = test.predictions().labels();
        order.sort(Comparator.comparingDouble(i -> -Math.abs(y[i] - p[i]))); // largest error first
        for (int i : order.subList(0, Math.min(GRID_IMAGES, order.size()))) {
            Sample s = byId.get(test.predictions().ids().get(i));
            boolean wrong = (p[i] >= threshold ? 1 : 0) != y[i];
            h.append("<figure class=\"").append(wrong ? "wrong" : "right").append("\">");
            String thumb = s == null ? null : thumbnail(s.image());
            if (thumb != null)
                h.append("<img alt=\"")
                        .append(esc(s.id()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(thumb)
                        .append("\">");
            h.append("<figcaption>")
                    .append(esc(test.predictions().ids().get(i)))
                    .append("<br>")
                    .append(String.format(Locale.ROOT, "p = %.1f%%", 100 * p[i]))
                    .append("<br>label: ")
                    .append(y[i] == 1 ? "malignant" : "benign")
                    .append("</figcaption></figure>");
        }
    }

    private static String thumbnail(Path image) {
        try {
            float[] chw = ImageTensors.load(image, THUMBNAIL, ResizeMode.CENTER_CROP, Normalization.UNIT);
            BufferedImage img = new BufferedImage(THUMBNAIL, THUMBNAIL, BufferedImage.TYPE_INT_RGB);
            int plane = THUMBNAIL * THUMBNAIL;
            for (int i = 0; i < plane; i++) {
                int r = Math.round(255 * chw[i]),
                        g = Math.round(255 * chw[plane + i]),
                        b = Math.round(255 * chw[2 * plane + i]);
                img.setRGB(i % THUMBNAIL, i / THUMBNAIL, (clamp(r) << 16) | (clamp(g) << 8) | clamp(b));
            }
            return base64Png(img);
        } catch (RuntimeException e) {
            return null; // the caption still names the image
        }
    }

    static String base64Png(BufferedImage img) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static void img(StringBuilder h, byte[] png, String alt) {
        h.append("<img class=\"chart\" alt=\"")
                .append(esc(alt))
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\">");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>")
                .append(esc(key))
                .append("</th><td>")
                .append(esc(value))
                .append("</td></tr>");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.3em .7em;text-align:left}
            th{background:#f5f5f5}table.kv th{width:14em}tr.best td{background:#eef7ee;font-weight:600}
            .lead{font-size:1.15em}.note,.foot{color:#666;font-size:.9em}.row{display:flex;flex-wrap:wrap;gap:1em}
            img.chart{border:1px solid #eee;max-width:100%}
            table.cm td{font-size:1.3em;text-align:center;min-width:7em}table.cm td small{display:block;font-size:.6em;color:#555}
            td.ok{background:#eef7ee}td.bad{background:#fbeeee}
            .warn{background:#fff4e0;border-left:4px solid #e69500;padding:.5em .8em}
            .grid{display:flex;flex-wrap:wrap;gap:.6em}figure{margin:0;width:110px;font-size:.75em;text-align:center}
            figure img{width:96px;height:96px;border:4px solid #4a4;display:block;margin:0 auto}
            figure.wrong img{border-color:#d33}code{background:#f3f3f3;padding:0 .3em}
            """;
}
