package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.split.SplitFiles;
import org.jgrad.vision.split.SplitName;
import org.junit.jupiter.api.Test;

/** cv end to end: 2 folds of the tiny synthetic set, 1 epoch each. */
class CvCommandTest {

    private static String[] cvArgs(Path out, int folds, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "cv",
                "--folds",
                Integer.toString(folds),
                "--synth-count",
                "40",
                "--image-size",
                "32",
                "--epochs",
                "1",
                "--batch-size",
                "8",
                "--seed",
                "3",
                "--cache-dir",
                Cli.shared().resolve("cache").toString(),
                "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void twoFoldsTestEveryImageOnceAndSummarise() throws Exception {
        Path out = Cli.shared().resolve("cv-2");
        Cli.Result r = Cli.run(cvArgs(out, 2));
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(
                Pattern.matches("cv auc=(NaN|[01]\\.\\d{6}) std=(NaN|\\d\\.\\d{6}) folds=2", r.lastLine()),
                r.lastLine());
        assertTrue(r.out().contains("== fold 2 of 2"), r.out());

        Set<String> tested = new HashSet<>();
        for (int fold = 1; fold <= 2; fold++) {
            Path run = out.resolve("fold-" + fold);
            for (String f : List.of("best.safetensors", "metrics.json", "report.html", "config.json")) {
                assertTrue(Files.isRegularFile(run.resolve(f)), "fold " + fold + " lacks " + f);
            }
            Set<String> train = ids(SplitFiles.read(run.resolve("split"), SplitName.TRAIN));
            Set<String> validation = ids(SplitFiles.read(run.resolve("split"), SplitName.VALIDATION));
            Set<String> test = ids(SplitFiles.read(run.resolve("split"), SplitName.TEST));
            assertEquals(40, train.size() + validation.size() + test.size());
            for (String id : test) {
                assertFalse(
                        train.contains(id) || validation.contains(id),
                        id + " is both trained on and tested in fold " + fold);
                assertTrue(tested.add(id), id + " tested in two folds");
            }
        }
        assertEquals(40, tested.size(), "every image tested once");

        List<String> csv = Files.readAllLines(out.resolve("cv-summary.csv"));
        assertEquals(3, csv.size(), "header + one row per fold: " + csv);
        assertTrue(csv.get(0).startsWith("fold,run_folder,test_images,test_malignant,auc"), csv.get(0));
        JsonNode json =
                new ObjectMapper().readTree(out.resolve("cv-summary.json").toFile());
        assertEquals(2, json.get("perFold").size());
        double a = json.get("perFold").get(0).get("auc").asDouble(),
                b = json.get("perFold").get(1).get("auc").asDouble();
        assertEquals((a + b) / 2, json.get("meanAuc").asDouble(), 1e-12);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), json.get("stdAuc").asDouble(), 1e-12);
        int images = json.get("perFold").get(0).get("testImages").asInt()
                + json.get("perFold").get(1).get("testImages").asInt();
        assertEquals(40, images);
        assertTrue(json.get("pooled").has("auc"));
    }

    @Test
    void badRequestsAreRefusedInOneLine() {
        Cli.Result one = Cli.run(cvArgs(Cli.shared().resolve("cv-bad-1"), 1));
        assertNotEquals(0, one.exit());
        assertTrue(one.err().contains("--folds must be between 2 and 20, got 1"), one.err());
        // the tiny set has 8 malignant images, each its own lesion: 8 folds would need 9
        Cli.Result many = Cli.run(cvArgs(Cli.shared().resolve("cv-bad-2"), 8));
        assertNotEquals(0, many.exit());
        assertTrue(many.err().contains("only 8 malignant"), many.err());
        Cli.Result resume = Cli.run(cvArgs(
                Cli.shared().resolve("cv-bad-3"), 2, "--resume", Cli.shared().toString()));
        assertTrue(resume.err().contains("--resume is not available for cv"), resume.err());
    }

    private static Set<String> ids(List<Sample> samples) {
        Set<String> ids = new HashSet<>();
        for (Sample s : samples) ids.add(s.id());
        return ids;
    }
}
