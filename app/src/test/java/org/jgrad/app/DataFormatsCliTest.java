package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** split and show on an ISIC 2017 challenge download laid out as published (tiny images). */
class DataFormatsCliTest {
    @TempDir
    Path root;

    @TempDir
    Path out;

    /** {@code ISIC-2017_<part>_Data/} with {@code count} images and its ground truth; every third image a melanoma. */
    private void part(String part, int first, int count) throws Exception {
        Path folder = Files.createDirectories(root.resolve("ISIC-2017_" + part + "_Data"));
        List<String> rows = new ArrayList<>(List.of("image_id,melanoma,seborrheic_keratosis"));
        for (int i = 0; i < count; i++) {
            String id = String.format("ISIC_%07d", first + i);
            BufferedImage image = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i % 12, 0, 0xFFFFFF);
            ImageIO.write(image, "jpg", folder.resolve(id + ".jpg").toFile());
            rows.add(id + "," + (i % 3 == 0 ? "1.0" : "0.0") + ",0.0");
        }
        Files.write(root.resolve("ISIC-2017_" + part + "_Part3_GroundTruth.csv"), rows);
    }

    private void challenge() throws Exception {
        part("Training", 0, 12);
        part("Validation", 100, 3);
        part("Test_v2", 200, 6);
    }

    @Test
    void splitKeepsTheOfficialDivisionAndSaysWhatItRead() throws Exception {
        challenge();
        Cli.Result r = Cli.run("split", "--data", root.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("labels: malignant = melanoma; benign = everything else"), r.out());
        assertTrue(r.out().contains("pictures of one lesion may cross splits"), r.out());
        assertTrue(r.out().contains("division: official"), r.out());
        assertEquals(7, Files.readAllLines(out.resolve("test.csv")).size(), "header + the 6 official test images");

        Cli.Result again = Cli.run(
                "split", "--data", root.toString(), "--out", out.resolve("re").toString(), "--resplit");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("re-split on purpose (--resplit)"), again.out());
    }

    @Test
    void trainKeepsTheOfficialDivisionAndTheReportSaysSo() throws Exception {
        challenge();
        Path run = out.resolve("run");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                root.toString(),
                "--recipe",
                "synthetic",
                "--image-size",
                "16",
                "--epochs",
                "1",
                "--batch-size",
                "4",
                "--cache-dir",
                out.resolve("cache").toString(),
                "--out",
                run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("labels: malignant = melanoma") && r.out().contains("division: official"), r.out());
        assertEquals(
                7, Files.readAllLines(run.resolve("split/test.csv")).size(), "header + the 6 official test images");
        assertTrue(Files.readString(run.resolve("split/about.txt")).contains("division: official"));
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<th>division</th><td>official, as published"), "the report states the division");
        assertTrue(
                html.contains("<th>labels</th><td>malignant = melanoma; benign = everything else"),
                "the report states the label rule");

        Cli.Result evaluated = Cli.run("evaluate", "--checkpoint", run.toString(), "--data", root.toString());
        assertEquals(0, evaluated.exit(), "the official test part was not trained on: " + evaluated.err());
        assertTrue(evaluated.out().contains("evaluating the official test part: 6 images"), evaluated.out());
        Cli.Result onTraining =
                Cli.run("evaluate", "--checkpoint", run.toString(), "--data", root.toString(), "--split", "train");
        assertNotEquals(0, onTraining.exit());
        assertTrue(
                onTraining.err().contains("12 of the 12 images were in this run's training or validation split"),
                onTraining.err());

        // A resumed run keeps its split: --resplit cannot change it.
        BadInputTest.assertOneLineError(Cli.run("train", "--resume", run.toString(), "--resplit"), "--resplit");
    }

    @Test
    void splitListsTheItemsItSkipped() throws Exception {
        challenge();
        Path csv = root.resolve("ISIC-2017_Training_Part3_GroundTruth.csv");
        List<String> rows = new ArrayList<>(Files.readAllLines(csv));
        rows.add("ISIC_0000999,1.0,0.0");
        Files.write(csv, rows);
        Cli.Result r = Cli.run("split", "--data", root.toString(), "--out", out.toString(), "--skip-bad");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("skipped 1 bad item(s)"), r.out());
        assertTrue(
                r.out().contains("ISIC-2017_Training_Part3_GroundTruth.csv, line 14")
                        && r.out().contains("ISIC_0000999"),
                r.out());
    }

    @Test
    void theGroundTruthFileGivenAsDataNamesItsFolder() throws Exception {
        challenge();
        Path csv = root.resolve("ISIC-2017_Training_Part3_GroundTruth.csv");
        BadInputTest.assertOneLineError(
                Cli.run("split", "--data", csv.toString(), "--out", out.toString()), "--data " + root);
        BadInputTest.assertOneLineError(
                Cli.run(
                        "show",
                        "--data",
                        root.resolve("ISIC-2017_Training_Data").toString(),
                        "--out",
                        out.resolve("g.png").toString()),
                "--data " + root);
    }
}
