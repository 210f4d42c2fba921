package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The report in a real browser (skipped where Debian's chromium is not installed), and the small commands. */
class ReportAndToolsTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "chromium is not installed (apt-get install chromium); report rendering not checked");
        Path report = Cli.tinyRun().resolve("report.html");
        Path shot = Cli.shared().resolve("report.png");
        Path profile = Files.createTempDirectory(Cli.shared(), "chromium-profile");
        Process p = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--hide-scrollbars",
                        "--user-data-dir=" + profile,
                        "--window-size=1280,2400",
                        "--screenshot=" + shot,
                        report.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "a screenshot was written");
        assertEquals(1280, img.getWidth());
        // Rendered content, not a blank page: count distinct colours in the screenshot.
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4)
            for (int x = 0; x < img.getWidth(); x += 4) colours.add(img.getRGB(x, y));
        assertTrue(colours.size() > 200, "the page shows charts and images: " + colours.size() + " colours");

        Process dom = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--user-data-dir=" + profile,
                        "--dump-dom",
                        report.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String html = new String(dom.getInputStream().readAllBytes());
        assertTrue(dom.waitFor(120, TimeUnit.SECONDS));
        assertTrue(html.contains("Test evaluation") && html.contains("Confusion matrix"), "the DOM holds the report");
    }

    @Test
    void info() {
        Cli.Result r = Cli.run("info");
        assertEquals(0, r.exit(), r.err());
        for (String s :
                List.of("jgrad ", "JVM", "CPU", "features", "threads", "backends:", "reference cpu  available")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void synthSplitShow() throws Exception {
        Path synth = Cli.shared().resolve("synth-cmd");
        Cli.Result s = Cli.run("synth", "--out", synth.toString(), "--count", "30", "--seed", "5");
        assertEquals(0, s.exit(), s.err());
        assertTrue(s.out().contains("wrote 30 images (6 malignant)"), s.out());
        Path split = Cli.shared().resolve("split-cmd");
        Cli.Result sp = Cli.run("split", "--data", synth.toString(), "--out", split.toString(), "--seed", "2");
        assertEquals(0, sp.exit(), sp.err());
        assertTrue(sp.out().contains("validation"), sp.out());
        assertEquals(
                30 + 3,
                Files.readAllLines(split.resolve("train.csv")).size()
                        + Files.readAllLines(split.resolve("validation.csv")).size()
                        + Files.readAllLines(split.resolve("test.csv")).size(),
                "every image in one split (plus three headers)");
        Path grid = Cli.shared().resolve("grid.png");
        Cli.Result sh = Cli.run("show", "--data", synth.toString(), "--out", grid.toString(), "--columns", "3");
        assertEquals(0, sh.exit(), sh.err());
        assertNotNull(ImageIO.read(grid.toFile()));
        Cli.Result bad =
                Cli.run("split", "--data", synth.toString(), "--out", split.toString(), "--fractions", "0.5,0.5");
        assertNotEquals(0, bad.exit());
    }
}
