package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** evaluate and predict on the tiny run. */
class EvaluatePredictTest {

    @Test
    void evaluateTheRunsTestSplit() throws Exception {
        Path run = Cli.tinyRun();
        Cli.Result r = Cli.run("evaluate", "--checkpoint", run.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Pattern.matches("test auc=(NaN|[01]\\.\\d{4})", r.lastLine()), r.lastLine());
        for (String label : List.of(
                "loss",
                "accuracy",
                "precision",
                "recall",
                "specificity",
                "F1",
                "ROC AUC",
                "PR AUC",
                "confusion",
                "AUC 95% CI",
                "at specificity ≥ 0.80",
                "at sensitivity ≥ 0.90",
                "Brier score",
                "warning: the test set has only")) {
            assertTrue(r.out().contains(label), "missing " + label + " in\n" + r.out());
        }
        Path written = writtenFolder(r);
        assertTrue(written.getFileName().toString().startsWith("eval-test"), written.toString());
        for (String f : List.of(
                "roc.png", "roc.csv", "pr.png", "reliability.png", "predictions.csv", "metrics.json", "report.html")) {
            assertTrue(Files.size(written.resolve(f)) > 0, f);
        }
        // The same weights on the same split give the same AUC as the end of training.
        List<String> trainOut = Files.readAllLines(run.resolve("roc.csv"));
        assertEquals(trainOut, Files.readAllLines(written.resolve("roc.csv")));
        // ... and the same clinical figures as the run's metrics.json
        com.fasterxml.jackson.databind.JsonNode evaluated = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(written.resolve("metrics.json").toFile())
                .get("test");
        com.fasterxml.jackson.databind.JsonNode trained = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("metrics.json").toFile())
                .get("test");
        assertEquals(trained.get("rocAuc95"), evaluated.get("rocAuc95"));
        assertEquals(trained.get("reliability"), evaluated.get("reliability"));
        String html = Files.readString(written.resolve("report.html"));
        assertTrue(
                html.contains("95% confidence interval") && html.contains("reliability diagram"), "evaluate's report");
        assertTrue(r.out().contains("(default)"), "no --threshold and no threshold.json: the default 0.5\n" + r.out());

