package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jgrad.io.SafeTensors;
import org.junit.jupiter.api.Test;

/**
 * {@code train --data DIR} takes the real-data preset: LesionNet-M, AdamW, dermoscopy augmentation,
 * Shades of Gray, a weight average selected by validation AUC and test-time augmentation — and the
 * checkpoint carries what evaluate and predict need to repeat it. (Its quality is measured on real
 * dermoscopy in docs/REAL-DATA.md, not here: this data set is a few synthetic images.)
 */
class RealRecipeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDataFolderGetsTheRealPresetAndEvaluateRepeatsItsPreprocessing() throws Exception {
        Path data = Cli.shared().resolve("real-recipe-data");
        if (!Files.exists(data)) {
            Cli.Result synth = Cli.run("synth", "--out", data.toString(), "--count", "40", "--seed", "5");
            assertEquals(0, synth.exit(), synth.err());
        }
        Path run = Cli.shared().resolve("real-recipe-run");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                data.toString(),
                "--image-size",
                "32",
                "--epochs",
                "2",
                "--batch-size",
                "8",
                "--seed",
                "3",
                "--cache-dir",
                Cli.shared().resolve("cache").toString(),
                "--out",
                run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("recipe: real preset; adamw lr 0.002 weight decay 0.05"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "Shades of Gray colour constancy; weight average (EMA 0.995); best epoch by validation AUC (one-standard-error rule); test-time augmentation"),
                r.out());
        assertTrue(
                r.out()
                        .matches(
                                "(?s).*best epoch: \\d of 2, the last whose validation ROC AUC \\(\\d\\.\\d{4}\\) is within one standard"
                                        + " error \\((\\d\\.\\d{4}|NaN), DeLong\\) of the highest \\(\\d\\.\\d{4}, epoch \\d\\); the weight average's.*"),
                r.out());

        String report = Files.readString(run.resolve("report.html"));
        assertTrue(
                report.contains("within one standard error of the highest") && report.contains("random resized crop"),
                "the report says which epoch and why");

        JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
        assertEquals("real", config.get("recipe").asText());
        assertEquals("lesionnet-m", config.get("model").asText());
        assertEquals("dermoscopy", config.get("augmentation").asText());
        assertTrue(config.get("colourConstancy").asBoolean());
        assertEquals(0.995, config.get("ema").asDouble(), 0);
        assertEquals("auc-1se", config.get("select").asText());

        SafeTensors.Contents best = SafeTensors.read(run.resolve("best.safetensors"));
        assertEquals("true", best.metadata().get("jgrad.colour_constancy"));
        assertEquals("true", best.metadata().get("jgrad.tta"));
        assertTrue(
                best.tensors().keySet().stream().noneMatch(n -> n.startsWith("ema.")),
                "best holds the average as the model itself");
        Map<String, SafeTensors.Entry> last =
                SafeTensors.read(run.resolve("last.safetensors")).tensors();
        assertTrue(last.containsKey("ema.updates"), "last keeps the average for --resume");
        assertFalse(
                java.util.Arrays.equals(
                        last.get("0.weight").values(), last.get("ema.0.weight").values()),
                "the live weights and their average differ after training");

        // evaluate repeats the training run's final test: same preprocessing, same TTA, same AUC
        Cli.Result eval = Cli.run(
                "evaluate",
                "--checkpoint",
                run.toString(),
                "--out",
                Cli.shared().resolve("real-recipe-eval").toString());
        assertEquals(0, eval.exit(), eval.err() + eval.out());
        String trainAuc = lastAuc(r.out());
        assertEquals(trainAuc, lastAuc(eval.out()), "evaluate agrees with the run's own test evaluation");
        Cli.Result plain = Cli.run(
                "evaluate",
                "--checkpoint",
                run.toString(),
                "--no-tta",
                "--out",
                Cli.shared().resolve("real-recipe-eval-plain").toString());
        assertEquals(0, plain.exit(), plain.err() + plain.out());

        Path image;
        try (var files = Files.walk(data)) {
            image = files.filter(p -> p.toString().endsWith(".jpg")).findFirst().orElseThrow();
        }
        Cli.Result predict = Cli.run("predict", "--checkpoint", run.toString(), image.toString());
        assertEquals(0, predict.exit(), predict.err() + predict.out());
        assertTrue(predict.out().matches("(?s).*: \\d+\\.\\d\\d% (malignant|benign).*"), predict.out());
    }

    @Test
    void anUnknownPresetIsRefusedNamingTheOption() throws Exception {
        Cli.Result bad = Cli.run(
                "train",
                "--recipe",
                "fast",
                "--out",
                Cli.shared().resolve("bad-recipe").toString());
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("--recipe") && bad.err().contains("fast"), bad.err());
    }

    private static String lastAuc(String out) {
        String[] lines = out.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("test auc=")) return lines[i].trim();
        }
        return fail("no 'test auc=' line in:\n" + out);
    }
}
