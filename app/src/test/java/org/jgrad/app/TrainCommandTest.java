package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgrad.io.SafeTensors;
import org.junit.jupiter.api.Test;

/** train end to end on tiny synthetic data: the run folder's files and what they hold. */
class TrainCommandTest {

    @Test
    void tinyRunWritesEveryFile() throws Exception {
        Path run = Cli.tinyRun();
        for (String f : List.of(
                "config.json",
                "split/train.csv",
                "split/validation.csv",
                "split/test.csv",
                "best.safetensors",
                "last.safetensors",
                "metrics.csv",
                "metrics.json",
                "roc.png",
                "roc.csv",
                "pr.png",
                "reliability.png",
                "predictions.csv",
                "report.html")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), "missing " + f);
        }
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("epoch,split,loss,accuracy,precision,recall,auc", csv.get(0));
        assertEquals(7, csv.size(), "header + train and validation rows for 3 epochs: " + csv);
        assertTrue(csv.get(1).startsWith("1,train,"), csv.get(1));
        assertTrue(csv.get(6).startsWith("3,validation,"), csv.get(6));
        JsonNode json = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertEquals(6, json.get("epochs").size());
        assertEquals("validation", json.get("epochs").get(1).get("split").asText());
        JsonNode test = json.get("test");
        assertEquals("test", test.get("split").asText());
        assertEquals(3, test.get("sensitivityAtSpecificity").size());
        assertEquals(10, test.get("reliability").size());
        assertTrue(test.get("brier").asDouble() >= 0 && test.get("brier").asDouble() <= 1, test.toString());
        assertTrue(test.get("rocAuc95").has("low"), test.toString());
        // the tiny run's test split has a handful of images: the small-class warning must be there, in the file and on
        // the console
        assertTrue(test.get("warnings").size() >= 1, test.toString());

        SafeTensors.Contents last = SafeTensors.read(run.resolve("last.safetensors"));
        assertEquals("lesionnet-s", last.metadata().get("jgrad.model"));
        assertEquals("3", last.metadata().get("jgrad.epoch"));
        assertTrue(
                last.tensors().keySet().stream().anyMatch(k -> k.startsWith("optimizer.")),
                "last holds the optimizer state");
        SafeTensors.Contents best = SafeTensors.read(run.resolve("best.safetensors"));
        assertTrue(best.tensors().keySet().stream().noneMatch(k -> k.startsWith("optimizer.")));

        List<String> roc = Files.readAllLines(run.resolve("roc.csv"));
        assertEquals("fpr,tpr,threshold", roc.get(0));
        assertEquals("0.000000,0.000000,inf", roc.get(1));
        assertTrue(roc.get(roc.size() - 1).startsWith("1.000000,1.000000,"), roc.get(roc.size() - 1));

        String html = Files.readString(run.resolve("report.html"));
        for (String section : List.of(
                "Settings",
                "Data split",
                "Training",
                "Test evaluation",
                "Confusion matrix",
                "worst mistakes first",
                "95% confidence interval",
                "sensitivity at specificity ≥ 0.90",
                "Brier score",
                "Calibration",
                "reliability diagram",
                "Warning: the test set has only")) {
            assertTrue(html.contains(section), "report lacks " + section);
        }
        assertFalse(
                html.contains("http://") || html.contains("https://") || html.contains("<script"),
                "report must be self-contained");
        assertTrue(html.contains("data:image/png;base64,"), "charts and images are embedded");
        assertTrue(
                html.contains("<th>labels</th><td>malignant = MEL; benign = everything else"),
                "the report states the label rule");
        assertTrue(html.contains("<th>division</th><td>computed 80/10/10"), "the report states the division");
    }

    @Test
    void sameSeedGivesTheSameMetrics() throws Exception {
        Path first = Cli.tinyRun();
        Path again = Cli.shared().resolve("tiny-run-again");
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(again));
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(first.resolve("metrics.csv")), Files.readString(again.resolve("metrics.csv")));
        assertTrue(r.out().contains("cached in"), "the second run reuses the synthetic set: " + r.out());
        assertTrue(r.lastLine().startsWith("report: "), r.lastLine());
        assertTrue(r.out().contains("\ntest auc="), r.out());
    }

    @Test
    void earlyStopEndsTheRunAndBalancedSamplingRuns() throws Exception {
        Path run = Cli.shared().resolve("tiny-early");
        // lr 1e-30 changes no weight that matters in float32, so the validation loss of epoch 2 equals epoch 1's:
        // no improvement, and patience 1 stops the run after epoch 2.
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(
                run,
                "--early-stop",
                "1",
                "--lr",
                "1e-30",
                "--epochs",
                "5",
                "--balanced-sampling",
                "--no-augment",
                "--optimizer",
                "sgd"));
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("early stop"), r.out());
        assertEquals(
                5, Files.readAllLines(run.resolve("metrics.csv")).size(), "header + 2 epochs × (train, validation)");
        assertTrue(r.out().contains("balanced sampling"), r.out());
    }

    @Test
    void focalLossAndLabelSmoothingAreRecordedShownAndKeptOnResume() throws Exception {
        Path run = Cli.shared().resolve("tiny-focal");
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(
                run, "--loss", "focal", "--focal-gamma", "1.5", "--label-smoothing", "0.1", "--epochs", "1"));
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("training loss: focal loss (γ 1.5), label smoothing 0.1"), r.out());
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertEquals("focal", config.get("loss").asText());
        assertEquals(1.5, config.get("focalGamma").asDouble(), 0);
        assertEquals(0.1, config.get("labelSmoothing").asDouble(), 0);
        assertTrue(Files.readString(run.resolve("report.html")).contains("focal loss (γ 1.5), label smoothing 0.1"));

        Cli.Result other = Cli.run("train", "--resume", run.toString(), "--loss", "bce");
        assertNotEquals(0, other.exit());
        assertTrue(other.err().contains("--loss"), other.err());
        Cli.Result same = Cli.run("train", "--resume", run.toString(), "--loss", "focal", "--epochs", "2");
        assertEquals(0, same.exit(), same.err() + same.out());
        assertTrue(same.out().contains("training loss: focal loss (γ 1.5), label smoothing 0.1"), same.out());

        Cli.Result bad = Cli.run(Cli.tinyTrainArgs(Cli.shared().resolve("tiny-bad-loss"), "--loss", "hinge"));
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("--loss must be bce or focal, got 'hinge'"), bad.err());
        assertFalse(Files.exists(Cli.shared().resolve("tiny-bad-loss")), "nothing is written for a bad option");
    }
}
