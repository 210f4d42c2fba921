package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jgrad.io.SafeTensors;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 a training run in the middle of its second epoch (a real subprocess, SIGKILL), then
 * {@code --resume} it: it continues after epoch 1 and ends with exactly the metrics of the
 * uninterrupted run; every checkpoint file left by the killed process reads back intact.
 */
class ResumeTest {

    @Test
    void killedRunResumesToTheSameResult() throws Exception {
        Path uninterrupted = Cli.tinyRun();
        Path run = Cli.shared().resolve("killed-run");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(Cli.tinyTrainArgs(run)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        boolean killed = false;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.add(line);
                // The first progress line of epoch 2: some of its steps are done, the rest are not.
                if (line.startsWith("epoch 2/3") && line.contains("img/s")) {
                    process.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed process ended");
        assertTrue(killed, "never saw epoch 2's progress: " + String.join("\n", seen));
        assertNotEquals(0, process.exitValue());

        // What the kill left: only whole files under real names; the resume point is epoch 1.
        try (Stream<Path> files = Files.list(run)) {
            for (Path f :
                    files.filter(f -> f.toString().endsWith(".safetensors")).toList()) {
                assertDoesNotThrow(() -> SafeTensors.read(f), "intact: " + f);
            }
        }
        assertEquals(
                "1",
                SafeTensors.read(run.resolve("last.safetensors")).metadata().get("jgrad.epoch"),
                "killed during epoch 2, so epoch 1 is the last completed one");
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "header + epoch 1's two rows");

        Cli.Result resumed = Cli.run(
                "train",
                "--resume",
                run.toString(),
                "--cache-dir",
                Cli.shared().resolve("cache").toString());
        assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("continuing after epoch 1"), resumed.out());
        assertEquals(
                Files.readString(uninterrupted.resolve("metrics.csv")), Files.readString(run.resolve("metrics.csv")));
        assertEquals(Files.readString(uninterrupted.resolve("roc.csv")), Files.readString(run.resolve("roc.csv")));
        assertArrayEquals(
                SafeTensors.read(uninterrupted.resolve("best.safetensors"))
                        .tensors()
                        .get("0.weight")
                        .values(),
                SafeTensors.read(run.resolve("best.safetensors"))
                        .tensors()
                        .get("0.weight")
                        .values());
    }

    @Test
    void resumeRefusesAnotherModel() {
        Cli.Result r = Cli.run("train", "--resume", Cli.tinyRun().toString(), "--model", "resnet18");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("lesionnet-s model, not resnet18"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
}