        // A second evaluation goes to a new folder; the first one's files stay.
        Cli.Result again = Cli.run("evaluate", "--checkpoint", run.toString());
        assertEquals(0, again.exit(), again.err());
        assertNotEquals(written, writtenFolder(again));
        assertEquals(trainOut, Files.readAllLines(written.resolve("roc.csv")));
    }

    /** The folder named by evaluate's "wrote roc.png, ... to DIR" line. */
    private static Path writtenFolder(Cli.Result r) {
        String line = r.out()
                .lines()
                .filter(l -> l.startsWith("wrote roc.png"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.out()));
        return Path.of(line.substring(line.lastIndexOf(" to ") + 4));
    }

    @Test
    void evaluatingOnTheImagesTheRunTrainedOnIsRefusedUnlessAllowed() {
        Path run = Cli.tinyRun();
        Path trainingData = Cli.syntheticImages().getParent();
        Cli.Result refused = Cli.run("evaluate", "--checkpoint", run.toString(), "--data", trainingData.toString());
        assertNotEquals(0, refused.exit());
        int trainAndValidation = 0;
        for (var split : List.of(org.jgrad.vision.split.SplitName.TRAIN, org.jgrad.vision.split.SplitName.VALIDATION)) {
            trainAndValidation += org.jgrad.vision.split.SplitFiles.read(run.resolve("split"), split)
                    .size();
        }
        assertTrue(
                refused.err()
                        .contains(trainAndValidation
                                + " of the 40 images were in this run's training or validation split"),
                refused.err());
        assertTrue(refused.err().contains("--allow-overlap"), refused.err());
        Cli.Result allowed = Cli.run(
                "evaluate", "--checkpoint", run.toString(), "--data", trainingData.toString(), "--allow-overlap");
        assertEquals(0, allowed.exit(), allowed.err());
        assertTrue(allowed.out().contains("not test scores"), allowed.out());
        assertTrue(
                writtenFolder(allowed).getFileName().toString().startsWith("eval-test-" + trainingData.getFileName()),
                writtenFolder(allowed).toString());
    }

    @Test
    void thresholdOptions() {
        Path run = Cli.tinyRun();
        Cli.Result all = Cli.run(
                "evaluate",
                "--checkpoint",
                run.toString(),
                "--threshold",
                "0",
                "--out",
                Cli.shared().resolve("e0").toString());
        assertEquals(0, all.exit(), all.err());
        assertTrue(all.out().contains("recall        1.0000"), "threshold 0 calls everything malignant:\n" + all.out());
        Cli.Result picked = Cli.run(
                "evaluate",
                "--checkpoint",
                run.toString(),
                "--split",
                "validation",
                "--pick-threshold",
                "recall=0.9",
                "--out",
                Cli.shared().resolve("e1").toString());
        assertEquals(0, picked.exit(), picked.err());
        assertTrue(picked.out().contains("recall=0.9"), picked.out());
        assertTrue(picked.lastLine().startsWith("validation auc="), picked.lastLine());
        Cli.Result youden = Cli.run(
                "evaluate",
                "--checkpoint",
                run.resolve("best.safetensors").toString(),
                "--pick-threshold",
                "youden",
                "--out",
                Cli.shared().resolve("e2").toString());
        assertEquals(0, youden.exit(), youden.err());
        assertTrue(youden.out().contains("picked on the validation split"), youden.out());
        Cli.Result bad = Cli.run("evaluate", "--checkpoint", run.toString(), "--pick-threshold", "median");
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("median"), bad.err());
    }

    @Test
    void predictPrintsOneLinePerImageAndWritesGradCam() throws Exception {
        List<Path> images;
        try (Stream<Path> files = Files.list(Cli.syntheticImages())) {
            images = files.sorted().limit(2).toList();
        }
        Path saliency = Cli.shared().resolve("saliency");
        Cli.Result r = Cli.run(
                "predict",
                "--checkpoint",
                Cli.tinyRun().toString(),
                "--saliency",
                saliency.toString(),
                images.get(0).toString(),
                images.get(1).toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines =
                r.out().lines().filter(l -> !l.startsWith("  saliency")).toList();
        assertEquals(2, lines.size(), r.out());
        for (int i = 0; i < 2; i++) {
            assertTrue(
                    Pattern.matches(
                            Pattern.quote(images.get(i).toString()) + ": \\d{1,3}\\.\\d{2}% (malignant|benign)",
                            lines.get(i)),
                    lines.get(i));
        }
        Path png = saliency.resolve(images.get(0).getFileName().toString().replace(".jpg", "-gradcam.png"));
        assertEquals(512, ImageIO.read(png.toFile()).getWidth(), "picture and overlay side by side");

        // threshold 0 calls everything malignant, threshold 1 (almost) nothing
        Cli.Result zero = Cli.run(
                "predict",
                "--checkpoint",
                Cli.tinyRun().toString(),
                "--threshold",
                "0",
                images.get(0).toString());
        assertTrue(zero.out().strip().endsWith("% malignant"), zero.out());
    }

    @Test
    void predictNamesAnImageThatCannotBeDecoded() throws Exception {
        Path broken = Cli.shared().resolve("broken.jpg");
        Files.writeString(broken, "this is not a JPEG");
        Path good;
        try (Stream<Path> files = Files.list(Cli.syntheticImages())) {
            good = files.sorted().findFirst().orElseThrow();
        }
        Cli.Result r = Cli.run("predict", "--checkpoint", Cli.tinyRun().toString(), broken.toString(), good.toString());
        assertNotEquals(0, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("broken.jpg"), r.err());
        assertTrue(r.out().contains(good.toString() + ": "), "the good image is still predicted: " + r.out());
    }

    @Test
    void predictUsesTheThresholdThatEvaluatePicked() throws Exception {
        Path run = Cli.shared().resolve("run-for-threshold");
        try (Stream<Path> files = Files.walk(Cli.tinyRun())) {
            for (Path f : files.toList()) {
                Path target = run.resolve(Cli.tinyRun().relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        Path image;
        try (Stream<Path> files = Files.list(Cli.syntheticImages())) {
            image = files.sorted().findFirst().orElseThrow();
        }
        Cli.Result before = Cli.run("predict", "--checkpoint", run.toString(), image.toString());
        assertFalse(before.err().contains("picked by evaluate"), before.err());

        Cli.Result picked = Cli.run("evaluate", "--checkpoint", run.toString(), "--pick-threshold", "youden");
        assertEquals(0, picked.exit(), picked.err());
        assertTrue(Files.isRegularFile(run.resolve("threshold.json")), picked.out());
        double saved = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("threshold.json").toFile())
                .get("threshold")
                .asDouble();
        assertTrue(picked.out().contains(String.format(java.util.Locale.ROOT, "threshold %.4f", saved)), picked.out());

        Cli.Result evaluated = Cli.run("evaluate", "--checkpoint", run.toString());
        assertTrue(
                evaluated
                        .out()
                        .contains(String.format(java.util.Locale.ROOT, "threshold     %.4f (picked earlier", saved)),
                "evaluate uses the saved threshold too:\n" + evaluated.out());

        Cli.Result after = Cli.run("predict", "--checkpoint", run.toString(), image.toString());
        assertEquals(0, after.exit(), after.err());
        assertTrue(after.err().contains("threshold " + saved + " (picked by evaluate"), after.err());
        Cli.Result given = Cli.run("predict", "--checkpoint", run.toString(), "--threshold", "0", image.toString());
        assertFalse(given.err().contains("picked by evaluate"), "an explicit --threshold wins: " + given.err());
        assertTrue(given.out().strip().endsWith("% malignant"), given.out());
    }
}
