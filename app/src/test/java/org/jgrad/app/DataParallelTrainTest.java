package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --nproc 2}: two JVMs on the tiny synthetic run; a rank that dies stops the other with its rank named. */
class DataParallelTrainTest {
    @TempDir
    Path temp;

    @Test
    void twoProcessesTrainTheTinyRun() throws Exception {
        Path single = temp.resolve("one"), pair = temp.resolve("two");
        Cli.Result one = Cli.run(Cli.tinyTrainArgs(single, "--threads", "1"));
        assertEquals(0, one.exit(), one.err() + one.out());
        Cli.Result two = Cli.run(Cli.tinyTrainArgs(pair, "--nproc", "2"));
        assertEquals(0, two.exit(), two.err() + two.out());
        assertTrue(two.out().contains("data-parallel: rank 0 of 2 processes"), two.out());
        assertTrue(
                two.out().contains("[rank 1] data-parallel: rank 1 of 2 processes"),
                "rank 1's output, prefixed: " + two.out());
        for (String file : List.of("best.safetensors", "last.safetensors", "metrics.csv", "report.html")) {
            assertTrue(Files.isRegularFile(pair.resolve(file)), file + " written by rank 0");
        }
        // Two ranks on halves of each batch train nearly the model one process trains on whole batches: they differ
        // only in batch-norm normalising each half apart (docs/SCALE-OUT.md). So the validation losses agree
        // closely, and the mean of the ranks' training losses (each over its half) is one process's.
        List<Double> oneVal = column(one.out(), "", "val loss"), rank0Val = column(two.out(), "", "val loss");
        List<Double> rank1Val = column(two.out(), "[rank 1] ", "val loss");
        List<Double> oneTrain = column(one.out(), "", "train loss"), rank0Train = column(two.out(), "", "train loss");
        List<Double> rank1Train = column(two.out(), "[rank 1] ", "train loss");
        assertEquals(3, oneVal.size());
        for (int e = 0; e < 3; e++) {
            assertEquals(rank0Val.get(e), rank1Val.get(e), 0.0, "both ranks validate the same model, epoch " + (e + 1));
            assertEquals(oneVal.get(e), rank0Val.get(e), 0.02, "validation loss vs one process, epoch " + (e + 1));
            assertEquals(
                    oneTrain.get(e),
                    (rank0Train.get(e) + rank1Train.get(e)) / 2,
                    0.05,
                    "training loss vs one process, epoch " + (e + 1));
        }
    }

    @Test
    void twoProcessesResumeARunAtItsSavedEpoch() throws Exception {
        Path run = temp.resolve("resumed");
        Cli.Result first = Cli.run(Cli.tinyTrainArgs(run, "--nproc", "2", "--epochs", "1"));
        assertEquals(0, first.exit(), first.err() + first.out());
        Cli.Result more = Cli.run("train", "--resume", run.toString(), "--nproc", "2", "--epochs", "2");
        assertEquals(0, more.exit(), more.err() + more.out());
        // Rank 1 resumes from a copy of rank 0's checkpoint in its own scratch folder: the same epoch, the same model.
        assertTrue(more.out().contains("resume: continuing after epoch 1 of " + run), more.out());
        assertTrue(more.out().contains("[rank 1] resume: continuing after epoch 1 of "), more.out());
        List<Double> rank0Val = column(more.out(), "", "val loss"),
                rank1Val = column(more.out(), "[rank 1] ", "val loss");
        assertEquals(1, rank0Val.size(), "only epoch 2 is trained: " + more.out());
        assertEquals(rank0Val, rank1Val, "both ranks validate the same model after resuming");
    }

    /** The value after {@code key} in every epoch line that starts with {@code prefix} + "epoch". */
    private static List<Double> column(String out, String prefix, String key) {
        return out.lines()
                .filter(l -> l.startsWith(prefix + "epoch ") && l.contains(" | val loss "))
                .map(l -> Double.parseDouble(
                        l.substring(l.indexOf(key) + key.length()).strip().split(" ")[0]))
                .toList();
    }

    @Test
    void aRankThatDiesStopsTheOthers() throws Exception {
        Path run = temp.resolve("killed");
        long start = System.nanoTime();
        CompletableFuture<Cli.Result> training = CompletableFuture.supplyAsync(
                () -> Cli.run(Cli.tinyTrainArgs(run, "--nproc", "2", "--synth-count", "200", "--epochs", "200")));
        ProcessHandle child = null;
        for (int i = 0; i < 600 && child == null; i++) {
            child = ProcessHandle.current().children().findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertTrue(child != null, "rank 1's JVM was started");
        Thread.sleep(8_000); // well into training
        child.destroyForcibly();
        Cli.Result r = training.get(120, TimeUnit.SECONDS);
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("rank 1"), r.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 120);
    }

    @Test
    void badProcessCountIsNamed() {
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(temp.resolve("bad"), "--nproc", "0"));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--nproc must be 1..64, got 0"), r.err());
    }
}
