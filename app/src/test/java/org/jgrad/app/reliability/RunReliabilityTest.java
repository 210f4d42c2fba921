package org.jgrad.app.reliability;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrad.app.Cli;
import org.jgrad.io.SafeTensors;
import org.junit.jupiter.api.Test;

/**
 * Faults around a training run, generated here: checkpoints holding NaN, a run folder claimed by
 * another live process or left locked by a dead one, an edited training state, options a resumed
 * run would ignore, a diverging learning rate, a run refused before its first epoch. Each ends
 * with one line naming the file or option and a non-zero exit, or works where working is right.
 */
class RunReliabilityTest {

    static void assertOneLineError(Cli.Result r, String... mustContain) {
        assertNotEquals(0, r.exit(), "exit code; out: " + r.out() + " err: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        for (String s : mustContain) assertTrue(r.err().contains(s), "'" + s + "' in: " + r.err());
    }

    private static Path cache() {
        return Cli.shared().resolve("cache");
    }

    /** A copy of the tiny run's folder (config.json, split/, checkpoints) to damage. */
    private static Path copyOfTinyRun(String name) throws IOException {
        Path copy = Cli.shared().resolve(name);
        Files.createDirectories(copy.resolve("split"));
        try (Stream<Path> files = Files.walk(Cli.tinyRun())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(Cli.tinyRun().relativize(f).toString()));
            }
        }
        return copy;
    }

    /** Rewrites {@code file} with every value of tensor {@code name} (or of all, when null) replaced by {@code value}. */
    private static void poison(Path file, String name, float value) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
        c.tensors().forEach((n, e) -> {
            float[] v = e.values().clone();
            if (name == null || name.equals(n)) java.util.Arrays.fill(v, value);
            tensors.put(n, new SafeTensors.Entry(e.shape(), v, e.dtype()));
        });
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.remove(SafeTensors.CHECKSUM_KEY);
        SafeTensors.write(file, tensors, meta);
    }

    private static Path anImage() throws IOException {
        try (Stream<Path> files = Files.list(Cli.syntheticImages())) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void nanWeightsAreRefusedByPredictAndEvaluateNamingTheCheckpoint() throws IOException {
        Path run = copyOfTinyRun("nan-run");
        Path best = run.resolve("best.safetensors");
        poison(best, null, Float.NaN);

        assertOneLineError(
                Cli.run("predict", "--checkpoint", best.toString(), anImage().toString()),
                best.toString(),
                "holds NaN",
                "--allow-nonfinite");
        assertOneLineError(Cli.run("evaluate", "--checkpoint", run.toString()), best.toString(), "holds NaN");
        // Loaded anyway for debugging, the NaN probabilities are still refused rather than printed as "NaN% benign" or
        // AUC 0.5.
        assertOneLineError(
                Cli.run(
                        "predict",
                        "--allow-nonfinite",
                        "--checkpoint",
                        best.toString(),
                        anImage().toString()),
                best.toString(),
                "NaN probability");
        assertOneLineError(
                Cli.run("evaluate", "--allow-nonfinite", "--checkpoint", run.toString()),
                best.toString(),
                "NaN probability");
    }

    @Test
    void infiniteConvBiasIsRefusedToo() throws IOException {
        Path run = copyOfTinyRun("inf-run");
        Path best = run.resolve("best.safetensors");
        poison(best, "0.bias", Float.POSITIVE_INFINITY);
        assertOneLineError(
                Cli.run("evaluate", "--checkpoint", run.toString()), best.toString(), "tensor '0.bias' holds Infinity");
    }

    @Test
    void absurdImageSizeInCheckpointMetadataIsRefusedBeforeAnyAllocation() throws IOException {
        Path file = Cli.shared().resolve("huge-size.safetensors");
        Files.copy(Cli.tinyRun().resolve("best.safetensors"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("jgrad.image_size", "4096");
        meta.remove(SafeTensors.CHECKSUM_KEY);
        SafeTensors.write(file, c.tensors(), meta);
        assertOneLineError(
                Cli.run("predict", "--checkpoint", file.toString(), anImage().toString()),
                file.toString(),
                "jgrad.image_size",
                "4096");
    }

    @Test
    void initFromNonFiniteWeightsFailsAtOnceAndLeavesNoHalfRun() throws IOException {
        Path init = Cli.shared().resolve("nan-init.safetensors");
        Files.copy(Cli.tinyRun().resolve("best.safetensors"), init, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        poison(init, "3.weight", Float.NaN);
        Path out = Cli.shared().resolve("from-nan");
        assertOneLineError(
                Cli.run(Cli.tinyTrainArgs(out, "--init-from", init.toString(), "--epochs", "1")),
                "--init-from " + init,
                "tensor '3.weight' holds NaN");
        assertFalse(Files.exists(out), "the refused run removed the folder it created");
    }

    @Test
    void imageSizesOutOfRangeAreRefusedBeforeAnythingIsWritten() {
        for (String size : new String[] {"12", "65536", "4"}) {
            Path out = Cli.shared().resolve("size-" + size);
            assertOneLineError(Cli.run(Cli.tinyTrainArgs(out, "--image-size", size)), "--image-size", size);
            assertFalse(Files.exists(out), "nothing written for --image-size " + size);
        }
    }

    @Test
    void aFolderClaimedByALiveProcessIsRefusedAndAStaleClaimIsTakenOver() throws Exception {
        Path busy = Files.createDirectories(Cli.shared().resolve("claimed-run"));
        ProcessHandle me = ProcessHandle.current();
        Files.writeString(
                busy.resolve(".lock"),
                me.pid() + " " + me.info().startInstant().map(Object::toString).orElse("?"));
        assertOneLineError(
                Cli.run(Cli.tinyTrainArgs(busy, "--epochs", "1")),
                busy.toString(),
                "in use by another training",
                "process " + me.pid());
        try (Stream<Path> files = Files.list(busy)) {
            assertEquals(1, files.count(), "nothing written beside the other process' lock");
        }

        Process gone = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        gone.waitFor();
        Path stale = Files.createDirectories(Cli.shared().resolve("stale-run"));
        Files.writeString(stale.resolve(".lock"), gone.pid() + " 2000-01-01T00:00:00Z");
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(stale, "--epochs", "1"));
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(Files.isRegularFile(stale.resolve("best.safetensors")));
        assertFalse(Files.exists(stale.resolve(".lock")), "the finished run released its claim");
    }

    @Test
    void divergingTrainingStopsNamingTheStepAndCleansUp() {
        Path out = Cli.shared().resolve("diverging");
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(
                out, "--optimizer", "sgd", "--lr", "1e6", "--lr-schedule", "constant", "--epochs", "1"));
        assertOneLineError(r, "at epoch 1, step");
        assertFalse(
                Files.exists(out.resolve("config.json")),
                "a run that failed before its first epoch leaves no config.json");
        assertOneLineError(
                Cli.run(Cli.tinyTrainArgs(Cli.shared().resolve("heavy"), "--class-weight", "1e30")),
                "--class-weight",
                "1e30");
    }

    @Test
    void resumeRefusesAnEditedTrainingState() throws IOException {
        for (int epochsDone : new int[] {-5, Integer.MAX_VALUE}) {
            Path run = copyOfTinyRun("edited-state" + (epochsDone < 0 ? "-neg" : "-max"));
            Path last = run.resolve("last.safetensors");
            SafeTensors.Contents c = SafeTensors.read(last);
            Map<String, String> meta = new LinkedHashMap<>(c.metadata());
            meta.put(
                    "jgrad.train_state",
                    meta.get("jgrad.train_state")
                            .replaceFirst("\"epochsDone\" : \\d+", "\"epochsDone\" : " + epochsDone));
            meta.remove(SafeTensors.CHECKSUM_KEY);
            SafeTensors.write(last, c.tensors(), meta);
            byte[] best = Files.readAllBytes(run.resolve("best.safetensors"));
            assertOneLineError(
                    Cli.run("train", "--resume", run.toString()), last.toString(), "epochsDone " + epochsDone);
            assertArrayEquals(best, Files.readAllBytes(run.resolve("best.safetensors")), "best.safetensors untouched");
        }
    }

    @Test
    void resumeRefusesOptionsItWouldIgnore() {
        String run = Cli.tinyRun().toString();
        assertOneLineError(
                Cli.run(
                        "train",
                        "--resume",
                        run,
                        "--out",
                        Cli.shared().resolve("elsewhere").toString()),
                "--out");
        assertOneLineError(Cli.run("train", "--resume", run, "--early-stop", "1"), "--early-stop");
        assertOneLineError(
                Cli.run(
                        "train",
                        "--resume",
                        run,
                        "--cache-dir",
                        Cli.shared().resolve("other-cache").toString()),
                "--cache-dir");
    }

    /** A copy of the synthetic set (its CSV and images) whose first image is cut short; returns the data folder. */
    private static Path dataWithOneBadImage(String name) throws IOException {
        Path data = Cli.shared().resolve(name);
        Path images = Files.createDirectories(data.resolve("images"));
        Path source = Cli.syntheticImages();
        Files.copy(
                source.getParent().resolve("ISIC_2019_Training_GroundTruth.csv"),
                data.resolve("ISIC_2019_Training_GroundTruth.csv"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) Files.copy(f, images.resolve(f.getFileName()));
        }
        try (Stream<Path> files = Files.list(images)) {
            Path bad = files.sorted().findFirst().orElseThrow();
            Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(bad), 300));
        }
        return data;
    }

    @Test
    void aRunRefusedForABadImageCanBeRunAgainWithTheFixIntoTheSameFolder() throws IOException {
        Path data = dataWithOneBadImage("bad-image-data");
        Path out = Cli.shared().resolve("bad-image-run");
        String[] args = {
            "train",
            "--data",
            data.toString(),
            "--image-size",
            "16",
            "--epochs",
            "1",
            "--batch-size",
            "8",
            "--cache-dir",
            Cli.shared().resolve("cache-bad-image").toString(),
            "--out",
            out.toString()
        };
        assertOneLineError(Cli.run(args), "SYN_0000000");
        assertFalse(Files.exists(out), "the failed start removed what it wrote");
        String[] fixed = java.util.Arrays.copyOf(args, args.length + 1);
        fixed[args.length] = "--skip-bad";
        Cli.Result r = Cli.run(fixed);
        assertEquals(0, r.exit(), r.err() + r.out());
    }

    @Test
    void theDataFolderIsNeverWritten() {
        Path data = Cli.syntheticImages().getParent();
        assertOneLineError(
                Cli.run(Cli.tinyTrainArgs(data.resolve("run"), "--data", data.toString())),
                "--out",
                "inside the data folder");
        assertFalse(Files.exists(data.resolve("run")));
        assertOneLineError(
                Cli.run(
                        "evaluate",
                        "--checkpoint",
                        Cli.tinyRun().toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        data.resolve("eval").toString()),
                "--out",
                "inside the data folder");
        assertFalse(Files.exists(data.resolve("eval")));
    }

    @Test
    void anErrorQuotingMegabytesOfTextIsOneShortLine() {
        String huge = "x".repeat(5 << 20);
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(Cli.shared().resolve("huge-option"), "--format", huge));
        assertOneLineError(r, "--format", "characters)");
        assertTrue(r.err().length() < 600, r.err().length() + " characters");
    }
}
