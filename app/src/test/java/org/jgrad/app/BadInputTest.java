package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad input ends with one line naming the thing and a non-zero exit code. */
class BadInputTest {

    static void assertOneLineError(Cli.Result r, String mustContain) {
        assertNotEquals(0, r.exit(), "exit code; out: " + r.out());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("error: ") || r.err().contains(mustContain), r.err());
        assertTrue(r.err().contains(mustContain), "'" + mustContain + "' in: " + r.err());
    }

    @Test
    void runningOutOfHeapIsOneLineOfAdviceAndExitCode3() throws Exception {
        // A real JVM with a small heap: ResNet-18 at 224 px does not fit in 96 MiB.
        Path work = Files.createTempDirectory(Cli.shared(), "oom");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.jgrad.app.Main",
                "train",
                "--model",
                "resnet18",
                "--synth-count",
                "40",
                "--epochs",
                "1",
                "--batch-size",
                "16",
                "--device",
                "cpu",
                "--cache-dir",
                Cli.shared().resolve("cache").toString(),
                "--out",
                work.resolve("run").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), "still running: " + err);
        assertEquals(3, p.exitValue(), err);
        String last = err.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(
                last.startsWith("error: out of memory (Java heap space); the Java heap is limited to ")
                        && last.contains("--batch-size")
                        && last.contains("-Xmx"),
                err);
        assertFalse(err.contains("Exception in thread"), err);
    }

    @Test
    void missingDataFolder() {
        Path missing = Cli.shared().resolve("no-such-folder");
        assertOneLineError(
                Cli.run(
                        "train",
                        "--data",
                        missing.toString(),
                        "--out",
                        Cli.shared().resolve("x1").toString()),
                missing.toString());
        assertOneLineError(
                Cli.run("evaluate", "--checkpoint", Cli.tinyRun().toString(), "--data", missing.toString()),
                missing.toString());
    }

    @Test
    void unknownLayout() throws Exception {
        Path odd = Cli.shared().resolve("odd-layout");
        Files.createDirectories(odd.resolve("pictures"));
        Files.writeString(odd.resolve("notes.csv"), "name,value\na,1\n");
        assertOneLineError(
                Cli.run(
                        "train",
                        "--data",
                        odd.toString(),
                        "--out",
                        Cli.shared().resolve("x2").toString()),
                "no dataset found");
    }

    @Test
    void checkpointOfAnotherModel() throws Exception {
        Path lesionnet = Cli.tinyRun().resolve("best.safetensors");
        assertOneLineError(
                Cli.run(
                        "train",
                        "--model",
                        "resnet18",
                        "--init-from",
                        lesionnet.toString(),
                        "--image-size",
                        "32",
                        "--synth-count",
                        "40",
                        "--cache-dir",
                        Cli.shared().resolve("cache").toString(),
                        "--out",
                        Cli.shared().resolve("x3").toString()),
                "tensor 'conv1.weight' is missing");
    }

    @Test
    void checkpointWithoutModelMetadata() throws Exception {
        Path plain = Cli.shared().resolve("plain.safetensors");
        org.jgrad.io.Checkpoints.save(plain, org.jgrad.models.LesionNetS.create(32, 1), null, java.util.Map.of());
        assertOneLineError(
                Cli.run("predict", "--checkpoint", plain.toString(), "x.jpg"), "not a jgrad training checkpoint");
    }

    @Test
    void corruptCheckpoint() throws Exception {
        Path copy = Cli.shared().resolve("corrupt.safetensors");
        byte[] bytes = Files.readAllBytes(Cli.tinyRun().resolve("best.safetensors"));
        bytes[bytes.length - 10] ^= 0x55; // a flipped bit in the tensor data
        Files.write(copy, bytes);
        assertOneLineError(
                Cli.run(
                        "evaluate",
                        "--checkpoint",
                        copy.toString(),
                        "--data",
                        Cli.syntheticImages().getParent().toString()),
                "checksum mismatch");
        Path truncated = Cli.shared().resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineError(Cli.run("predict", "--checkpoint", truncated.toString(), "x.jpg"), "truncated.safetensors");
        Path missing = Cli.shared().resolve("nothing-here.safetensors");
        assertOneLineError(Cli.run("predict", "--checkpoint", missing.toString(), "x.jpg"), "nothing-here.safetensors");
    }

    @Test
    void badOptions() {
        assertOneLineError(Cli.run("train", "--model", "vgg16"), "vgg16");
        assertOneLineError(
                Cli.run(
                        "train",
                        "--class-weight",
                        "heavy",
                        "--out",
                        Cli.shared().resolve("x4").toString()),
                "heavy");
        assertOneLineError(Cli.run("train", "--device", "tpu"), "tpu");
        assertOneLineError(
                Cli.run("evaluate", "--checkpoint", Cli.tinyRun().toString(), "--split", "holdout"), "holdout");
        assertOneLineError(Cli.run("train", "--out", Cli.tinyRun().toString()), "already holds a run");
    }

    @Test
    void corruptImageStopsTrainingUnlessSkipBadThenItIsCountedAndListed() throws Exception {
        // A copy of the synthetic set with one image truncated (the user's data must not be changed by jgrad).
        Path data = Cli.shared().resolve("one-bad-image");
        Path images = Files.createDirectories(data.resolve("images"));
        Path source = Cli.syntheticImages();
        Files.copy(
                source.getParent().resolve("ISIC_2019_Training_GroundTruth.csv"),
                data.resolve("ISIC_2019_Training_GroundTruth.csv"));
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) Files.copy(f, images.resolve(f.getFileName()));
        }
        Path bad;
        try (var files = Files.list(images)) {
            bad = files.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(bytes, 300));
        byte[] corrupted = Files.readAllBytes(bad);
        Path cache = Cli.shared().resolve("cache-bad");

        assertOneLineError(
                Cli.run(
                        "train",
                        "--data",
                        data.toString(),
                        "--image-size",
                        "16",
                        "--epochs",
                        "1",
                        "--cache-dir",
                        cache.toString(),
                        "--out",
                        Cli.shared().resolve("x-bad").toString()),
                bad.getFileName().toString());

        Cli.Result skipped = Cli.run(
                "train",
                "--data",
                data.toString(),
                "--image-size",
                "16",
                "--epochs",
                "1",
                "--skip-bad",
                "--cache-dir",
                cache.toString(),
                "--out",
                Cli.shared().resolve("x-skip").toString());
        assertEquals(0, skipped.exit(), skipped.err() + skipped.out());
        assertTrue(
                skipped.out().contains("skipped 1 bad item")
                        && skipped.out().contains(bad.getFileName().toString()),
                skipped.out());
        assertArrayEquals(corrupted, Files.readAllBytes(bad), "the data folder is never modified");
    }

    @Test
    void unknownFormatAndBadLabelMapNameTheOption() {
        assertOneLineError(
                Cli.run(Cli.tinyTrainArgs(Cli.shared().resolve("x-fmt"), "--format", "isic2021")), "--format");
        assertOneLineError(
                Cli.run(Cli.tinyTrainArgs(Cli.shared().resolve("x-map"), "--folder-labels", "nevus=2")),
                "--folder-labels");
    }
}
