package org.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A rank killed after rank 0's first checkpoint fails the barrier stage; Spark retries it, and the
 * ranks resume from that checkpoint: the run ends as the same run without the failure does.
 */
class BarrierResumeTest {
    @Test
    void aRetriedStageResumesFromRankZerosCheckpoint() throws Exception {
        Path temp = Files.createTempDirectory("jgrad-barrier-resume-test");
        List<String> options = List.of(
                "--synth-count",
                "40",
                "--image-size",
                "32",
                "--epochs",
                "3",
                "--batch-size",
                "8",
                "--seed",
                "3",
                "--threads",
                "1",
                "--cache-dir",
                temp.resolve("cache").toString());
        // local[2,4]: up to 4 task failures, so the barrier stage may be retried
        SparkSession spark =
                LocalSpark.builder("local[2,4]", "jgrad-barrier-resume-test").getOrCreate();
        Path whole = temp.resolve("whole"), interrupted = temp.resolve("interrupted");
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            BarrierTrain.run(spark, 2, options, whole.toString());
            Thread killer = new Thread(() -> killOneRankAfterTheFirstCheckpoint(interrupted));
            killer.start();
            System.setOut(new PrintStream(new TeeStream(console, captured), true));
            BarrierTrain.run(spark, 2, options, interrupted.toString());
            killer.join();
        } finally {
            System.setOut(console);
            spark.stop();
        }
        String log = captured.toString();
        Matcher resumed =
                Pattern.compile("resume: continuing after epoch (\\d)").matcher(log);
        assertTrue(resumed.find(), "the retried stage resumes; the log was:\n" + tail(log));
        int after = Integer.parseInt(resumed.group(1));
        assertTrue(after >= 1 && after < 3, "resumed after epoch " + after);
        assertTrue(log.contains("stage attempt 1: resuming"), tail(log));

        JsonNode a = metrics(whole), b = metrics(interrupted);
        assertEquals(6, b.path("epochs").size(), "3 epochs × (train, validation) rows: " + b.path("epochs"));
        for (int row = 0; row < 6; row++) {
            assertEquals(
                    a.path("epochs").get(row).path("loss").asDouble(),
                    b.path("epochs").get(row).path("loss").asDouble(),
                    1e-9,
                    "metrics row " + row);
        }
        assertEquals(
                a.path("test").path("loss").asDouble(),
                b.path("test").path("loss").asDouble(),
                1e-9,
                "test loss");
        assertEquals(
                a.path("test").path("rocAuc").asDouble(),
                b.path("test").path("rocAuc").asDouble(),
                1e-12);
    }

    /** Waits for the run's first checkpoint, then kills one rank's JVM (a child of this JVM in local mode). */
    private static void killOneRankAfterTheFirstCheckpoint(Path run) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!Files.isRegularFile(run.resolve("last.safetensors")) && System.nanoTime() < deadline) {
            sleep(10);
        }
        // In local mode this JVM's only child processes are the two ranks' JVMs.
        Optional<ProcessHandle> rank = ProcessHandle.current().children().findFirst();
        System.err.println(
                "killing a rank's JVM: " + rank.map(ProcessHandle::pid).orElse(-1L));
        rank.ifPresent(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode metrics(Path run) throws java.io.IOException {
        return new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    }

    private static String tail(String log) {
        return log.length() < 6000 ? log : log.substring(log.length() - 6000);
    }

    /** Writes to the console and keeps a copy. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream copy;

        TeeStream(PrintStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            console.write(bytes, offset, length);
            copy.write(bytes, offset, length);
        }
    }
}
